import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { tokyoToday } from '#libs/ddd/calendar-day.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { pageSize, toConnection } from '#libs/graphql/connection.js';
import { ListingStatus } from '#libs/contracts/housing/enums.js';
import { checkRange, isBookable } from '../../domain/listing.aggregate.js';
import { HousingReadModel, type ListingView } from '../../infrastructure/housing.read-model.js';
import { HousingPolicy } from '../housing.policy.js';
import {
  AddressHoldersQuery,
  GetListingQuery,
  GetListingsByIdsQuery,
  GetStayQuery,
  GetViewingRequestQuery,
  ListingAvailabilityQuery,
  ListingBlocksQuery,
  ListingStaysQuery,
  ListingViewingRequestsQuery,
  MyStaysQuery,
  MyViewingRequestsQuery,
  SearchListingsQuery,
} from './housing.queries.js';

/** The listing behind a staff-only list: UNAUTHENTICATED, NOT_FOUND, FORBIDDEN. */
async function managedListing(read: HousingReadModel, caller: Caller | null, listingId: string): Promise<ListingView> {
  requireCaller(caller);
  const [listing] = await read.listingsByIds([listingId]);
  if (!listing) throw new NotFoundError('Listing', listingId);
  HousingPolicy.manage(caller, listing.organizationId);
  return listing;
}

@QueryHandler(SearchListingsQuery)
export class SearchListingsHandler implements IQueryHandler<SearchListingsQuery> {
  constructor(private readonly read: HousingReadModel) {}

  async execute(query: SearchListingsQuery) {
    const first = pageSize(query.first);
    const { rows, total } = await this.read.searchListings(query.criteria, HousingPolicy.visibility(query.caller), first, query.after);
    const keys = new Map(rows.map((r) => [r.id, r.listedKey]));
    return toConnection<ListingView>(rows.map(({ listedKey: _, ...view }) => view), first, query.after, total, (l) => [keys.get(l.id)!, l.id]);
  }
}

@QueryHandler(GetListingQuery)
export class GetListingHandler implements IQueryHandler<GetListingQuery> {
  constructor(private readonly read: HousingReadModel) {}

  async execute(query: GetListingQuery) {
    const [listing] = await this.read.listingsByIds([query.listingId]);
    if (!listing) return null;
    if (listing.status === ListingStatus.PUBLISHED || HousingPolicy.oversees(query.caller, listing.organizationId)) return listing;
    // Hidden and missing look the same, except to a guest of this listing, who always sees it.
    return query.caller && (await this.read.isGuestOf(query.caller.accountId, listing.id)) ? listing : null;
  }
}

@QueryHandler(GetListingsByIdsQuery)
export class GetListingsByIdsHandler implements IQueryHandler<GetListingsByIdsQuery> {
  constructor(private readonly read: HousingReadModel) {}

  execute(query: GetListingsByIdsQuery) {
    return this.read.listingsByIds(query.ids);
  }
}

@QueryHandler(ListingAvailabilityQuery)
export class ListingAvailabilityHandler implements IQueryHandler<ListingAvailabilityQuery> {
  constructor(private readonly read: HousingReadModel) {}

  async execute(query: ListingAvailabilityQuery) {
    checkRange({ start: query.from, end: query.to }, 'to');
    const bookable = query.listings.filter((l) => isBookable(l.kind)).map((l) => l.id);
    const free = await this.read.availability(bookable, query.from, query.to);
    return query.listings.map((l) => free.get(l.id) ?? []);
  }
}

@QueryHandler(AddressHoldersQuery)
export class AddressHoldersHandler implements IQueryHandler<AddressHoldersQuery> {
  constructor(private readonly read: HousingReadModel) {}

  async execute(query: AddressHoldersQuery) {
    return [...(await this.read.addressHolders(query.accountId, query.listingIds))];
  }
}

@QueryHandler(MyStaysQuery)
export class MyStaysHandler implements IQueryHandler<MyStaysQuery> {
  constructor(private readonly read: HousingReadModel) {}

  execute(query: MyStaysQuery) {
    return this.read.staysOfGuest(requireCaller(query.caller).accountId, tokyoToday());
  }
}

@QueryHandler(MyViewingRequestsQuery)
export class MyViewingRequestsHandler implements IQueryHandler<MyViewingRequestsQuery> {
  constructor(private readonly read: HousingReadModel) {}

  execute(query: MyViewingRequestsQuery) {
    return this.read.viewingsOfRequester(requireCaller(query.caller).accountId);
  }
}

@QueryHandler(ListingStaysQuery)
export class ListingStaysHandler implements IQueryHandler<ListingStaysQuery> {
  constructor(private readonly read: HousingReadModel) {}

  async execute(query: ListingStaysQuery) {
    const first = pageSize(query.first);
    const listing = await managedListing(this.read, query.caller, query.listingId);
    const { rows, total } = await this.read.staysOfListing(listing.id, first, query.after, tokyoToday());
    return toConnection(rows, first, query.after, total, (s) => [s.checkIn, s.id]);
  }
}

@QueryHandler(ListingViewingRequestsQuery)
export class ListingViewingRequestsHandler implements IQueryHandler<ListingViewingRequestsQuery> {
  constructor(private readonly read: HousingReadModel) {}

  async execute(query: ListingViewingRequestsQuery) {
    const first = pageSize(query.first);
    const listing = await managedListing(this.read, query.caller, query.listingId);
    const { rows, total } = await this.read.viewingsOfListing(listing.id, first, query.after);
    const keys = new Map(rows.map((r) => [r.id, r.createdKey]));
    return toConnection(rows.map(({ createdKey: _, ...view }) => view), first, query.after, total, (v) => [keys.get(v.id)!, v.id]);
  }
}

@QueryHandler(ListingBlocksQuery)
export class ListingBlocksHandler implements IQueryHandler<ListingBlocksQuery> {
  constructor(private readonly read: HousingReadModel) {}

  async execute(query: ListingBlocksQuery) {
    const listing = await managedListing(this.read, query.caller, query.listingId);
    return this.read.blocksOfListing(listing.id);
  }
}

@QueryHandler(GetStayQuery)
export class GetStayHandler implements IQueryHandler<GetStayQuery> {
  constructor(private readonly read: HousingReadModel) {}

  async execute(query: GetStayQuery) {
    const caller = requireCaller(query.caller);
    const stay = await this.read.stay(query.stayId, tokyoToday());
    return stay && HousingPolicy.seesRequest(caller, stay.guest.accountId, stay.organizationId) ? stay : null;
  }
}

@QueryHandler(GetViewingRequestQuery)
export class GetViewingRequestHandler implements IQueryHandler<GetViewingRequestQuery> {
  constructor(private readonly read: HousingReadModel) {}

  async execute(query: GetViewingRequestQuery) {
    const caller = requireCaller(query.caller);
    const viewing = await this.read.viewing(query.viewingRequestId);
    return viewing && HousingPolicy.seesRequest(caller, viewing.requester.accountId, viewing.organizationId) ? viewing : null;
  }
}
