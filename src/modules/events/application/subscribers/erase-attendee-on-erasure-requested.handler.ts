import { Injectable } from '@nestjs/common';
import { AccountErasureRequested } from '#libs/contracts/privacy/events.js';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { OutboxSubscriber } from '#libs/messaging/outbox-subscriber.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { ErasureCancelRequested } from '../../domain/events.internal-events.js';
import { EventsRepository } from '../../infrastructure/events.repository.js';

/**
 * An erased account (contract 90-privacy): its registrations and feedback lose the name,
 * email and comment, and each live registration is cancelled as the person's own
 * cancelRegistration would — one request per registration, each then a transaction of its
 * own (one command, one Event). None of events' integration events carries the name,
 * email or comment (ids, statuses, ratings only): there is no payload to scrub.
 * A redelivery finds the rows scrubbed and asks only for what is still live (a second
 * request for one registration is a no-op).
 */
@Injectable()
export class EraseAttendeeOnErasureRequested extends OutboxSubscriber {
  readonly name = 'events.erasure';
  readonly eventTypes = [AccountErasureRequested.type];

  constructor(
    private readonly repo: EventsRepository,
    private readonly uow: UnitOfWork,
  ) {
    super();
  }

  async handle(event: DomainEvent): Promise<void> {
    if (!AccountErasureRequested.is(event)) return;
    const { accountId } = event.payload;
    await this.repo.scrubAttendee(accountId);
    const live = await this.repo.liveRegistrationsOf(accountId);
    await this.uow.publish(
      'events',
      live.map((r) => ErasureCancelRequested.create(r.eventId, { registrationId: r.id, accountId })),
    );
  }
}
