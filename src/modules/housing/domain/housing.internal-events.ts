import { defineEvent } from '#libs/ddd/domain-event.js';

/**
 * `housing.internal.release-requested` v1: housing asking itself, through the outbox, to
 * release one open request of a listing that was archived — a REQUESTED stay is DECLINED, a
 * REQUESTED or SCHEDULED viewing CANCELLED by staff — so that each is changed in a
 * transaction of its own (one command, one aggregate) and none is lost on a crash.
 */
export const ReleaseRequested = defineEvent<{ kind: 'STAY' | 'VIEWING'; id: string; listingId: string }>(
  'housing.internal.release-requested',
  'Listing',
);

/**
 * `housing.internal.erase-requested` v1: housing asking itself, through the outbox, to erase
 * one stay or viewing request of an erased account (privacy.account.erasure-requested) —
 * released as the person's own cancellation, then the register emptied — so that each is
 * changed in a delivery of its own (one aggregate each, retried alone) and none is lost on a
 * crash. One stream per account (`aggregateId` the account id): handled in the order asked.
 */
export const EraseRequested = defineEvent<{ kind: 'STAY' | 'VIEWING'; id: string; accountId: string }>(
  'housing.internal.erase-requested',
  'ErasureRequest',
);
