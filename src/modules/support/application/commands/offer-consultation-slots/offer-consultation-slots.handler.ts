import { CommandHandler } from '@nestjs/cqrs';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { ConsultationSlot } from '../../../domain/consultation-slot.js';
import { SupportRepository } from '../../../infrastructure/support.repository.js';
import { SupportPolicy } from '../../support.policy.js';
import { OfferConsultationSlotsCommand } from './offer-consultation-slots.command.js';

/**
 * The slots of one offer are written together or not at all: they are written once and
 * never change (a booking is the consultation's), so no other command contends for them.
 */
@CommandHandler(OfferConsultationSlotsCommand)
export class OfferConsultationSlotsHandler extends TransactionalHandler<OfferConsultationSlotsCommand, ConsultationSlot[]> {
  constructor(private readonly repo: SupportRepository) {
    super();
  }

  protected async handle({ caller, input }: OfferConsultationSlotsCommand): Promise<ConsultationSlot[]> {
    const { regionId } = SupportPolicy.offerSlots(caller, input.organizationId, input.topics);
    const slots = ConsultationSlot.offer({ ...input, regionId, offeredBy: caller!.accountId }, new Date());
    for (const slot of slots) await this.repo.saveSlot(slot);
    return slots;
  }
}
