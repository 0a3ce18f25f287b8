import { Query } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { CalendarDay, DayRange } from '#libs/ddd/calendar-day.js';
import type { ConnectionShape } from '#libs/graphql/connection.js';
import type { BlockView, ListingCriteria, ListingView, StayView, ViewingView } from './housing.views.js';

/** Listings the caller may see, filtered, newest first. */
export class SearchListingsQuery extends Query<ConnectionShape<ListingView>> {
  constructor(
    readonly caller: Caller | null,
    readonly criteria: ListingCriteria,
    readonly first: number | null | undefined,
    readonly after: string | null | undefined,
  ) {
    super();
  }
}

/** One listing if the caller may see it (PUBLISHED; managing staff, ADMIN, its guests always), else null. */
export class GetListingQuery extends Query<ListingView | null> {
  constructor(
    readonly caller: Caller | null,
    readonly listingId: string,
  ) {
    super();
  }
}

/** Listings by id whatever their status: for a stay's or viewing's own listing, already allowed. */
export class GetListingsByIdsQuery extends Query<ListingView[]> {
  constructor(readonly ids: readonly string[]) {
    super();
  }
}

/** The free nights of each listing in [from, to) (bookable kinds; empty for others), in the order asked, in one query. */
export class ListingAvailabilityQuery extends Query<DayRange[][]> {
  constructor(
    readonly listings: ReadonlyArray<Pick<ListingView, 'id' | 'kind'>>,
    readonly from: CalendarDay,
    readonly to: CalendarDay,
  ) {
    super();
  }
}

/** Of these listings, those whose street address the account may see as a guest or viewer. */
export class AddressHoldersQuery extends Query<string[]> {
  constructor(
    readonly accountId: string,
    readonly listingIds: readonly string[],
  ) {
    super();
  }
}

export class MyStaysQuery extends Query<StayView[]> {
  constructor(readonly caller: Caller | null) {
    super();
  }
}

export class MyViewingRequestsQuery extends Query<ViewingView[]> {
  constructor(readonly caller: Caller | null) {
    super();
  }
}

export class ListingStaysQuery extends Query<ConnectionShape<StayView>> {
  constructor(
    readonly caller: Caller | null,
    readonly listingId: string,
    readonly first: number | null | undefined,
    readonly after: string | null | undefined,
  ) {
    super();
  }
}

export class ListingViewingRequestsQuery extends Query<ConnectionShape<ViewingView>> {
  constructor(
    readonly caller: Caller | null,
    readonly listingId: string,
    readonly first: number | null | undefined,
    readonly after: string | null | undefined,
  ) {
    super();
  }
}

export class ListingBlocksQuery extends Query<BlockView[]> {
  constructor(
    readonly caller: Caller | null,
    readonly listingId: string,
  ) {
    super();
  }
}

/** A stay for the guest, managing staff or an ADMIN; null for anyone else. */
export class GetStayQuery extends Query<StayView | null> {
  constructor(
    readonly caller: Caller | null,
    readonly stayId: string,
  ) {
    super();
  }
}

/** A viewing request for the requester, managing staff or an ADMIN; null for anyone else. */
export class GetViewingRequestQuery extends Query<ViewingView | null> {
  constructor(
    readonly caller: Caller | null,
    readonly viewingRequestId: string,
  ) {
    super();
  }
}
