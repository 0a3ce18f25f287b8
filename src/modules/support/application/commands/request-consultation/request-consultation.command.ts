import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { ConsultationChannel, ConsultationTopic } from '#libs/contracts/support/enums.js';
import type { ConsultationRecord } from '../consultation-record.js';

/** a signed-in person: a consultation routed to the region's organizations for its topics; with a slot, booked at once. */
export class RequestConsultationCommand extends Command<ConsultationRecord> {
  constructor(
    readonly caller: Caller | null,
    readonly input: {
      regionId: string; topics: ConsultationTopic[]; channel: ConsultationChannel; question: string;
      slotId?: string | null; fullName: string; phone: string;
    },
  ) {
    super();
  }
}
