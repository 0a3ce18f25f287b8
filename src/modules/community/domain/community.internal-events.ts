import { defineEvent } from '#libs/ddd/domain-event.js';

/**
 * `community.internal.erase-requested` v1: community asking itself, through the outbox, to
 * erase one thing an erased account holds — an application, a mentorship (as newcomer or as
 * supporter), a supporter, a plan — so that each is changed in a delivery of its own (one
 * aggregate each, retried alone) and none is lost on a crash. One stream per account
 * (`aggregateId` the account id): handled in the order asked.
 */
export const EraseRequested = defineEvent<{ kind: 'APPLICATION' | 'MENTORSHIP' | 'SUPPORTER' | 'PLAN'; id: string; accountId: string }>(
  'community.internal.erase-requested',
  'ErasureRequest',
);
