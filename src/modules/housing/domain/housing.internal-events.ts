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
