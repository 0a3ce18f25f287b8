import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { ConsultationChannel, ConsultationTopic } from '#libs/contracts/support/enums.js';
import type { ConsultationSlot } from '../../../domain/consultation-slot.js';

/** staff: slots for topics their organization handles. */
export class OfferConsultationSlotsCommand extends Command<ConsultationSlot[]> {
  constructor(
    readonly caller: Caller | null,
    readonly input: { organizationId: string; topics: ConsultationTopic[]; channel: ConsultationChannel; startsAt: Date[]; minutes: number },
  ) {
    super();
  }
}
