import { CommandHandler } from '@nestjs/cqrs';
import { NotFoundError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { SupportRepository } from '../../../infrastructure/support.repository.js';
import { SupportPolicy } from '../../support.policy.js';
import { recordOf, type ConsultationRecord } from '../consultation-record.js';
import { CancelConsultationCommand } from './cancel-consultation.command.js';

@CommandHandler(CancelConsultationCommand)
export class CancelConsultationHandler extends TransactionalHandler<CancelConsultationCommand, ConsultationRecord> {
  constructor(private readonly repo: SupportRepository) {
    super();
  }

  protected async handle({ caller, consultationId }: CancelConsultationCommand): Promise<ConsultationRecord> {
    const consultation = await this.repo.consultation(consultationId);
    if (!consultation) throw new NotFoundError('Consultation', consultationId);
    const by = SupportPolicy.personOrRoutedStaff(caller, consultation.data);
    consultation.cancel(by, new Date());
    await this.repo.saveConsultation(consultation);
    return recordOf(consultation);
  }
}
