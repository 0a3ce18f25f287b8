import { Module, type Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AcceptInterestHandler } from './application/commands/accept-interest/accept-interest.handler.js';
import { AdvanceMatchHandler } from './application/commands/advance-match/advance-match.handler.js';
import { AssignCoordinatorHandler } from './application/commands/assign-coordinator/assign-coordinator.handler.js';
import { ClosePairHandler } from './application/commands/close-pair/close-pair.handler.js';
import { DeclineInterestHandler } from './application/commands/decline-interest/decline-interest.handler.js';
import { EraseCandidateHandler } from './application/commands/erase-candidate/erase-candidate.handler.js';
import { EstablishMatchHandler } from './application/commands/establish-match/establish-match.handler.js';
import { ExpressInterestHandler } from './application/commands/express-interest/express-interest.handler.js';
import { ReleaseForErasureHandler } from './application/commands/release-for-erasure/release-for-erasure.handler.js';
import { RespondToScoutHandler } from './application/commands/respond-to-scout/respond-to-scout.handler.js';
import { SaveMyCandidateProfileHandler } from './application/commands/save-my-candidate-profile/save-my-candidate-profile.handler.js';
import { ScoutCandidateHandler } from './application/commands/scout-candidate/scout-candidate.handler.js';
import { SendMessageHandler } from './application/commands/send-message/send-message.handler.js';
import { SyncOpportunityCopiesHandler } from './application/commands/sync-opportunity-copies/sync-opportunity-copies.handler.js';
import { WithdrawInterestHandler } from './application/commands/withdraw-interest/withdraw-interest.handler.js';
import { MatchMessagesChannel } from './application/live/match-messages.channel.js';
import { ExportMatchingPersonalDataHandler } from './application/queries/export-matching-personal-data.handler.js';
import * as Queries from './application/queries/matching-queries.handler.js';
import { ClosePairOnRequest } from './application/subscribers/close-pair-on-request.handler.js';
import { CopyConsentOnConsentChanged } from './application/subscribers/copy-consent-on-consent-changed.handler.js';
import { CopyEmployerOnEmployerRegistered } from './application/subscribers/copy-employer-on-employer-registered.handler.js';
import { CopyOpportunityOnCareersEvents } from './application/subscribers/copy-opportunity-on-careers-events.handler.js';
import { EraseCandidateOnErasureRequested } from './application/subscribers/erase-candidate-on-erasure-requested.handler.js';
import { EstablishMatchOnAcceptance } from './application/subscribers/establish-match-on-acceptance.handler.js';
import { RecordAttendanceOnAttendeeCheckedIn } from './application/subscribers/record-attendance-on-attendee-checked-in.handler.js';
import { RecordRegionStayOnStayCompleted } from './application/subscribers/record-region-stay-on-stay-completed.handler.js';
import { ReleaseOnErasureReleaseRequested } from './application/subscribers/release-on-erasure-release-requested.handler.js';
import {
  CandidateProfileResolver,
  InterestResolver,
  MatchingResolver,
  MatchResolver,
  RecommendationResolver,
  ScoutResolver,
} from './graphql/matching.resolver.js';
import { MatchingBulkSeeder } from './infrastructure/matching.bulk.js';
import { MatchingDemoSeeder } from './infrastructure/matching.demo.js';
import { MatchingReadModel } from './infrastructure/matching.read-model.js';
import { MatchingRepository } from './infrastructure/matching.repository.js';
import { RecommendationReadModel } from './infrastructure/recommendation.read-model.js';

const queryHandlers = Object.values(Queries).filter((v) => typeof v === 'function' && v.name.endsWith('Handler')) as Type[];

/** Matching: profiles, interest and scouts, mutual matches, explainable recommendations. */
@Module({
  imports: [CqrsModule],
  providers: [
    MatchingRepository,
    MatchingReadModel,
    RecommendationReadModel,
    MatchMessagesChannel,
    SaveMyCandidateProfileHandler,
    ExpressInterestHandler,
    WithdrawInterestHandler,
    AcceptInterestHandler,
    DeclineInterestHandler,
    ScoutCandidateHandler,
    RespondToScoutHandler,
    EstablishMatchHandler,
    AdvanceMatchHandler,
    AssignCoordinatorHandler,
    SendMessageHandler,
    ClosePairHandler,
    SyncOpportunityCopiesHandler,
    EraseCandidateHandler,
    ReleaseForErasureHandler,
    ...queryHandlers,
    ExportMatchingPersonalDataHandler,
    CopyOpportunityOnCareersEvents,
    RecordAttendanceOnAttendeeCheckedIn,
    RecordRegionStayOnStayCompleted,
    EstablishMatchOnAcceptance,
    ClosePairOnRequest,
    CopyEmployerOnEmployerRegistered,
    CopyConsentOnConsentChanged,
    EraseCandidateOnErasureRequested,
    ReleaseOnErasureReleaseRequested,
    MatchingResolver,
    CandidateProfileResolver,
    InterestResolver,
    ScoutResolver,
    MatchResolver,
    RecommendationResolver,
    MatchingDemoSeeder,
    MatchingBulkSeeder,
  ],
})
export class MatchingModule {}
