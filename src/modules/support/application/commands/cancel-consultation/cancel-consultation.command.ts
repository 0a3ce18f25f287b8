import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { ConsultationRecord } from '../consultation-record.js';

/** the person or routed staff: REQUESTED or BOOKED -> CANCELLED; frees the slot. */
export class CancelConsultationCommand extends Command<ConsultationRecord> {
  constructor(
    readonly caller: Caller | null,
    readonly consultationId: string,
  ) {
    super();
  }
}
