import { Injectable } from '@nestjs/common';
import { StayCompleted } from '#libs/contracts/housing/events.js';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { OutboxSubscriber } from '#libs/messaging/outbox-subscriber.js';
import { MatchingRepository } from '../../infrastructure/matching.repository.js';

/** Remembers who completed a stay in which region (a recommendation reason: "stayed in the region"). */
@Injectable()
export class RecordRegionStayOnStayCompleted extends OutboxSubscriber {
  readonly name = 'matching.record-region-stay';
  readonly eventTypes = [StayCompleted.type];

  constructor(private readonly repo: MatchingRepository) {
    super();
  }

  async handle(event: DomainEvent): Promise<void> {
    if (!StayCompleted.is(event)) return;
    const { accountId, stayId, regionId } = event.payload;
    await this.repo.recordRegionStay(accountId, stayId, regionId, event.occurredAt);
  }
}
