import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { ConsultationStatus } from '#libs/contracts/support/enums.js';
import type { ConsultationRecord } from '../consultation-record.js';

/** routed staff: REQUESTED or BOOKED -> DONE or NO_SHOW, with notes only staff see. */
export class RecordConsultationOutcomeCommand extends Command<ConsultationRecord> {
  constructor(
    readonly caller: Caller | null,
    readonly consultationId: string,
    readonly status: ConsultationStatus,
    readonly outcome: string | null,
  ) {
    super();
  }
}
