import { Args, Context, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { CurrentCaller } from '#libs/auth/current-caller.decorator.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import type { ConnectionShape } from '#libs/graphql/connection.js';
import type { RequestContext } from '#libs/graphql/context.js';
import { reveal } from '#libs/graphql/personal-data.js';
import { LiveUpdates, livePayload } from '#libs/graphql/subscriptions.js';
import { CancelRegistrationCommand } from '../application/commands/cancel-registration/cancel-registration.command.js';
import { CheckInAttendeeCommand } from '../application/commands/check-in-attendee/check-in-attendee.command.js';
import { RegisterForEventCommand } from '../application/commands/register-for-event/register-for-event.command.js';
import { SubmitEventFeedbackCommand } from '../application/commands/submit-event-feedback/submit-event-feedback.command.js';
import { EventsPolicy } from '../application/events.policy.js';
import { RegistrationChangesChannel } from '../application/live/registration-changes.channel.js';
import {
  GetEventFeedbackQuery,
  GetRegistrationsByIdsQuery,
  ListEventRegistrationsQuery,
  ListMyRegistrationsQuery,
  type EventFeedbackView,
  type EventView,
  type RegistrationView,
} from '../application/queries/events.queries.js';
import { eventLoader } from './event-loaders.js';
import { RegisterForEventInput, RegistrationIdInput, SubmitEventFeedbackInput } from './event.inputs.js';
import { EventFeedbackType, EventType, RegistrationConnection, RegistrationType } from './event.types.js';

/** Registrations: candidates register, cancel and follow them live; organizer staff list and check in. */
@Resolver(() => RegistrationType)
export class RegistrationsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly live: LiveUpdates,
    private readonly changes: RegistrationChangesChannel,
  ) {}

  private async byId(registrationId: string): Promise<RegistrationView> {
    const [registration] = await this.queries.execute(new GetRegistrationsByIdsQuery([registrationId]));
    if (!registration) throw new NotFoundError('Registration', registrationId);
    return registration;
  }

  @Query(() => [RegistrationType], { description: "CANDIDATE: the caller's registrations, newest first" })
  myRegistrations(@CurrentCaller() caller: Caller | null): Promise<RegistrationView[]> {
    return this.queries.execute(new ListMyRegistrationsQuery(caller));
  }

  @Query(() => RegistrationConnection, { description: 'organizer staff; in registration order' })
  eventRegistrations(
    @CurrentCaller() caller: Caller | null,
    @Args('eventId', { type: () => ID }) eventId: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<ConnectionShape<RegistrationView>> {
    return this.queries.execute(new ListEventRegistrationsQuery(caller, eventId, first, after));
  }

  @Subscription(() => RegistrationType, {
    resolve: livePayload,
    description:
      "CANDIDATE, over WebSocket: the caller's registration each time it changes (confirmed, from the queue too; waitlisted; its queue position moved; cancelled; checked in…), as myRegistrations shows it then",
  })
  myRegistrationChanged(@CurrentCaller() caller: Caller | null, @Context() ctx: RequestContext): AsyncIterableIterator<RegistrationView> {
    return this.live.stream(ctx, this.changes, this.changes.keyFor(caller));
  }

  @Mutation(() => RegistrationType, { description: 'CANDIDATE' })
  async registerForEvent(@CurrentCaller() caller: Caller | null, @Args('input') input: RegisterForEventInput): Promise<RegistrationView> {
    return this.commands.execute(new RegisterForEventCommand(caller, input.eventId));
  }

  @Mutation(() => RegistrationType, { description: 'the attendee or organizer staff' })
  async cancelRegistration(@CurrentCaller() caller: Caller | null, @Args('input') input: RegistrationIdInput): Promise<RegistrationView> {
    return this.byId((await this.commands.execute(new CancelRegistrationCommand(caller, input.registrationId))).registrationId);
  }

  @Mutation(() => RegistrationType, { description: 'organizer staff; CONFIRMED -> ATTENDED' })
  async checkInAttendee(@CurrentCaller() caller: Caller | null, @Args('input') input: RegistrationIdInput): Promise<RegistrationView> {
    return this.byId((await this.commands.execute(new CheckInAttendeeCommand(caller, input.registrationId))).registrationId);
  }

  @Mutation(() => EventFeedbackType, { description: 'the attendee, after ATTENDED; once' })
  async submitEventFeedback(
    @CurrentCaller() caller: Caller | null,
    @Args('input') input: SubmitEventFeedbackInput,
  ): Promise<EventFeedbackView> {
    const { feedbackId } = await this.commands.execute(
      new SubmitEventFeedbackCommand(caller, input.registrationId, input.rating, input.comment ?? null, input.interestedWorkStyles ?? []),
    );
    const feedback = await this.queries.execute(new GetEventFeedbackQuery(feedbackId));
    if (!feedback) throw new NotFoundError('EventFeedback', feedbackId);
    return feedback;
  }

  @ResolveField(() => EventType)
  async event(@Parent() registration: RegistrationView, @Context() ctx: RequestContext): Promise<EventView> {
    const event = await eventLoader(ctx, this.queries).load(registration.eventId);
    if (!event) throw new NotFoundError('Event', registration.eventId);
    return event;
  }

  /** A read by someone other than the attendee is in the access log before the email is returned (contract 90-privacy). */
  @ResolveField(() => String, { nullable: true, description: 'Null unless the caller is the attendee, an ADMIN, or staff of the organizer.' })
  async attendeeEmail(
    @Parent() registration: RegistrationView,
    @CurrentCaller() caller: Caller | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<string | null> {
    const organizer = { organizationId: registration.organizerOrganizationId, regionId: registration.regionId };
    const email = EventsPolicy.seesAttendeeEmail(caller, registration, organizer) ? registration.email : null;
    return reveal(this.commands, caller, registration.accountId, 'email', email, info);
  }
}
