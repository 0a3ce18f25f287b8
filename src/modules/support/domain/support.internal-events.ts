import { defineEvent } from '#libs/ddd/domain-event.js';

/**
 * `support.internal.consultation-erasure-requested` v1: support asking itself, through the
 * outbox, to erase one consultation of a person whose account was erased — cancelled first
 * if still open, as the person's own cancellation — so that each consultation is changed in
 * a transaction of its own (one command, one aggregate) and none is lost on a crash. Ids only.
 */
export const ConsultationErasureRequested = defineEvent<{ consultationId: string; accountId: string }>(
  'support.internal.consultation-erasure-requested',
  'Consultation',
);
