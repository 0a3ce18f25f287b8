import { Injectable } from '@nestjs/common';
import type { DomainEvent } from '../ddd/domain-event.js';

/**
 * A reaction, in one module, to events published by others (or by itself), fed from the
 * event log (`messaging.outbox`) by the relay.
 *
 * What a subscriber can count on:
 * - **Every event of its types, from where it starts.** Which subscribers receive an event
 *   is decided when relaying, from the subscribers of the process that relays, not when
 *   publishing: a subscriber added years later reads the whole log (or from `startFrom`).
 * - **At least once.** `handle` may run more than once for one event (a failed attempt
 *   is retried; the relay's transaction may be rolled back and run again).
 * - **In order per aggregate.** An event is handed over only after every earlier event
 *   (by log position) of the same aggregate was handled by this subscriber. When one fails
 *   it is retried with backoff and, after the relay's maxAttempts, parked for an operator;
 *   until it succeeds (or an operator skips it) the later events of that aggregate wait
 *   (HELD), while other aggregates flow on. Across aggregates there is no order.
 * - **Effectively once**, when its effects are written with `uow.manager` (the relay's
 *   transaction): they commit together with the subscriber's progress or not at all, so no
 *   inbox is needed. An effect committed any other way (its own transaction, another
 *   system) must record the event in the inbox in that same commit (`recordInInbox`) and
 *   skip what is already there.
 */
export interface EventSubscriber {
  /** Stable and unique, e.g. `matching.copy-opportunity`: names its progress and its inbox. Renaming starts a new subscriber. */
  readonly name: string;
  readonly eventTypes: readonly string[];
  /**
   * Where a subscriber seen for the first time starts: the beginning of the log (the
   * default), `latest` (only what is not yet committed or readable when it first runs) or
   * a log position (events before it are never handed over).
   */
  readonly startFrom?: 'beginning' | 'latest' | number;
  /** Runs inside the relay's transaction: what it writes with `uow.manager` commits with the subscriber's progress. */
  handle(event: DomainEvent): Promise<void>;
  /**
   * Clears what this subscriber built, before an operator's reset sends it the log again;
   * runs in the transaction that moves its cursor back. Without it a reset re-delivers onto
   * what is there, which only an idempotent subscriber can take.
   */
  reset?(): Promise<void>;
}

/** Which subscribers this process runs; its relay feeds each of them from the event log. */
@Injectable()
export class SubscriberRegistry {
  private readonly byName = new Map<string, EventSubscriber>();

  register(subscriber: EventSubscriber): void {
    if (this.byName.has(subscriber.name)) throw new Error(`Duplicate subscriber name ${subscriber.name}`);
    this.byName.set(subscriber.name, subscriber);
  }

  get(name: string): EventSubscriber | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  all(): EventSubscriber[] {
    return [...this.byName.values()];
  }

  subscribersOf(type: string): string[] {
    return [...this.byName.values()].filter((s) => s.eventTypes.includes(type)).map((s) => s.name);
  }
}
