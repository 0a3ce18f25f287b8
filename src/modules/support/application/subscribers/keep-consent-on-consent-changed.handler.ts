import { Injectable } from '@nestjs/common';
import { ConsentChanged } from '#libs/contracts/privacy/events.js';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { OutboxSubscriber } from '#libs/messaging/outbox-subscriber.js';
import { ConsentCopy } from '../../infrastructure/consent-copy.js';

/**
 * Keeps support's copy of the person's CONSORTIUM_SHARING answers (the only purpose support
 * acts on: it widens who sees a journey). From the beginning of the log, so a deployment
 * that adds it replays every answer; `reset()` lets an operator rebuild it.
 */
@Injectable()
export class KeepConsentOnConsentChanged extends OutboxSubscriber {
  readonly name = 'support.consent';
  readonly eventTypes = [ConsentChanged.type];

  constructor(private readonly copy: ConsentCopy) {
    super();
  }

  async handle(event: DomainEvent): Promise<void> {
    if (!ConsentChanged.is(event) || event.payload.purpose !== 'CONSORTIUM_SHARING') return;
    await this.copy.keep(event.payload);
  }

  reset(): Promise<void> {
    return this.copy.reset();
  }
}
