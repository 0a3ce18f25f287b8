import { defineEvent } from '../../ddd/domain-event.js';
import type { ConsentPurpose, PersonalField, ProvisionBasis, ProvisionOccasion } from './enums.js';

/**
 * `privacy.consent.changed` v1: a person's answer for a purpose, for every partner
 * organization (`organizationId` null) or one (its own answer wins over the general one).
 * Modules that gate what they show on consent (matching: MATCHING; support:
 * CONSORTIUM_SHARING) keep a copy from these events. `at` ISO 8601. `version` grows with each
 * change of the same (account, purpose, organization) answer: a copy keeps the answer of the
 * highest version it has seen, so two changes whose transactions commit in the other order
 * than they began still leave the copy equal to the privacy module's answer.
 */
export const ConsentChanged = defineEvent<{
  accountId: string;
  purpose: ConsentPurpose;
  organizationId: string | null;
  granted: boolean;
  at: string;
  version: number;
}>('privacy.consent.changed', 'Consent');

/**
 * `privacy.account.erasure-requested` v1: a CANDIDATE account was erased (password checked,
 * tokens revoked, identity's own data gone). Every module removes what it holds about the
 * person: fullName, email and phone leave its tables, read models and event payloads, a
 * displayName it keeps becomes ERASED_DISPLAY_NAME; seats, stays, applications,
 * mentorships and matches are released as the person's own cancellation would. Handlers
 * are idempotent (a redelivery finds nothing left to do). Counts in insights stay.
 */
export const AccountErasureRequested = defineEvent<{ accountId: string; requestedAt: string }>(
  'privacy.account.erasure-requested',
  'ErasureRequest',
);


/**
 * One provision of a person's personal data to a recipient, as the module whose act made it
 * writes it into that act's integration event (`provided`), in the same transaction. The
 * privacy module turns each into a ProvisionRecord from the event log: in order, exactly
 * once. Ids only: never the data itself.
 */
export interface ProvisionFact {
  /** The person whose data it is. */
  subjectAccountId: string;
  /** The receiving organization; null when the recipient is a person. */
  recipientOrganizationId: string | null;
  /** The receiving person (a supporter), when it is one. */
  recipientAccountId: string | null;
  /** Why, in words the person understands, e.g. 「就労マッチングの連絡のため」. */
  purpose: string;
  fields: PersonalField[];
  basis: ProvisionBasis;
  occasion: ProvisionOccasion;
  /** The id of the match, stay, viewing request, application, mentorship or consultation. */
  occasionId: string;
}

/**
 * The payload part of an integration event whose act made personal data available:
 * `matching.match.established`, `housing.stay.requested`, `housing.viewing.requested`,
 * `community.role-application.submitted`, `community.mentorship.started`,
 * `support.consultation.requested`. Absent from events written before the privacy issue.
 */
export interface CarriesProvisions {
  provided?: ProvisionFact[];
}

/** The provisions an event carries (none when it carries no `provided`). */
export function provisionsOf(payload: unknown): ProvisionFact[] {
  const provided = (payload as CarriesProvisions | null)?.provided;
  return Array.isArray(provided) ? provided : [];
}
