import { Injectable } from '@nestjs/common';
import { AttendeeCheckedIn } from '#libs/contracts/events/events.js';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { OutboxSubscriber } from '#libs/messaging/outbox-subscriber.js';
import { MatchingRepository } from '../../infrastructure/matching.repository.js';

/** Remembers who attended an event in which region (a recommendation reason). */
@Injectable()
export class RecordAttendanceOnAttendeeCheckedIn extends OutboxSubscriber {
  readonly name = 'matching.record-attendance';
  readonly eventTypes = [AttendeeCheckedIn.type];

  constructor(private readonly repo: MatchingRepository) {
    super();
  }

  async handle(event: DomainEvent): Promise<void> {
    if (!AttendeeCheckedIn.is(event)) return;
    const { accountId, eventId, regionId } = event.payload;
    await this.repo.recordAttendance(accountId, eventId, regionId, event.occurredAt);
  }
}
