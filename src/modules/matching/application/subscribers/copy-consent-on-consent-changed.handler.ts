import { Injectable } from '@nestjs/common';
import { ConsentChanged } from '#libs/contracts/privacy/events.js';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { OutboxSubscriber } from '#libs/messaging/outbox-subscriber.js';
import { MatchingRepository } from '../../infrastructure/matching.repository.js';

/**
 * Keeps matching's copy of each person's MATCHING answers (who may see their profile, be
 * given their contact details by a match): matching reads no privacy table.
 */
@Injectable()
export class CopyConsentOnConsentChanged extends OutboxSubscriber {
  readonly name = 'matching.copy-consent';
  readonly eventTypes = [ConsentChanged.type];

  constructor(private readonly repo: MatchingRepository) {
    super();
  }

  async handle(event: DomainEvent): Promise<void> {
    if (!ConsentChanged.is(event) || event.payload.purpose !== 'MATCHING') return;
    const { accountId, organizationId, granted, at, version } = event.payload;
    await this.repo.recordConsent(accountId, organizationId, granted, new Date(at), version);
  }
}
