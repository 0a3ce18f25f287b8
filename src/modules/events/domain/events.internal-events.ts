import { defineEvent } from '#libs/ddd/domain-event.js';

/**
 * `events.internal.erasure-cancel-requested` v1: the events module asking itself, through
 * the outbox, to cancel one live registration of an erased person exactly as their own
 * cancelRegistration would (a freed seat goes to the head of the queue), each in a
 * transaction of its own (one command, one Event) and none lost on a crash. Ids only.
 */
export const ErasureCancelRequested = defineEvent<{ registrationId: string; accountId: string }>(
  'events.internal.erasure-cancel-requested',
  'Event',
);
