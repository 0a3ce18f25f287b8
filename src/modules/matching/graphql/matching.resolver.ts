import { Args, Context, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { CurrentCaller } from '#libs/auth/current-caller.decorator.js';
import { OpportunityType } from '#libs/contracts/careers/graphql.js';
import { opportunityLoader } from '#libs/contracts/careers/loaders.js';
import type { OpportunityView } from '#libs/contracts/careers/queries.js';
import { AccountType, OrganizationType, RegionType } from '#libs/contracts/identity/graphql.js';
import { accountLoader, organizationLoader, regionLoader } from '#libs/contracts/identity/loaders.js';
import type { AccountView, OrganizationView, RegionView } from '#libs/contracts/identity/queries.js';
import type { PersonalField } from '#libs/contracts/privacy/index.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import type { ConnectionShape } from '#libs/graphql/connection.js';
import type { RequestContext } from '#libs/graphql/context.js';
import { alignById } from '#libs/graphql/loaders.js';
import { reveal } from '#libs/graphql/personal-data.js';
import { LiveUpdates, livePayload } from '#libs/graphql/subscriptions.js';
import { AcceptInterestCommand } from '../application/commands/accept-interest/accept-interest.command.js';
import { AdvanceMatchCommand } from '../application/commands/advance-match/advance-match.command.js';
import { AssignCoordinatorCommand } from '../application/commands/assign-coordinator/assign-coordinator.command.js';
import { DeclineInterestCommand } from '../application/commands/decline-interest/decline-interest.command.js';
import { MatchMessagesChannel } from '../application/live/match-messages.channel.js';
import { ExpressInterestCommand } from '../application/commands/express-interest/express-interest.command.js';
import { RespondToScoutCommand } from '../application/commands/respond-to-scout/respond-to-scout.command.js';
import { SaveMyCandidateProfileCommand } from '../application/commands/save-my-candidate-profile/save-my-candidate-profile.command.js';
import { ScoutCandidateCommand } from '../application/commands/scout-candidate/scout-candidate.command.js';
import { SendMessageCommand } from '../application/commands/send-message/send-message.command.js';
import { WithdrawInterestCommand } from '../application/commands/withdraw-interest/withdraw-interest.command.js';
import {
  GetCandidateProfilesQuery,
  GetCandidateQuery,
  GetMatchesByIdsQuery,
  GetMatchQuery,
  GetMyCandidateProfileQuery,
  InterestByIdQuery,
  InterestsForOpportunityQuery,
  ListMatchesQuery,
  MatchHistoriesQuery,
  MatchMessagesQuery,
  MyInterestsQuery,
  MyMatchesQuery,
  MyScoutsQuery,
  RecommendCandidatesQuery,
  RecommendOpportunitiesQuery,
  ScoutByIdQuery,
  type InterestView,
  type MatchView,
  type MessageView,
  type ProfileView,
  type ScoutView,
  type StageChangeView,
} from '../application/queries/matching.queries.js';
import {
  AdvanceMatchInput,
  AssignCoordinatorInput,
  CandidateProfileInput,
  ExpressInterestInput,
  InterestIdInput,
  MatchFilter,
  RespondToScoutInput,
  ScoutCandidateInput,
  SendMessageInput,
} from './matching.inputs.js';
import {
  CandidateProfileType,
  CandidateRecommendationType,
  InterestConnection,
  InterestType,
  MatchConnection,
  MatchStageChangeType,
  MatchType,
  MessageType,
  RecommendationType,
  ScoutType,
} from './matching.types.js';

// ---- per-request loaders (the caller is the same for the whole request)

const candidateLoader = (ctx: RequestContext, queries: QueryBus) =>
  ctx.loaders.get<ProfileView>('matching.candidate', async (ids) =>
    alignById(ids, await queries.execute(new GetCandidateProfilesQuery(ctx.caller ?? null, ids)), (p) => p.id),
  );
const matchLoader = (ctx: RequestContext, queries: QueryBus) =>
  ctx.loaders.get<MatchView>('matching.match', async (ids) =>
    alignById(ids, await queries.execute(new GetMatchesByIdsQuery(ids)), (m) => m.id),
  );
const grouped = <T extends { matchId: string }>(ids: readonly string[], rows: T[]) => ids.map((id) => rows.filter((r) => r.matchId === id));

async function must<T>(value: Promise<T | null>, what: string, id: string): Promise<T> {
  const found = await value;
  if (!found) throw new NotFoundError(what, id);
  return found;
}

@Resolver()
export class MatchingResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly live: LiveUpdates,
    private readonly messages: MatchMessagesChannel,
  ) {}

  @Query(() => CandidateProfileType, { nullable: true, description: 'CANDIDATE' })
  myCandidateProfile(@CurrentCaller() caller: Caller | null): Promise<ProfileView | null> {
    return this.queries.execute(new GetMyCandidateProfileQuery(caller));
  }

  @Query(() => CandidateProfileType, { nullable: true, description: 'staff with CAREERS_MANAGE or MATCHING_COORDINATE' })
  candidate(@CurrentCaller() caller: Caller | null, @Args('id', { type: () => ID }) id: string): Promise<ProfileView | null> {
    return this.queries.execute(new GetCandidateQuery(caller, id));
  }

  @Query(() => [InterestType], { description: 'CANDIDATE' })
  myInterests(@CurrentCaller() caller: Caller | null): Promise<InterestView[]> {
    return this.queries.execute(new MyInterestsQuery(caller));
  }

  @Query(() => [ScoutType], { description: 'CANDIDATE' })
  myScouts(@CurrentCaller() caller: Caller | null): Promise<ScoutView[]> {
    return this.queries.execute(new MyScoutsQuery(caller));
  }

  @Query(() => [MatchType], { description: 'CANDIDATE' })
  myMatches(@CurrentCaller() caller: Caller | null): Promise<MatchView[]> {
    return this.queries.execute(new MyMatchesQuery(caller));
  }

  @Query(() => InterestConnection, { description: 'staff: interests in opportunities of their region' })
  interestsForOpportunity(
    @CurrentCaller() caller: Caller | null,
    @Args('opportunityId', { type: () => ID }) opportunityId: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ConnectionShape<InterestView>> {
    return this.queries.execute(new InterestsForOpportunityQuery(caller, opportunityId, first, after));
  }

  @Query(() => MatchConnection, { description: 'staff: matches on opportunities of their region' })
  matches(
    @CurrentCaller() caller: Caller | null,
    @Args('filter', { type: () => MatchFilter, nullable: true }) filter?: MatchFilter,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ConnectionShape<MatchView>> {
    return this.queries.execute(new ListMatchesQuery(caller, filter ?? {}, first, after));
  }

  @Query(() => MatchType, { nullable: true, description: 'the candidate, the region\'s staff, or an ADMIN' })
  match(@CurrentCaller() caller: Caller | null, @Args('id', { type: () => ID }) id: string): Promise<MatchView> {
    return this.queries.execute(new GetMatchQuery(caller, id));
  }

  @Query(() => [RecommendationType], {
    description: 'CANDIDATE: PUBLISHED opportunities ranked for the caller, best first, without ones already interested in or matched',
  })
  recommendedOpportunities(@CurrentCaller() caller: Caller | null, @Args('first', { type: () => Int, nullable: true }) first?: number) {
    return this.queries.execute(new RecommendOpportunitiesQuery(caller, first));
  }

  @Query(() => [CandidateRecommendationType], { description: 'staff: candidates ranked for one opportunity, best first' })
  recommendedCandidates(
    @CurrentCaller() caller: Caller | null,
    @Args('opportunityId', { type: () => ID }) opportunityId: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
  ) {
    return this.queries.execute(new RecommendCandidatesQuery(caller, opportunityId, first));
  }

  @Mutation(() => CandidateProfileType, { description: "CANDIDATE: creates or replaces the caller's profile" })
  async saveMyCandidateProfile(@CurrentCaller() caller: Caller | null, @Args('input') input: CandidateProfileInput) {
    await this.commands.execute(new SaveMyCandidateProfileCommand(caller, { ...input, phone: input.phone ?? null }));
    return this.queries.execute(new GetMyCandidateProfileQuery(caller));
  }

  @Mutation(() => InterestType, { description: 'CANDIDATE; PUBLISHED opportunities only; again returns the existing one' })
  async expressInterest(@CurrentCaller() caller: Caller | null, @Args('input') input: ExpressInterestInput): Promise<InterestView> {
    const { interestId } = await this.commands.execute(new ExpressInterestCommand(caller, input.opportunityId));
    return this.mine(caller, interestId);
  }

  @Mutation(() => InterestType, { description: 'CANDIDATE' })
  async withdrawInterest(@CurrentCaller() caller: Caller | null, @Args('input') input: InterestIdInput): Promise<InterestView> {
    await this.commands.execute(new WithdrawInterestCommand(caller, input.interestId));
    return this.mine(caller, input.interestId);
  }

  @Mutation(() => InterestType, { description: 'staff; OPEN -> ACCEPTED and a match' })
  async acceptInterest(@CurrentCaller() caller: Caller | null, @Args('input') input: InterestIdInput): Promise<InterestView> {
    await this.commands.execute(new AcceptInterestCommand(caller, input.interestId));
    return this.byId(input.interestId);
  }

  @Mutation(() => InterestType, { description: 'staff' })
  async declineInterest(@CurrentCaller() caller: Caller | null, @Args('input') input: InterestIdInput): Promise<InterestView> {
    await this.commands.execute(new DeclineInterestCommand(caller, input.interestId));
    return this.byId(input.interestId);
  }

  @Mutation(() => ScoutType, { description: 'staff' })
  async scoutCandidate(@CurrentCaller() caller: Caller | null, @Args('input') input: ScoutCandidateInput): Promise<ScoutView> {
    const { scoutId } = await this.commands.execute(new ScoutCandidateCommand(caller, input.candidateId, input.opportunityId, input.message));
    return must(this.queries.execute(new ScoutByIdQuery(scoutId)), 'Scout', scoutId);
  }

  @Mutation(() => ScoutType, { description: 'CANDIDATE; accepting makes a match' })
  async respondToScout(@CurrentCaller() caller: Caller | null, @Args('input') input: RespondToScoutInput): Promise<ScoutView> {
    await this.commands.execute(new RespondToScoutCommand(caller, input.scoutId, input.accept));
    return must(this.queries.execute(new ScoutByIdQuery(input.scoutId)), 'Scout', input.scoutId);
  }

  @Mutation(() => MatchType, { description: 'staff of the region, or the assigned coordinator' })
  async advanceMatch(@CurrentCaller() caller: Caller | null, @Args('input') input: AdvanceMatchInput): Promise<MatchView> {
    await this.commands.execute(new AdvanceMatchCommand(caller, input.matchId, input.stage, input.note ?? null));
    return this.queries.execute(new GetMatchQuery(caller, input.matchId));
  }

  @Mutation(() => MatchType, { description: 'staff with MATCHING_COORDINATE; the coordinator must have it too' })
  async assignCoordinator(@CurrentCaller() caller: Caller | null, @Args('input') input: AssignCoordinatorInput): Promise<MatchView> {
    await this.commands.execute(new AssignCoordinatorCommand(caller, input.matchId, input.coordinatorAccountId));
    return this.queries.execute(new GetMatchQuery(caller, input.matchId));
  }

  @Mutation(() => MessageType, { description: "the candidate, the coordinator or the region's staff" })
  async sendMessage(@CurrentCaller() caller: Caller | null, @Args('input') input: SendMessageInput): Promise<MessageView> {
    const { messageId } = await this.commands.execute(new SendMessageCommand(caller, input.matchId, input.body));
    const messages = await this.queries.execute(new MatchMessagesQuery([input.matchId]));
    return messages.find((m) => m.id === messageId)!;
  }

  @Subscription(() => MessageType, {
    resolve: livePayload,
    description: "over WebSocket: each new message of a match, for those the match query shows it to (the candidate, the coordinator, the region's staff, an ADMIN)",
  })
  async messageAdded(
    @CurrentCaller() caller: Caller | null,
    @Args('matchId', { type: () => ID }) matchId: string,
    @Context() ctx: RequestContext,
  ): Promise<AsyncIterableIterator<MessageView>> {
    const key = await this.messages.keyFor(caller, matchId);
    return this.live.stream(ctx, this.messages, key, (now, message) => this.messages.allow(now, message));
  }

  private async mine(caller: Caller | null, id: string): Promise<InterestView> {
    const found = (await this.queries.execute(new MyInterestsQuery(caller))).find((i) => i.id === id);
    if (!found) throw new NotFoundError('Interest', id);
    return found;
  }

  private byId(id: string): Promise<InterestView> {
    return must(this.queries.execute(new InterestByIdQuery(id)), 'Interest', id);
  }
}

const CONTACT_FIELD = 'Null except for the candidate, an ADMIN, and staff of an organization a live match gave it to; each read by another person is logged.';

@Resolver(() => CandidateProfileType)
export class CandidateProfileResolver {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @ResolveField(() => String, { nullable: true, description: CONTACT_FIELD })
  fullName(@Parent() profile: ProfileView, @CurrentCaller() caller: Caller | null, @Info() info: GraphQLResolveInfo) {
    return this.read(profile, 'fullName', caller, info);
  }

  @ResolveField(() => String, { nullable: true, description: CONTACT_FIELD })
  email(@Parent() profile: ProfileView, @CurrentCaller() caller: Caller | null, @Info() info: GraphQLResolveInfo) {
    return this.read(profile, 'email', caller, info);
  }

  @ResolveField(() => String, { nullable: true, description: CONTACT_FIELD })
  phone(@Parent() profile: ProfileView, @CurrentCaller() caller: Caller | null, @Info() info: GraphQLResolveInfo) {
    return this.read(profile, 'phone', caller, info);
  }

  /**
   * The value the query handler left visible (null where the caller may not see it); a
   * read of another person's value is in the access log before it is returned (contract
   * 90-privacy).
   */
  private async read(profile: ProfileView, field: PersonalField, caller: Caller | null, info: GraphQLResolveInfo): Promise<string | null> {
    return reveal(this.commands, caller, profile.accountId, field, profile[field], info);
  }

  @ResolveField(() => [RegionType])
  async desiredRegions(@Parent() profile: ProfileView, @Context() ctx: RequestContext): Promise<RegionView[]> {
    const regions = await regionLoader(ctx, this.queries).loadMany(profile.desiredRegionIds);
    return regions.filter((r): r is RegionView => !!r && !(r instanceof Error));
  }
}

/** The fields Interest, Scout and Match share: the candidate and the opportunity. */
async function candidateOf(ctx: RequestContext, queries: QueryBus, candidateId: string): Promise<ProfileView> {
  return must(candidateLoader(ctx, queries).load(candidateId), 'Candidate', candidateId);
}
async function opportunityOf(ctx: RequestContext, queries: QueryBus, opportunityId: string): Promise<OpportunityView> {
  return must(opportunityLoader(ctx, queries).load(opportunityId), 'Opportunity', opportunityId);
}

@Resolver(() => InterestType)
export class InterestResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => CandidateProfileType)
  candidate(@Parent() interest: InterestView, @Context() ctx: RequestContext) {
    return candidateOf(ctx, this.queries, interest.candidateId);
  }

  @ResolveField(() => OpportunityType)
  opportunity(@Parent() interest: InterestView, @Context() ctx: RequestContext) {
    return opportunityOf(ctx, this.queries, interest.opportunityId);
  }

  @ResolveField(() => MatchType, { nullable: true })
  match(@Parent() interest: InterestView, @Context() ctx: RequestContext) {
    return interest.matchId ? matchLoader(ctx, this.queries).load(interest.matchId) : null;
  }
}

@Resolver(() => ScoutType)
export class ScoutResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => CandidateProfileType)
  candidate(@Parent() scout: ScoutView, @Context() ctx: RequestContext) {
    return candidateOf(ctx, this.queries, scout.candidateId);
  }

  @ResolveField(() => OpportunityType)
  opportunity(@Parent() scout: ScoutView, @Context() ctx: RequestContext) {
    return opportunityOf(ctx, this.queries, scout.opportunityId);
  }

  @ResolveField(() => OrganizationType)
  sentBy(@Parent() scout: ScoutView, @Context() ctx: RequestContext): Promise<OrganizationView> {
    return must(organizationLoader(ctx, this.queries).load(scout.sentByOrganizationId), 'Organization', scout.sentByOrganizationId);
  }

  @ResolveField(() => MatchType, { nullable: true })
  match(@Parent() scout: ScoutView, @Context() ctx: RequestContext) {
    return scout.matchId ? matchLoader(ctx, this.queries).load(scout.matchId) : null;
  }
}

@Resolver(() => MatchType)
export class MatchResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => CandidateProfileType)
  candidate(@Parent() match: MatchView, @Context() ctx: RequestContext) {
    return candidateOf(ctx, this.queries, match.candidateId);
  }

  @ResolveField(() => OpportunityType)
  opportunity(@Parent() match: MatchView, @Context() ctx: RequestContext) {
    return opportunityOf(ctx, this.queries, match.opportunityId);
  }

  @ResolveField(() => AccountType, { nullable: true })
  coordinator(@Parent() match: MatchView, @Context() ctx: RequestContext): Promise<AccountView | null> | null {
    return match.coordinatorAccountId ? accountLoader(ctx, this.queries).load(match.coordinatorAccountId) : null;
  }

  @ResolveField(() => [MatchStageChangeType])
  history(@Parent() match: MatchView, @Context() ctx: RequestContext): Promise<StageChangeView[]> {
    return ctx.loaders
      .get<StageChangeView[]>('matching.history', async (ids) => grouped(ids, await this.queries.execute(new MatchHistoriesQuery(ids))))
      .load(match.id) as Promise<StageChangeView[]>;
  }

  @ResolveField(() => [MessageType])
  messages(@Parent() match: MatchView, @Context() ctx: RequestContext): Promise<MessageView[]> {
    return ctx.loaders
      .get<MessageView[]>('matching.messages', async (ids) => grouped(ids, await this.queries.execute(new MatchMessagesQuery(ids))))
      .load(match.id) as Promise<MessageView[]>;
  }
}

@Resolver(() => RecommendationType)
export class RecommendationResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => OpportunityType)
  opportunity(@Parent() recommendation: { opportunityId: string }, @Context() ctx: RequestContext) {
    return opportunityOf(ctx, this.queries, recommendation.opportunityId);
  }
}
