import { CommandHandler } from '@nestjs/cqrs';
import { NotFoundError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { SupportRepository } from '../../../infrastructure/support.repository.js';
import { SupportPolicy } from '../../support.policy.js';
import { recordOf, type ConsultationRecord } from '../consultation-record.js';
import { BookConsultationSlotCommand } from './book-consultation-slot.command.js';

/**
 * The slot is not locked: the statement that saves the consultation with its slot decides,
 * through the unique index of one consultation per slot (SLOT_TAKEN for every loser).
 */
@CommandHandler(BookConsultationSlotCommand)
export class BookConsultationSlotHandler extends TransactionalHandler<BookConsultationSlotCommand, ConsultationRecord> {
  constructor(private readonly repo: SupportRepository) {
    super();
  }

  protected async handle({ caller, consultationId, slotId }: BookConsultationSlotCommand): Promise<ConsultationRecord> {
    const consultation = await this.repo.consultation(consultationId);
    if (!consultation) throw new NotFoundError('Consultation', consultationId);
    const by = SupportPolicy.personOrRoutedStaff(caller, consultation.data);
    const slot = await this.repo.slot(slotId);
    if (!slot) throw new NotFoundError('Slot', slotId);
    consultation.book(slot.id, slot.data, by, new Date());
    await this.repo.saveConsultation(consultation);
    return recordOf(consultation);
  }
}
