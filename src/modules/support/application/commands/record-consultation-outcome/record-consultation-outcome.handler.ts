import { CommandHandler } from '@nestjs/cqrs';
import { NotFoundError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { SupportRepository } from '../../../infrastructure/support.repository.js';
import { SupportPolicy } from '../../support.policy.js';
import { recordOf, type ConsultationRecord } from '../consultation-record.js';
import { RecordConsultationOutcomeCommand } from './record-consultation-outcome.command.js';

@CommandHandler(RecordConsultationOutcomeCommand)
export class RecordConsultationOutcomeHandler extends TransactionalHandler<RecordConsultationOutcomeCommand, ConsultationRecord> {
  constructor(private readonly repo: SupportRepository) {
    super();
  }

  protected async handle({ caller, consultationId, status, outcome }: RecordConsultationOutcomeCommand): Promise<ConsultationRecord> {
    const consultation = await this.repo.consultation(consultationId);
    if (!consultation) throw new NotFoundError('Consultation', consultationId);
    SupportPolicy.routedStaff(caller, consultation.data);
    consultation.recordOutcome(status, outcome, new Date());
    await this.repo.saveConsultation(consultation);
    return recordOf(consultation);
  }
}
