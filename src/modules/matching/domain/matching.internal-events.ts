import { defineEvent } from '#libs/ddd/domain-event.js';

/**
 * `matching.internal.close-pair-requested` v1: matching asking itself, through the outbox,
 * to close one interest or scout of an opportunity that closed, so that each is changed in
 * a transaction of its own (one command, one aggregate) and none is lost on a crash.
 */
export const ClosePairRequested = defineEvent<{ kind: 'INTEREST' | 'SCOUT'; id: string; opportunityId: string }>(
  'matching.internal.close-pair-requested',
  'Opportunity',
);

/**
 * `matching.internal.erasure-release-requested` v1: matching asking itself, through the
 * outbox, to release one thing an erased person held, as their own act would — withdraw a
 * match not yet ended, withdraw an OPEN interest, decline an unanswered scout — each in a
 * transaction of its own (one command, one aggregate), none lost on a crash. Ids only.
 */
export const ErasureReleaseRequested = defineEvent<{ kind: 'MATCH' | 'INTEREST' | 'SCOUT'; id: string; accountId: string }>(
  'matching.internal.erasure-release-requested',
  'CandidateProfile',
);
