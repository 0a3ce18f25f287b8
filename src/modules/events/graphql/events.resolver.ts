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
import {
  CancelEventCommand,
  CloseEventRegistrationCommand,
  OpenEventRegistrationCommand,
} from '../application/commands/change-event-status/change-event-status.command.js';
import { CompleteEventCommand } from '../application/commands/complete-event/complete-event.command.js';
import { CreateEventCommand } from '../application/commands/create-event/create-event.command.js';
import { GetEventQuery, GetEventsByIdsQuery, ListEventsQuery, type EventView, type RegistrationView } from '../application/queries/events.queries.js';
import { myRegistrationLoader } from './event-loaders.js';
import { CreateEventInput, EventFilterInput, EventIdInput } from './event.inputs.js';
import { EventConnection, EventType, RegistrationType } from './event.types.js';

/** Events: the public listing and organizer staff's lifecycle moves. */
@Resolver(() => EventType)
export class EventsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private async byId(eventId: string): Promise<EventView> {
    const [event] = await this.queries.execute(new GetEventsByIdsQuery([eventId]));
    if (!event) throw new NotFoundError('Event', eventId);
    return event;
  }

  @Query(() => EventConnection, { description: 'public; soonest first' })
  events(
    @CurrentCaller() caller: Caller | null,
    @Args('filter', { type: () => EventFilterInput, nullable: true }) filter?: EventFilterInput,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<ConnectionShape<EventView>> {
    return this.queries.execute(new ListEventsQuery(caller, filter ?? {}, first, after));
  }

  @Query(() => EventType, { nullable: true, description: 'public unless DRAFT' })
  event(@CurrentCaller() caller: Caller | null, @Args('id', { type: () => ID }) id: string): Promise<EventView> {
    return this.queries.execute(new GetEventQuery(caller, id));
  }

  @Mutation(() => EventType)
  async createEvent(@CurrentCaller() caller: Caller | null, @Args('input') input: CreateEventInput): Promise<EventView> {
    const { eventId } = await this.commands.execute(
      new CreateEventCommand(caller, input.organizationId, {
        kind: input.kind,
        title: input.title,
        description: input.description,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        venue: { name: input.venue.name, address: input.venue.address, online: input.venue.online ?? false },
        meetingPoint: input.meetingPoint ?? null,
        capacity: input.capacity,
        feeYen: input.feeYen ?? 0,
        allocation: input.allocation,
        applicationDeadline: input.applicationDeadline ?? null,
        program: (input.program ?? []).map((p) => ({ startsAt: p.startsAt ?? null, title: p.title, description: p.description ?? null })),
        speakers: (input.speakers ?? []).map((s) => ({ name: s.name, affiliation: s.affiliation, title: s.title ?? null })),
      }),
    );
    return this.byId(eventId);
  }

  @Mutation(() => EventType, { description: 'DRAFT -> OPEN' })
  async openEventRegistration(@CurrentCaller() caller: Caller | null, @Args('input') input: EventIdInput): Promise<EventView> {
    return this.byId((await this.commands.execute(new OpenEventRegistrationCommand(caller, input.eventId))).eventId);
  }

  @Mutation(() => EventType, { description: 'OPEN -> CLOSED' })
  async closeEventRegistration(@CurrentCaller() caller: Caller | null, @Args('input') input: EventIdInput): Promise<EventView> {
    return this.byId((await this.commands.execute(new CloseEventRegistrationCommand(caller, input.eventId))).eventId);
  }

  @Mutation(() => EventType, { description: 'Marks CONFIRMED registrations that never checked in as NO_SHOW.' })
  async completeEvent(@CurrentCaller() caller: Caller | null, @Args('input') input: EventIdInput): Promise<EventView> {
    return this.byId((await this.commands.execute(new CompleteEventCommand(caller, input.eventId))).eventId);
  }

  @Mutation(() => EventType)
  async cancelEvent(@CurrentCaller() caller: Caller | null, @Args('input') input: EventIdInput): Promise<EventView> {
    return this.byId((await this.commands.execute(new CancelEventCommand(caller, input.eventId))).eventId);
  }

  @ResolveField(() => RegionType)
  async region(@Parent() event: EventView, @Context() ctx: RequestContext): Promise<RegionView> {
    const region = await regionLoader(ctx, this.queries).load(event.regionId);
    if (!region) throw new NotFoundError('Region', event.regionId);
    return region;
  }

  @ResolveField(() => OrganizationType)
  async organizer(@Parent() event: EventView, @Context() ctx: RequestContext): Promise<OrganizationView> {
    const org = await organizationLoader(ctx, this.queries).load(event.organizationId);
    if (!org) throw new NotFoundError('Organization', event.organizationId);
    return org;
  }

  @ResolveField(() => RegistrationType, { nullable: true, description: "The caller's active registration, if any." })
  myRegistration(
    @Parent() event: EventView,
    @CurrentCaller() caller: Caller | null,
    @Context() ctx: RequestContext,
  ): Promise<RegistrationView | null> | null {
    if (!caller) return null;
    return myRegistrationLoader(ctx, this.queries, caller.accountId).load(event.id);
  }
}
