import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { ConsultationRecord } from '../consultation-record.js';

/** the person or routed staff: REQUESTED -> BOOKED, one consultation per slot. */
export class BookConsultationSlotCommand extends Command<ConsultationRecord> {
  constructor(
    readonly caller: Caller | null,
    readonly consultationId: string,
    readonly slotId: string,
  ) {
    super();
  }
}
