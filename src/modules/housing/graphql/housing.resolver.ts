import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { CurrentCaller } from '#libs/auth/current-caller.decorator.js';
import { OrganizationType, RegionType } from '#libs/contracts/identity/graphql.js';
import { organizationLoader, regionLoader } from '#libs/contracts/identity/loaders.js';
import type { OrganizationView, RegionView } from '#libs/contracts/identity/queries.js';
import type { CalendarDay, DayRange } from '#libs/ddd/calendar-day.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import type { ConnectionShape } from '#libs/graphql/connection.js';
import type { RequestContext } from '#libs/graphql/context.js';
import { alignById } from '#libs/graphql/loaders.js';
import { ContactCardType, DateRangeType, DateScalar } from '#libs/graphql/shared-types.js';
import { ArchiveListingCommand } from '../application/commands/archive-listing/archive-listing.command.js';
import { BlockListingNightsCommand } from '../application/commands/block-listing-nights/block-listing-nights.command.js';
import { CancelStayCommand } from '../application/commands/cancel-stay/cancel-stay.command.js';
import { CancelViewingCommand } from '../application/commands/cancel-viewing/cancel-viewing.command.js';
import { CheckInStayCommand } from '../application/commands/check-in-stay/check-in-stay.command.js';
import { CompleteStayCommand } from '../application/commands/complete-stay/complete-stay.command.js';
import { CompleteViewingCommand } from '../application/commands/complete-viewing/complete-viewing.command.js';
import { ConfirmStayCommand } from '../application/commands/confirm-stay/confirm-stay.command.js';
import { CreateListingCommand } from '../application/commands/create-listing/create-listing.command.js';
import { DeclineStayCommand } from '../application/commands/decline-stay/decline-stay.command.js';
import { DeclineViewingCommand } from '../application/commands/decline-viewing/decline-viewing.command.js';
import { PublishListingCommand } from '../application/commands/publish-listing/publish-listing.command.js';
import { RequestStayCommand } from '../application/commands/request-stay/request-stay.command.js';
import { RequestViewingCommand } from '../application/commands/request-viewing/request-viewing.command.js';
import { ScheduleViewingCommand } from '../application/commands/schedule-viewing/schedule-viewing.command.js';
import { UnblockListingNightsCommand } from '../application/commands/unblock-listing-nights/unblock-listing-nights.command.js';
import { UnpublishListingCommand } from '../application/commands/unpublish-listing/unpublish-listing.command.js';
import { UpdateListingCommand } from '../application/commands/update-listing/update-listing.command.js';
import { HousingPolicy } from '../application/housing.policy.js';
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
} from '../application/queries/housing.queries.js';
import type { GuestRegister } from '../domain/stay.aggregate.js';
import type { BlockView, ListingView, StayView, ViewingView } from '../application/queries/housing.views.js';
import {
  BlockListingNightsInput,
  CreateListingInput,
  ListingBlockIdInput,
  ListingFilter,
  ListingIdInput,
  RequestStayInput,
  RequestViewingInput,
  ScheduleViewingInput,
  StayIdInput,
  UpdateListingInput,
  ViewingRequestIdInput,
} from './housing.inputs.js';
import {
  ListingBlockType,
  ListingConnection,
  ListingType,
  StayConnection,
  StayType,
  ViewingRequestConnection,
  ViewingRequestType,
  toStayType,
  toViewingType,
} from './housing.types.js';

/** Listings by id, whatever their status (a stay's own listing), once per request. */
const listingLoader = (ctx: RequestContext, queries: QueryBus) =>
  ctx.loaders.get<ListingView>('housing.listing', async (ids) =>
    alignById(ids, await queries.execute(new GetListingsByIdsQuery(ids)), (l) => l.id),
  );

/** Whether the caller holds a CONFIRMED/CHECKED_IN stay or a SCHEDULED viewing at each listing, once per request. */
const addressHolderLoader = (ctx: RequestContext, queries: QueryBus, accountId: string) =>
  ctx.loaders.get<boolean>(`housing.address-holder.${accountId}`, async (ids) => {
    const holders = new Set(await queries.execute(new AddressHoldersQuery(accountId, ids)));
    return ids.map((id) => holders.has(id));
  });

const stayOrNull = (s: StayView | null) => (s ? toStayType(s) : null);
const viewingOrNull = (v: ViewingView | null) => (v ? toViewingType(v) : null);

@Resolver()
export class HousingResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private async listingAfterWrite(listingId: string): Promise<ListingView> {
    const [listing] = await this.queries.execute(new GetListingsByIdsQuery([listingId]));
    if (!listing) throw new NotFoundError('Listing', listingId);
    return listing;
  }

  private async stayAfterWrite(caller: Caller | null, stayId: string): Promise<StayType> {
    const stay = await this.queries.execute(new GetStayQuery(caller, stayId));
    if (!stay) throw new NotFoundError('Stay', stayId);
    return toStayType(stay);
  }

  private async viewingAfterWrite(caller: Caller | null, id: string): Promise<ViewingRequestType> {
    const viewing = await this.queries.execute(new GetViewingRequestQuery(caller, id));
    if (!viewing) throw new NotFoundError('ViewingRequest', id);
    return toViewingType(viewing);
  }

  @Query(() => ListingConnection, { description: 'public; newest first' })
  listings(
    @CurrentCaller() caller: Caller | null,
    @Args('filter', { type: () => ListingFilter, nullable: true }) filter?: ListingFilter,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ConnectionShape<ListingView>> {
    return this.queries.execute(new SearchListingsQuery(caller, filter ?? {}, first, after));
  }

  @Query(() => ListingType, { nullable: true, description: 'public when PUBLISHED; managing staff and ADMIN always' })
  listing(@CurrentCaller() caller: Caller | null, @Args('id', { type: () => ID }) id: string): Promise<ListingView | null> {
    return this.queries.execute(new GetListingQuery(caller, id));
  }

  @Query(() => [StayType], { description: "the caller's stays, soonest check-in first" })
  async myStays(@CurrentCaller() caller: Caller | null): Promise<StayType[]> {
    return (await this.queries.execute(new MyStaysQuery(caller))).map(toStayType);
  }

  @Query(() => [ViewingRequestType], { description: "the caller's viewing requests, newest first" })
  async myViewingRequests(@CurrentCaller() caller: Caller | null): Promise<ViewingRequestType[]> {
    return (await this.queries.execute(new MyViewingRequestsQuery(caller))).map(toViewingType);
  }

  @Query(() => StayConnection, { description: 'managing staff; by check-in' })
  async listingStays(
    @CurrentCaller() caller: Caller | null,
    @Args('listingId', { type: () => ID }) listingId: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ConnectionShape<StayType>> {
    const page = await this.queries.execute(new ListingStaysQuery(caller, listingId, first, after));
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toStayType(e.node) })) };
  }

  @Query(() => ViewingRequestConnection, { description: 'managing staff; newest first' })
  async listingViewingRequests(
    @CurrentCaller() caller: Caller | null,
    @Args('listingId', { type: () => ID }) listingId: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ConnectionShape<ViewingRequestType>> {
    const page = await this.queries.execute(new ListingViewingRequestsQuery(caller, listingId, first, after));
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toViewingType(e.node) })) };
  }

  @Query(() => [ListingBlockType], { description: 'managing staff' })
  listingBlocks(@CurrentCaller() caller: Caller | null, @Args('listingId', { type: () => ID }) listingId: string): Promise<BlockView[]> {
    return this.queries.execute(new ListingBlocksQuery(caller, listingId));
  }

  @Query(() => StayType, { nullable: true, description: 'the guest, managing staff, ADMIN' })
  async stay(@CurrentCaller() caller: Caller | null, @Args('id', { type: () => ID }) id: string): Promise<StayType | null> {
    return stayOrNull(await this.queries.execute(new GetStayQuery(caller, id)));
  }

  @Query(() => ViewingRequestType, { nullable: true, description: 'the requester, managing staff, ADMIN' })
  async viewingRequest(@CurrentCaller() caller: Caller | null, @Args('id', { type: () => ID }) id: string): Promise<ViewingRequestType | null> {
    return viewingOrNull(await this.queries.execute(new GetViewingRequestQuery(caller, id)));
  }

  @Mutation(() => ListingType, { description: 'staff of the organization, which holds HOUSING_MANAGE' })
  async createListing(@CurrentCaller() caller: Caller | null, @Args('input') input: CreateListingInput): Promise<ListingView> {
    const { listingId } = await this.commands.execute(
      new CreateListingCommand(caller, input.organizationId, input.kind, {
        title: input.title, description: input.description, district: input.district, address: input.address,
        layout: input.layout ?? null, floorAreaSqm: input.floorAreaSqm ?? null, salePriceYen: input.salePriceYen ?? null,
        monthlyRentYen: input.monthlyRentYen ?? null, nightlyRateYen: input.nightlyRateYen ?? null, capacity: input.capacity,
        minNights: input.minNights ?? null, maxNights: input.maxNights ?? null, petsAllowed: input.petsAllowed ?? false,
        access: input.access ?? null, photoUrls: input.photoUrls ?? [],
      }),
    );
    return this.listingAfterWrite(listingId);
  }

  @Mutation(() => ListingType, { description: 'managing staff; not ARCHIVED' })
  async updateListing(@CurrentCaller() caller: Caller | null, @Args('input') input: UpdateListingInput): Promise<ListingView> {
    // Omitted leaves a field; null clears an optional one and leaves a required one.
    const keep = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);
    await this.commands.execute(
      new UpdateListingCommand(caller, input.listingId, {
        title: keep(input.title), description: keep(input.description), district: keep(input.district), address: keep(input.address),
        layout: input.layout, floorAreaSqm: input.floorAreaSqm, salePriceYen: input.salePriceYen, monthlyRentYen: input.monthlyRentYen,
        nightlyRateYen: input.nightlyRateYen, capacity: keep(input.capacity), minNights: input.minNights, maxNights: input.maxNights,
        petsAllowed: keep(input.petsAllowed), access: input.access, photoUrls: keep(input.photoUrls),
      }),
    );
    return this.listingAfterWrite(input.listingId);
  }

  @Mutation(() => ListingType, { description: 'DRAFT -> PUBLISHED' })
  async publishListing(@CurrentCaller() caller: Caller | null, @Args('input') input: ListingIdInput): Promise<ListingView> {
    await this.commands.execute(new PublishListingCommand(caller, input.listingId));
    return this.listingAfterWrite(input.listingId);
  }

  @Mutation(() => ListingType, { description: 'PUBLISHED -> DRAFT' })
  async unpublishListing(@CurrentCaller() caller: Caller | null, @Args('input') input: ListingIdInput): Promise<ListingView> {
    await this.commands.execute(new UnpublishListingCommand(caller, input.listingId));
    return this.listingAfterWrite(input.listingId);
  }

  @Mutation(() => ListingType, { description: '-> ARCHIVED; CONFLICT reason HAS_ACTIVE_STAYS while a CONFIRMED or CHECKED_IN stay is ahead' })
  async archiveListing(@CurrentCaller() caller: Caller | null, @Args('input') input: ListingIdInput): Promise<ListingView> {
    await this.commands.execute(new ArchiveListingCommand(caller, input.listingId));
    return this.listingAfterWrite(input.listingId);
  }

  @Mutation(() => ListingBlockType, { description: "managing staff: nights nobody may book (repairs, the owner's own use); DATES_TAKEN if a stay holds them" })
  blockListingNights(@CurrentCaller() caller: Caller | null, @Args('input') input: BlockListingNightsInput): Promise<BlockView> {
    return this.commands.execute(
      new BlockListingNightsCommand(caller, input.listingId, { start: input.nights.start, end: input.nights.end }, input.note ?? null),
    );
  }

  @Mutation(() => Boolean, { description: 'managing staff' })
  async unblockListingNights(@CurrentCaller() caller: Caller | null, @Args('input') input: ListingBlockIdInput): Promise<boolean> {
    await this.commands.execute(new UnblockListingNightsCommand(caller, input.blockId));
    return true;
  }

  @Mutation(() => StayType, { description: 'CANDIDATE, PUBLISHED bookable listing' })
  async requestStay(@CurrentCaller() caller: Caller | null, @Args('input') input: RequestStayInput): Promise<StayType> {
    const { stayId } = await this.commands.execute(
      new RequestStayCommand(
        caller,
        input.listingId,
        { checkIn: input.checkIn, checkOut: input.checkOut, partySize: input.partySize, purpose: input.purpose ?? null },
        { fullName: input.fullName, phone: input.phone },
      ),
    );
    return this.stayAfterWrite(caller, stayId);
  }

  @Mutation(() => StayType, { description: 'managing staff; REQUESTED -> CONFIRMED' })
  async confirmStay(@CurrentCaller() caller: Caller | null, @Args('input') input: StayIdInput): Promise<StayType> {
    await this.commands.execute(new ConfirmStayCommand(caller, input.stayId));
    return this.stayAfterWrite(caller, input.stayId);
  }

  @Mutation(() => StayType, { description: 'managing staff; REQUESTED -> DECLINED' })
  async declineStay(@CurrentCaller() caller: Caller | null, @Args('input') input: StayIdInput): Promise<StayType> {
    await this.commands.execute(new DeclineStayCommand(caller, input.stayId));
    return this.stayAfterWrite(caller, input.stayId);
  }

  @Mutation(() => StayType, { description: 'the guest or managing staff' })
  async cancelStay(@CurrentCaller() caller: Caller | null, @Args('input') input: StayIdInput): Promise<StayType> {
    await this.commands.execute(new CancelStayCommand(caller, input.stayId));
    return this.stayAfterWrite(caller, input.stayId);
  }

  @Mutation(() => StayType, { description: 'managing staff; CONFIRMED -> CHECKED_IN, from the check-in day' })
  async checkInStay(@CurrentCaller() caller: Caller | null, @Args('input') input: StayIdInput): Promise<StayType> {
    await this.commands.execute(new CheckInStayCommand(caller, input.stayId));
    return this.stayAfterWrite(caller, input.stayId);
  }

  @Mutation(() => StayType, { description: 'managing staff; CHECKED_IN -> COMPLETED' })
  async completeStay(@CurrentCaller() caller: Caller | null, @Args('input') input: StayIdInput): Promise<StayType> {
    await this.commands.execute(new CompleteStayCommand(caller, input.stayId));
    return this.stayAfterWrite(caller, input.stayId);
  }

  @Mutation(() => ViewingRequestType, { description: 'CANDIDATE, PUBLISHED listing that is not TRIAL_STAY' })
  async requestViewing(@CurrentCaller() caller: Caller | null, @Args('input') input: RequestViewingInput): Promise<ViewingRequestType> {
    const { viewingRequestId } = await this.commands.execute(
      new RequestViewingCommand(
        caller,
        input.listingId,
        { preferredDates: input.preferredDates, message: input.message ?? null },
        { fullName: input.fullName, phone: input.phone },
      ),
    );
    return this.viewingAfterWrite(caller, viewingRequestId);
  }

  @Mutation(() => ViewingRequestType, { description: 'managing staff; REQUESTED -> SCHEDULED' })
  async scheduleViewing(@CurrentCaller() caller: Caller | null, @Args('input') input: ScheduleViewingInput): Promise<ViewingRequestType> {
    await this.commands.execute(new ScheduleViewingCommand(caller, input.viewingRequestId, input.at));
    return this.viewingAfterWrite(caller, input.viewingRequestId);
  }

  @Mutation(() => ViewingRequestType, { description: 'managing staff; REQUESTED -> DECLINED' })
  async declineViewing(@CurrentCaller() caller: Caller | null, @Args('input') input: ViewingRequestIdInput): Promise<ViewingRequestType> {
    await this.commands.execute(new DeclineViewingCommand(caller, input.viewingRequestId));
    return this.viewingAfterWrite(caller, input.viewingRequestId);
  }

  @Mutation(() => ViewingRequestType, { description: 'the requester or managing staff' })
  async cancelViewing(@CurrentCaller() caller: Caller | null, @Args('input') input: ViewingRequestIdInput): Promise<ViewingRequestType> {
    await this.commands.execute(new CancelViewingCommand(caller, input.viewingRequestId));
    return this.viewingAfterWrite(caller, input.viewingRequestId);
  }

  @Mutation(() => ViewingRequestType, { description: 'managing staff; SCHEDULED -> DONE' })
  async completeViewing(@CurrentCaller() caller: Caller | null, @Args('input') input: ViewingRequestIdInput): Promise<ViewingRequestType> {
    await this.commands.execute(new CompleteViewingCommand(caller, input.viewingRequestId));
    return this.viewingAfterWrite(caller, input.viewingRequestId);
  }
}

@Resolver(() => ListingType)
export class ListingResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => RegionType)
  async region(@Parent() listing: ListingView, @Context() ctx: RequestContext): Promise<RegionView> {
    const region = await regionLoader(ctx, this.queries).load(listing.regionId);
    if (!region) throw new NotFoundError('Region', listing.regionId);
    return region;
  }

  @ResolveField(() => OrganizationType, { description: 'The partner organization that manages it.' })
  async manager(@Parent() listing: ListingView, @Context() ctx: RequestContext): Promise<OrganizationView> {
    const organization = await organizationLoader(ctx, this.queries).load(listing.organizationId);
    if (!organization) throw new NotFoundError('Organization', listing.organizationId);
    return organization;
  }

  @ResolveField(() => String, { nullable: true, description: 'See the personal-data rule above.' })
  async address(@Parent() listing: ListingView, @CurrentCaller() caller: Caller | null, @Context() ctx: RequestContext): Promise<string | null> {
    if (HousingPolicy.oversees(caller, listing.organizationId)) return listing.streetAddress;
    if (!caller) return null;
    const holds = (await addressHolderLoader(ctx, this.queries, caller.accountId).load(listing.id)) ?? false;
    return HousingPolicy.seesAddress(caller, listing.organizationId, holds) ? listing.streetAddress : null;
  }

  @ResolveField(() => [DateRangeType], {
    description:
      'Bookable kinds: the free nights in [from, to) (at most 366 days), as maximal ranges clipped to it, in ascending order; ' +
      'nights held by CONFIRMED or CHECKED_IN stays or blocked are not free. Other kinds: empty. public',
  })
  availability(
    @Parent() listing: ListingView,
    @Args('from', { type: () => DateScalar }) from: CalendarDay,
    @Args('to', { type: () => DateScalar }) to: CalendarDay,
    @Context() ctx: RequestContext,
  ): Promise<DayRange[]> {
    // One query for every listing of the page asking the same period (a loader per period).
    const loader = ctx.loaders.get<DayRange[]>(`housing.availability.${from}.${to}`, async (keys) => {
      const listings = keys.map((key) => {
        const [id, kind] = key.split(' ');
        return { id, kind: kind as ListingView['kind'] };
      });
      return this.queries.execute(new ListingAvailabilityQuery(listings, from, to));
    });
    return loader.load(`${listing.id} ${listing.kind}`).then((ranges) => ranges ?? []);
  }
}

/** A person's card by the contract's rule: displayName always; the rest for the person, an ADMIN, managing staff while active. */
function contactCard(caller: Caller | null, person: GuestRegister, organizationId: string, status: string): ContactCardType {
  const full = HousingPolicy.seesContact(caller, person.accountId, organizationId, status);
  return {
    accountId: person.accountId,
    displayName: person.displayName,
    // An erased person's register is empty: nothing to show.
    fullName: full ? person.fullName || null : null,
    email: full ? person.email || null : null,
    phone: full ? person.phone || null : null,
  };
}

async function ownListing(ctx: RequestContext, queries: QueryBus, listingId: string): Promise<ListingView> {
  const listing = await listingLoader(ctx, queries).load(listingId);
  if (!listing) throw new NotFoundError('Listing', listingId);
  return listing;
}

@Resolver(() => StayType)
export class StayResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => ListingType)
  listing(@Parent() stay: StayType, @Context() ctx: RequestContext): Promise<ListingView> {
    return ownListing(ctx, this.queries, stay.listingId);
  }

  @ResolveField(() => ContactCardType)
  guest(@Parent() stay: StayType, @CurrentCaller() caller: Caller | null): ContactCardType {
    return contactCard(caller, stay.register, stay.organizationId, stay.status);
  }
}

@Resolver(() => ViewingRequestType)
export class ViewingRequestResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => ListingType)
  listing(@Parent() viewing: ViewingRequestType, @Context() ctx: RequestContext): Promise<ListingView> {
    return ownListing(ctx, this.queries, viewing.listingId);
  }

  @ResolveField(() => ContactCardType)
  requester(@Parent() viewing: ViewingRequestType, @CurrentCaller() caller: Caller | null): ContactCardType {
    return contactCard(caller, viewing.register, viewing.organizationId, viewing.status);
  }
}
