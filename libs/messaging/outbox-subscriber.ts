import { Inject, type OnModuleInit } from '@nestjs/common';
import type { DomainEvent } from '../ddd/domain-event.js';
import { SubscriberRegistry, type EventSubscriber } from './subscriber-registry.js';

/**
 * Base of a module's reaction to events: registers itself with this process's relay at
 * start. What it may count on (at least once, in order per aggregate, effectively once
 * when it writes with `uow.manager`) is on `EventSubscriber`; a subclass may add
 * `startFrom` and a `reset()` that clears its read model for an operator's rebuild.
 */
export abstract class OutboxSubscriber implements EventSubscriber, OnModuleInit {
  @Inject(SubscriberRegistry) private readonly subscriberRegistry!: SubscriberRegistry;
  abstract readonly name: string;
  abstract readonly eventTypes: readonly string[];

  onModuleInit(): void {
    this.subscriberRegistry.register(this);
  }

  abstract handle(event: DomainEvent): Promise<void>;
}
