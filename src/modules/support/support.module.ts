import { Module, type Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BookConsultationSlotHandler } from './application/commands/book-consultation-slot/book-consultation-slot.handler.js';
import { CancelConsultationHandler } from './application/commands/cancel-consultation/cancel-consultation.handler.js';
import { OfferConsultationSlotsHandler } from './application/commands/offer-consultation-slots/offer-consultation-slots.handler.js';
import { RecordConsultationOutcomeHandler } from './application/commands/record-consultation-outcome/record-consultation-outcome.handler.js';
import { RequestConsultationHandler } from './application/commands/request-consultation/request-consultation.handler.js';
import * as Queries from './application/queries/support-queries.handler.js';
import { ExportSupportPersonalDataHandler } from './application/queries/export-support-personal-data.handler.js';
import { BuildJourneyOnEvents } from './application/subscribers/build-journey-on-events.handler.js';
import { ErasePersonOnErasureRequested } from './application/subscribers/erase-person-on-erasure-requested.handler.js';
import { KeepConsentOnConsentChanged } from './application/subscribers/keep-consent-on-consent-changed.handler.js';
import { ConsultationResolver, ConsultationSlotResolver, JourneyResolver, SupportResolver } from './graphql/support.resolver.js';
import { ConsentCopy } from './infrastructure/consent-copy.js';
import { JourneyProjection } from './infrastructure/journey.projection.js';
import { SupportDemoSeeder } from './infrastructure/support.demo.js';
import { SupportReadModel } from './infrastructure/support.read-model.js';
import { SupportRepository } from './infrastructure/support.repository.js';

const queryHandlers = Object.values(Queries).filter((v) => typeof v === 'function' && v.name.endsWith('Handler')) as Type[];

/** One-stop support: consultation slots and routed consultations, and each person's journey (a read model of every module's events). */
@Module({
  imports: [CqrsModule],
  providers: [
    SupportRepository,
    SupportReadModel,
    JourneyProjection,
    ConsentCopy,
    OfferConsultationSlotsHandler,
    RequestConsultationHandler,
    BookConsultationSlotHandler,
    CancelConsultationHandler,
    RecordConsultationOutcomeHandler,
    ...queryHandlers,
    ExportSupportPersonalDataHandler,
    BuildJourneyOnEvents,
    KeepConsentOnConsentChanged,
    ErasePersonOnErasureRequested,
    SupportResolver,
    ConsultationSlotResolver,
    ConsultationResolver,
    JourneyResolver,
    SupportDemoSeeder,
  ],
})
export class SupportModule {}
