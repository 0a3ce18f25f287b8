import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { CurrentCaller } from '#libs/auth/current-caller.decorator.js';
import { OrganizationType, RegionType } from '#libs/contracts/identity/graphql.js';
import { organizationLoader, regionLoader } from '#libs/contracts/identity/loaders.js';
import type { OrganizationView, RegionView } from '#libs/contracts/identity/queries.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import type { ConnectionShape } from '#libs/graphql/connection.js';
import type { RequestContext } from '#libs/graphql/context.js';
import { alignById } from '#libs/graphql/loaders.js';
import { BookConsultationSlotCommand } from '../application/commands/book-consultation-slot/book-consultation-slot.command.js';
import { CancelConsultationCommand } from '../application/commands/cancel-consultation/cancel-consultation.command.js';
import type { ConsultationRecord } from '../application/commands/consultation-record.js';
import { OfferConsultationSlotsCommand } from '../application/commands/offer-consultation-slots/offer-consultation-slots.command.js';
import { RecordConsultationOutcomeCommand } from '../application/commands/record-consultation-outcome/record-consultation-outcome.command.js';
import { RequestConsultationCommand } from '../application/commands/request-consultation/request-consultation.command.js';
import {
  ConsultationQueueQuery,
  ConsultationSlotsQuery,
  JourneyEntriesQuery,
  JourneyEntryCountsQuery,
  JourneyQuery,
  JourneysQuery,
  MyConsultationsQuery,
  MyJourneyQuery,
  PresentConsultationsQuery,
  SlotsByIdsQuery,
  type ConsultationView,
  type JourneyEntryView,
  type JourneyKey,
  type JourneyView,
  type SlotView,
} from '../application/queries/support.queries.js';
import {
  BookConsultationSlotInput,
  ConsultationIdInput,
  ConsultationSlotFilter,
  OfferConsultationSlotsInput,
  RecordConsultationOutcomeInput,
  RequestConsultationInput,
} from './support.inputs.js';
import {
  ConsultationConnection,
  ConsultationSlotConnection,
  ConsultationSlotType,
  ConsultationStatus,
  ConsultationType,
  JourneyConnection,
  JourneyEntryConnection,
  JourneyStage,
  JourneyType,
} from './support.types.js';

const slotLoader = (ctx: RequestContext, queries: QueryBus) =>
  ctx.loaders.get<SlotView>('support.slot', async (ids) => alignById(ids, await queries.execute(new SlotsByIdsQuery(ids)), (s) => s.id));

/** A journey as its entries' loaders key it: whose, where, and which modules the caller sees. */
const journeyKeyOf = (j: JourneyKey): string => JSON.stringify([j.accountId, j.regionId, j.modules]);
const journeyKeyFrom = (key: string): JourneyKey => {
  const [accountId, regionId, modules] = JSON.parse(key) as [string, string, string[] | null];
  return { accountId, regionId, modules };
};

async function must<T>(value: Promise<T | null>, what: string, id: string): Promise<T> {
  const found = await value;
  if (!found) throw new NotFoundError(what, id);
  return found;
}

/** Contract 70-support: slots, consultations and journeys. Resolvers only map. */
@Resolver()
export class SupportResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private async shown(caller: Caller | null, record: Promise<ConsultationRecord>): Promise<ConsultationView> {
    const [view] = await this.queries.execute(new PresentConsultationsQuery(caller, [await record]));
    return view;
  }

  @Query(() => ConsultationSlotConnection, { description: 'public: free future slots, soonest first' })
  consultationSlots(
    @Args('filter') filter: ConsultationSlotFilter,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<ConnectionShape<SlotView>> {
    return this.queries.execute(new ConsultationSlotsQuery(filter, first, after));
  }

  @Query(() => [ConsultationType], { description: "the caller's consultations, newest first" })
  myConsultations(@CurrentCaller() caller: Caller | null): Promise<ConsultationView[]> {
    return this.queries.execute(new MyConsultationsQuery(caller));
  }

  @Query(() => ConsultationConnection, { description: 'staff: consultations routed to their organizations in the region; oldest open first' })
  consultationQueue(
    @CurrentCaller() caller: Caller | null,
    @Args('regionId', { type: () => ID }) regionId: string,
    @Args('statuses', { type: () => [ConsultationStatus], nullable: true }) statuses?: ConsultationStatus[],
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<ConnectionShape<ConsultationView>> {
    return this.queries.execute(new ConsultationQueueQuery(caller, regionId, statuses, first, after));
  }

  @Query(() => JourneyType, { nullable: true, description: "the caller's journey in a region (null before anything happened there)" })
  myJourney(@CurrentCaller() caller: Caller | null, @Args('regionId', { type: () => ID }) regionId: string): Promise<JourneyView | null> {
    return this.queries.execute(new MyJourneyQuery(caller, regionId));
  }

  @Query(() => JourneyType, { nullable: true, description: 'see the rule above; null when the caller may not see it' })
  journey(
    @CurrentCaller() caller: Caller | null,
    @Args('accountId', { type: () => ID }) accountId: string,
    @Args('regionId', { type: () => ID }) regionId: string,
  ): Promise<JourneyView | null> {
    return this.queries.execute(new JourneyQuery(caller, accountId, regionId));
  }

  @Query(() => JourneyConnection, { description: 'staff: the journeys in the region they may see, most recently active first' })
  journeys(
    @CurrentCaller() caller: Caller | null,
    @Args('regionId', { type: () => ID }) regionId: string,
    @Args('stages', { type: () => [JourneyStage], nullable: true }) stages?: JourneyStage[],
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<ConnectionShape<JourneyView>> {
    return this.queries.execute(new JourneysQuery(caller, regionId, stages, first, after));
  }

  @Mutation(() => [ConsultationSlotType], { description: 'staff; topics their organization handles' })
  async offerConsultationSlots(@CurrentCaller() caller: Caller | null, @Args('input') input: OfferConsultationSlotsInput): Promise<SlotView[]> {
    const slots = await this.commands.execute(new OfferConsultationSlotsCommand(caller, input));
    return slots.map((s) => ({ id: s.id, ...s.data, booked: false }));
  }

  @Mutation(() => ConsultationType, { description: 'a signed-in person' })
  requestConsultation(@CurrentCaller() caller: Caller | null, @Args('input') input: RequestConsultationInput): Promise<ConsultationView> {
    return this.shown(caller, this.commands.execute(new RequestConsultationCommand(caller, input)));
  }

  @Mutation(() => ConsultationType, { description: 'the person or routed staff; REQUESTED -> BOOKED' })
  bookConsultationSlot(@CurrentCaller() caller: Caller | null, @Args('input') input: BookConsultationSlotInput): Promise<ConsultationView> {
    return this.shown(caller, this.commands.execute(new BookConsultationSlotCommand(caller, input.consultationId, input.slotId)));
  }

  @Mutation(() => ConsultationType, { description: 'the person or routed staff' })
  cancelConsultation(@CurrentCaller() caller: Caller | null, @Args('input') input: ConsultationIdInput): Promise<ConsultationView> {
    return this.shown(caller, this.commands.execute(new CancelConsultationCommand(caller, input.consultationId)));
  }

  @Mutation(() => ConsultationType, { description: 'routed staff; REQUESTED or BOOKED -> DONE or NO_SHOW' })
  recordConsultationOutcome(
    @CurrentCaller() caller: Caller | null,
    @Args('input') input: RecordConsultationOutcomeInput,
  ): Promise<ConsultationView> {
    return this.shown(caller, this.commands.execute(new RecordConsultationOutcomeCommand(caller, input.consultationId, input.status, input.outcome ?? null)));
  }
}

@Resolver(() => ConsultationSlotType)
export class ConsultationSlotResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => RegionType)
  region(@Parent() slot: SlotView, @Context() ctx: RequestContext): Promise<RegionView> {
    return must(regionLoader(ctx, this.queries).load(slot.regionId), 'Region', slot.regionId);
  }

  @ResolveField(() => OrganizationType)
  organization(@Parent() slot: SlotView, @Context() ctx: RequestContext): Promise<OrganizationView> {
    return must(organizationLoader(ctx, this.queries).load(slot.organizationId), 'Organization', slot.organizationId);
  }
}

@Resolver(() => ConsultationType)
export class ConsultationResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => RegionType)
  region(@Parent() c: ConsultationView, @Context() ctx: RequestContext): Promise<RegionView> {
    return must(regionLoader(ctx, this.queries).load(c.regionId), 'Region', c.regionId);
  }

  @ResolveField(() => ConsultationSlotType, { nullable: true })
  slot(@Parent() c: ConsultationView, @Context() ctx: RequestContext): Promise<SlotView | null> | null {
    return c.slotId ? slotLoader(ctx, this.queries).load(c.slotId) : null;
  }

  @ResolveField(() => [OrganizationType], { name: 'routedTo', description: 'The organizations its topics route to.' })
  async routedOrganizations(@Parent() c: ConsultationView, @Context() ctx: RequestContext): Promise<OrganizationView[]> {
    const found = await organizationLoader(ctx, this.queries).loadMany(c.routedTo);
    return found.filter((o): o is OrganizationView => !!o && !(o instanceof Error));
  }
}

@Resolver(() => JourneyType)
export class JourneyResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => RegionType)
  region(@Parent() j: JourneyView, @Context() ctx: RequestContext): Promise<RegionView> {
    return must(regionLoader(ctx, this.queries).load(j.regionId), 'Region', j.regionId);
  }

  /**
   * One page of each journey's entries; the journeys of a list are read together (one loader
   * per page size and cursor), and so are their counts when a client selects totalCount.
   */
  @ResolveField(() => JourneyEntryConnection, { description: 'Newest first.' })
  async entries(
    @Parent() j: JourneyView,
    @Context() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<ConnectionShape<JourneyEntryView>> {
    const counts = ctx.loaders.get<number>('support.journey-entry-counts', async (keys) =>
      this.queries.execute(new JourneyEntryCountsQuery(keys.map(journeyKeyFrom))));
    const pages = ctx.loaders.get<ConnectionShape<JourneyEntryView>>(`support.journey-entries:${first ?? ''}:${after ?? ''}`, async (keys) =>
      this.queries.execute(new JourneyEntriesQuery(keys.map(journeyKeyFrom), first, after,
        async (journey) => (await counts.load(journeyKeyOf(journey))) ?? 0)));
    return (await pages.load(journeyKeyOf(j)))!;
  }
}
