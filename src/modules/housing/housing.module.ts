import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ArchiveListingHandler } from './application/commands/archive-listing/archive-listing.handler.js';
import { BlockListingNightsHandler } from './application/commands/block-listing-nights/block-listing-nights.handler.js';
import { CancelStayHandler } from './application/commands/cancel-stay/cancel-stay.handler.js';
import { CancelViewingHandler } from './application/commands/cancel-viewing/cancel-viewing.handler.js';
import { CheckInStayHandler } from './application/commands/check-in-stay/check-in-stay.handler.js';
import { CompleteStayHandler } from './application/commands/complete-stay/complete-stay.handler.js';
import { CompleteViewingHandler } from './application/commands/complete-viewing/complete-viewing.handler.js';
import { ConfirmStayHandler } from './application/commands/confirm-stay/confirm-stay.handler.js';
import { CreateListingHandler } from './application/commands/create-listing/create-listing.handler.js';
import { DeclineStayHandler } from './application/commands/decline-stay/decline-stay.handler.js';
import { DeclineViewingHandler } from './application/commands/decline-viewing/decline-viewing.handler.js';
import { StayLapses } from './application/commands/lapse-stay/stay-lapses.js';
import { ReleaseRequestsOfArchivedListing } from './application/subscribers/release-requests-of-archived-listing.handler.js';
import { ErasePersonOnErasureRequested } from './application/subscribers/erase-person-on-erasure-requested.handler.js';
import { ExportHousingPersonalDataHandler } from './application/queries/export-housing-personal-data.handler.js';
import { PublishListingHandler } from './application/commands/publish-listing/publish-listing.handler.js';
import { RequestStayHandler } from './application/commands/request-stay/request-stay.handler.js';
import { RequestViewingHandler } from './application/commands/request-viewing/request-viewing.handler.js';
import { ScheduleViewingHandler } from './application/commands/schedule-viewing/schedule-viewing.handler.js';
import { UnblockListingNightsHandler } from './application/commands/unblock-listing-nights/unblock-listing-nights.handler.js';
import { UnpublishListingHandler } from './application/commands/unpublish-listing/unpublish-listing.handler.js';
import { UpdateListingHandler } from './application/commands/update-listing/update-listing.handler.js';
import {
  AddressHoldersHandler,
  GetListingHandler,
  GetListingsByIdsHandler,
  GetStayHandler,
  GetViewingRequestHandler,
  ListingAvailabilityHandler,
  ListingBlocksHandler,
  ListingStaysHandler,
  ListingViewingRequestsHandler,
  MyStaysHandler,
  MyViewingRequestsHandler,
  SearchListingsHandler,
} from './application/queries/housing-queries.handler.js';
import { HousingResolver, ListingResolver, StayResolver, ViewingRequestResolver } from './graphql/housing.resolver.js';
import { HousingBulkSeeder } from './infrastructure/housing.bulk.js';
import { HousingDemoSeeder } from './infrastructure/housing.demo.js';
import { HousingReadModel } from './infrastructure/housing.read-model.js';
import { HousingRepository } from './infrastructure/housing.repository.js';

/** Housing: vacant houses, rentals, trial stays and shared houses; stays and viewings without double booking. */
@Module({
  imports: [CqrsModule],
  providers: [
    HousingRepository,
    HousingReadModel,
    StayLapses,
    ReleaseRequestsOfArchivedListing,
    ErasePersonOnErasureRequested,
    ExportHousingPersonalDataHandler,
    CreateListingHandler,
    UpdateListingHandler,
    PublishListingHandler,
    UnpublishListingHandler,
    ArchiveListingHandler,
    BlockListingNightsHandler,
    UnblockListingNightsHandler,
    RequestStayHandler,
    ConfirmStayHandler,
    DeclineStayHandler,
    CancelStayHandler,
    CheckInStayHandler,
    CompleteStayHandler,
    RequestViewingHandler,
    ScheduleViewingHandler,
    DeclineViewingHandler,
    CancelViewingHandler,
    CompleteViewingHandler,
    SearchListingsHandler,
    GetListingHandler,
    GetListingsByIdsHandler,
    ListingAvailabilityHandler,
    AddressHoldersHandler,
    MyStaysHandler,
    MyViewingRequestsHandler,
    ListingStaysHandler,
    ListingViewingRequestsHandler,
    ListingBlocksHandler,
    GetStayHandler,
    GetViewingRequestHandler,
    HousingResolver,
    ListingResolver,
    StayResolver,
    ViewingRequestResolver,
    HousingDemoSeeder,
    HousingBulkSeeder,
  ],
})
export class HousingModule {}
