import { DynamicModule, Global, Module } from '@nestjs/common';
import { MessagingAuditSubscriber } from './messaging-audit.js';
import { MessagingOperations } from './messaging-operations.js';
import { OutboxResolver } from './outbox.resolver.js';
import { OutboxRelay, RELAY_OPTIONS, type RelayOptions } from './outbox-relay.js';
import { SubscriberRegistry } from './subscriber-registry.js';
import { UnitOfWork } from './unit-of-work.js';

/** The unit of work, the event log's relay and the subscriber registry, shared by every module (and, with the audit on, its subscriber). */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: RelayOptions): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        { provide: RELAY_OPTIONS, useValue: options }, SubscriberRegistry, UnitOfWork, OutboxRelay, MessagingOperations, OutboxResolver,
        // Diagnostics: a subscriber of every event type, so the audit sees each logged event handled.
        ...(options.audit ? [MessagingAuditSubscriber] : []),
      ],
      exports: [SubscriberRegistry, UnitOfWork, OutboxRelay],
    };
  }
}
