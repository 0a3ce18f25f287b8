import { randomUUID } from 'node:crypto';

/** Something that happened to an aggregate, recorded in the outbox with the change itself. */
export interface DomainEvent<P = unknown> {
  readonly id: string;
  /** Stable dotted name, e.g. `careers.opportunity.published`. */
  readonly type: string;
  readonly payloadVersion: number;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly occurredAt: Date;
  readonly payload: P;
}

/** The definition of one event type: its stable name, payload version and a typed factory. */
export interface EventDefinition<P> {
  readonly type: string;
  readonly version: number;
  readonly aggregateType: string;
  create(aggregateId: string, payload: P, occurredAt?: Date): DomainEvent<P>;
  /** Narrows a stored event to this definition's payload. */
  is(event: DomainEvent): event is DomainEvent<P>;
}

/** Every event type declared so far in this process (definitions are module-level constants, declared on import). */
const declared = new Set<string>();

/** The event types declared with `defineEvent` in this process, sorted (a diagnostics subscriber takes them all). */
export function declaredEventTypes(): string[] {
  return [...declared].sort();
}

/** Declares an event type; integration events between modules are declared in libs/contracts. */
export function defineEvent<P>(type: string, aggregateType: string, version = 1): EventDefinition<P> {
  declared.add(type);
  return {
    type,
    version,
    aggregateType,
    create: (aggregateId, payload, occurredAt = new Date()) => ({
      id: randomUUID(),
      type,
      payloadVersion: version,
      aggregateType,
      aggregateId,
      occurredAt,
      payload,
    }),
    is: (event): event is DomainEvent<P> => event.type === type,
  };
}
