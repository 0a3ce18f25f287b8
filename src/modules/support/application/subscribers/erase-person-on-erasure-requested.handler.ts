import { Injectable } from '@nestjs/common';
import { AccountErasureRequested } from '#libs/contracts/privacy/events.js';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { OutboxSubscriber } from '#libs/messaging/outbox-subscriber.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { ConsultationErasureRequested } from '../../domain/support.internal-events.js';
import { JourneyProjection } from '../../infrastructure/journey.projection.js';
import { SupportRepository } from '../../infrastructure/support.repository.js';

/**
 * A person's account was erased (privacy.account.erasure-requested): support removes what it
 * holds about them.
 *
 * First delivery, under the person's lock (so no request or journey write slips in beside
 * it): the erasure is noted (`erased_account`, which the journey consults whenever it writes
 * a person, so neither a rebuild from the log nor a late event brings a name back), the
 * journey's copy of the person loses their email and display name, and one internal request
 * per consultation still holding something is appended to the log. Each of those is then
 * handled in a delivery (a transaction) of its own — one aggregate per transaction: an open
 * consultation is cancelled as the person's own cancellation (ConsultationCancelled,
 * cancelledBy PERSON; its slot is free again), then its name, email, phone, question and
 * notes are erased.
 *
 * Idempotent: a redelivery, or a second erasure request, finds nothing left to change. No
 * payload to scrub: support's events carry ids, topics and channels only (contracts and
 * the internal request alike); the person's email in identity's AccountRegistered is
 * identity's to scrub.
 */
@Injectable()
export class ErasePersonOnErasureRequested extends OutboxSubscriber {
  readonly name = 'support.erasure';
  readonly eventTypes = [AccountErasureRequested.type, ConsultationErasureRequested.type];

  constructor(
    private readonly repo: SupportRepository,
    private readonly journey: JourneyProjection,
    private readonly uow: UnitOfWork,
  ) {
    super();
  }

  async handle(event: DomainEvent): Promise<void> {
    if (AccountErasureRequested.is(event)) {
      const { accountId } = event.payload;
      await this.repo.markErased(accountId, event.occurredAt);
      await this.journey.erasePerson(accountId);
      const ids = await this.repo.consultationsToErase(accountId);
      await this.uow.publish('support', ids.map((consultationId) => ConsultationErasureRequested.create(consultationId, { consultationId, accountId })));
      return;
    }
    if (!ConsultationErasureRequested.is(event)) return;
    const consultation = await this.repo.consultation(event.payload.consultationId);
    if (!consultation || (!consultation.isOpen && !consultation.holdsPersonalData)) return;
    const now = new Date();
    if (consultation.isOpen) consultation.cancel('PERSON', now);
    consultation.erasePersonalData(now);
    await this.repo.saveConsultation(consultation);
  }
}
