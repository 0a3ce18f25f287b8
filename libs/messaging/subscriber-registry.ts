import { Injectable } from '@nestjs/common';
import type { DomainEvent } from '../ddd/domain-event.js';

/** A reaction, in one module, to events published by others (or by itself). */
export interface EventSubscriber {
  /** Stable and unique, e.g. `matching.copy-on-opportunity-published`: names the inbox. */
  readonly name: string;
  readonly eventTypes: readonly string[];
  /** Runs inside the relay's transaction: what it writes commits with the inbox record. */
  handle(event: DomainEvent): Promise<void>;
}

/** Which subscribers exist in this deployment; the outbox fans each event out to them. */
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

  subscribersOf(type: string): string[] {
    return [...this.byName.values()].filter((s) => s.eventTypes.includes(type)).map((s) => s.name);
  }
}
