import { Injectable } from '@nestjs/common';
import { MentorshipRequested, MentorshipStarted, RoleApplicationSubmitted } from '#libs/contracts/community/events.js';
import { StayRequested, ViewingRequested } from '#libs/contracts/housing/events.js';
import { AccountErased } from '#libs/contracts/identity/events.js';
import { CandidateProfileSaved, MatchEstablished } from '#libs/contracts/matching/events.js';
import { AccountErasureRequested, provisionsOf } from '#libs/contracts/privacy/events.js';
import { ConsultationRequested } from '#libs/contracts/support/events.js';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { OutboxSubscriber } from '#libs/messaging/outbox-subscriber.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { PrivacyRepository } from '../../infrastructure/privacy.repository.js';

/** The acts whose events carry `provided` (contract 90-privacy, "Provision records"). */
export const PROVISION_EVENT_TYPES = [
  MatchEstablished.type,
  StayRequested.type,
  ViewingRequested.type,
  RoleApplicationSubmitted.type,
  MentorshipRequested.type,
  MentorshipStarted.type,
  ConsultationRequested.type,
] as const;

/**
 * Provision records from the acts' own events: the module that made a person's data
 * available wrote the facts with its event, in the act's transaction; this writes one record
 * per fact, in log order, once (the relay's inbox, and `(event_id, ordinal)`).
 */
@Injectable()
export class RecordProvisionsOnEvents extends OutboxSubscriber {
  readonly name = 'privacy.provisions';
  readonly eventTypes = PROVISION_EVENT_TYPES;

  constructor(private readonly repo: PrivacyRepository) {
    super();
  }

  async handle(event: DomainEvent): Promise<void> {
    await this.repo.recordProvisions(event.id, event.occurredAt, provisionsOf(event.payload));
  }
}

/**
 * MATCHING is granted when a profile is first saved (the form says so): recorded as the
 * person's general answer, unless they had already given one. From the beginning of the log,
 * so profiles saved before this module existed get theirs too.
 */
@Injectable()
export class GrantMatchingOnFirstProfile extends OutboxSubscriber {
  readonly name = 'privacy.matching-consent';
  readonly eventTypes = [CandidateProfileSaved.type];

  constructor(private readonly repo: PrivacyRepository) {
    super();
  }

  async handle(event: DomainEvent): Promise<void> {
    if (!CandidateProfileSaved.is(event) || !event.payload.created) return;
    const consents = await this.repo.loadConsents(event.payload.accountId);
    if (consents.grantMatchingFromProfileForm(event.occurredAt)) await this.repo.saveConsents(consents, event.occurredAt);
  }
}

/**
 * Identity erased an account (password checked, tokens revoked): asks every module to erase
 * what it holds about the person, once.
 */
@Injectable()
export class RequestErasureOnAccountErased extends OutboxSubscriber {
  readonly name = 'privacy.erasure';
  readonly eventTypes = [AccountErased.type];

  constructor(
    private readonly repo: PrivacyRepository,
    private readonly uow: UnitOfWork,
  ) {
    super();
  }

  async handle(event: DomainEvent): Promise<void> {
    if (!AccountErased.is(event)) return;
    const { accountId } = event.payload;
    const at = new Date(event.payload.erasedAt);
    if (!(await this.repo.recordErasure(accountId, at))) return;
    await this.uow.publish('privacy', [AccountErasureRequested.create(accountId, { accountId, requestedAt: at.toISOString() }, at)]);
  }
}
