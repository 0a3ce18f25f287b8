import { CommandHandler, QueryBus } from '@nestjs/cqrs';
import { GetRegionsByIdsQuery, ListOrganizationsQuery } from '#libs/contracts/identity/queries.js';
import { InvalidInputError, NotFoundError } from '#libs/ddd/errors.js';
import { isId } from '#libs/ddd/ids.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { Consultation } from '../../../domain/consultation.aggregate.js';
import { route } from '../../../domain/routing.js';
import { SupportRepository } from '../../../infrastructure/support.repository.js';
import { SupportPolicy } from '../../support.policy.js';
import { recordOf, type ConsultationRecord } from '../consultation-record.js';
import { RequestConsultationCommand } from './request-consultation.command.js';

@CommandHandler(RequestConsultationCommand)
export class RequestConsultationHandler extends TransactionalHandler<RequestConsultationCommand, ConsultationRecord> {
  constructor(
    private readonly repo: SupportRepository,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  protected async handle({ caller, input }: RequestConsultationCommand): Promise<ConsultationRecord> {
    const person = SupportPolicy.request(caller);
    // A request in flight while the person's account is erased either commits before the
    // erasure looks (and is erased with the rest) or finds it done.
    await this.repo.refuseErased(person.accountId);
    const regions = isId(input.regionId) ? await this.queries.execute(new GetRegionsByIdsQuery([input.regionId])) : [];
    if (regions.length === 0) throw new NotFoundError('Region', input.regionId);
    // routedTo is fixed now, from identity's organizations of the region and their capabilities.
    const organizations = await this.queries.execute(new ListOrganizationsQuery(input.regionId));
    const now = new Date();
    const consultation = Consultation.request(
      {
        accountId: person.accountId, regionId: input.regionId, displayName: person.displayName, email: person.email,
        fullName: input.fullName, phone: input.phone, topics: input.topics, channel: input.channel, question: input.question,
        routedTo: route(input.topics, organizations, input.regionId),
      },
      now,
    );
    if (input.slotId !== undefined && input.slotId !== null) {
      const slot = await this.repo.slot(input.slotId);
      if (!slot) throw InvalidInputError.field('slotId', 'no such slot');
      consultation.book(slot.id, slot.data, 'PERSON', now);
    }
    await this.repo.saveConsultation(consultation);
    return recordOf(consultation);
  }
}
