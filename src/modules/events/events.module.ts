import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CancelRegistrationHandler } from './application/commands/cancel-registration/cancel-registration.handler.js';
import {
  CancelEventHandler,
  CloseEventRegistrationHandler,
  OpenEventRegistrationHandler,
} from './application/commands/change-event-status/change-event-status.handler.js';
import { CheckInAttendeeHandler } from './application/commands/check-in-attendee/check-in-attendee.handler.js';
import { CompleteEventHandler } from './application/commands/complete-event/complete-event.handler.js';
import { CreateEventHandler } from './application/commands/create-event/create-event.handler.js';
import { DrawLotteryHandler } from './application/commands/draw-lottery/draw-lottery.handler.js';
import { RegisterForEventHandler } from './application/commands/register-for-event/register-for-event.handler.js';
import { SubmitEventFeedbackHandler } from './application/commands/submit-event-feedback/submit-event-feedback.handler.js';
import { RegistrationChangesChannel } from './application/live/registration-changes.channel.js';
import { ExportEventsPersonalDataHandler } from './application/queries/export-events-personal-data.handler.js';
import { CancelOnErasureCancelRequested } from './application/subscribers/cancel-on-erasure-cancel-requested.handler.js';
import { EraseAttendeeOnErasureRequested } from './application/subscribers/erase-attendee-on-erasure-requested.handler.js';
import {
  GetActiveRegistrationsOfAccountHandler,
  GetEventFeedbackHandler,
  GetEventHandler,
  GetEventsByIdsHandler,
  GetLotteryDrawHandler,
  GetRegistrationsByIdsHandler,
  ListEventRegistrationsHandler,
  ListEventsHandler,
  ListMyRegistrationsHandler,
} from './application/queries/events-queries.handler.js';
import { EventsResolver } from './graphql/events.resolver.js';
import { LotteryResolver } from './graphql/lottery.resolver.js';
import { RegistrationsResolver } from './graphql/registrations.resolver.js';
import { EventsDemoSeeder } from './infrastructure/events.demo.js';
import { EventsReadModel } from './infrastructure/events.read-model.js';
import { EventsRepository } from './infrastructure/events.repository.js';

/** Events: briefings and tours with limited seats, queues and lotteries. */
@Module({
  imports: [CqrsModule],
  providers: [
    EventsRepository,
    EventsReadModel,
    RegistrationChangesChannel,
    CreateEventHandler,
    OpenEventRegistrationHandler,
    CloseEventRegistrationHandler,
    CancelEventHandler,
    CompleteEventHandler,
    RegisterForEventHandler,
    CancelRegistrationHandler,
    DrawLotteryHandler,
    CheckInAttendeeHandler,
    SubmitEventFeedbackHandler,
    ListEventsHandler,
    GetEventHandler,
    GetEventsByIdsHandler,
    ListMyRegistrationsHandler,
    ListEventRegistrationsHandler,
    GetRegistrationsByIdsHandler,
    GetActiveRegistrationsOfAccountHandler,
    GetLotteryDrawHandler,
    GetEventFeedbackHandler,
    ExportEventsPersonalDataHandler,
    EraseAttendeeOnErasureRequested,
    CancelOnErasureCancelRequested,
    EventsResolver,
    RegistrationsResolver,
    LotteryResolver,
    EventsDemoSeeder,
  ],
})
export class EventsModule {}
