import { Inject, type OnModuleInit } from '@nestjs/common';
import type { DomainEvent } from '../ddd/domain-event.js';
import { SubscriberRegistry, type EventSubscriber } from './subscriber-registry.js';

/** Base of a module's reaction to an event: registers itself with the relay at start. */
export abstract class OutboxSubscriber implements EventSubscriber, OnModuleInit {
  @Inject(SubscriberRegistry) private readonly subscriberRegistry!: SubscriberRegistry;
  abstract readonly name: string;
  abstract readonly eventTypes: readonly string[];

  onModuleInit(): void {
    this.subscriberRegistry.register(this);
  }

  abstract handle(event: DomainEvent): Promise<void>;
}
