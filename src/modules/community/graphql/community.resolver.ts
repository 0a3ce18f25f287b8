import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { CurrentCaller } from '#libs/auth/current-caller.decorator.js';
import { MentorshipStatus } from '#libs/contracts/community/enums.js';
import { OrganizationType, RegionType } from '#libs/contracts/identity/graphql.js';
import { organizationLoader, regionLoader } from '#libs/contracts/identity/loaders.js';
import type { OrganizationView, RegionView } from '#libs/contracts/identity/queries.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import type { ConnectionShape } from '#libs/graphql/connection.js';
import type { RequestContext } from '#libs/graphql/context.js';
import { alignById } from '#libs/graphql/loaders.js';
import { ContactCardType } from '#libs/graphql/shared-types.js';
import { AcceptRoleApplicationCommand } from '../application/commands/accept-role-application.js';
import { ApplyForRoleCommand } from '../application/commands/apply-for-role.js';
import { ApproveSupporterCommand } from '../application/commands/approve-supporter.js';
import { ArchiveGuideCommand } from '../application/commands/archive-guide.js';
import { AssignSupporterCommand } from '../application/commands/assign-supporter.js';
import { CloseCommunityRoleCommand } from '../application/commands/close-community-role.js';
import { CompleteOnboardingStepCommand } from '../application/commands/complete-onboarding-step.js';
import { CreateCommunityRoleCommand } from '../application/commands/create-community-role.js';
import { DeclineMentorshipCommand } from '../application/commands/decline-mentorship.js';
import { DeclineRoleApplicationCommand } from '../application/commands/decline-role-application.js';
import { EndMentorshipCommand } from '../application/commands/end-mentorship.js';
import { EndRoleApplicationCommand } from '../application/commands/end-role-application.js';
import { OpenCommunityRoleCommand } from '../application/commands/open-community-role.js';
import { PublishGuideCommand } from '../application/commands/publish-guide.js';
import { RequestMentorshipCommand } from '../application/commands/request-mentorship.js';
import { SetOnboardingTemplateCommand } from '../application/commands/set-onboarding-template.js';
import { StartOnboardingCommand } from '../application/commands/start-onboarding.js';
import { UpdateCommunityRoleCommand } from '../application/commands/update-community-role.js';
import { UpdateSupporterCommand } from '../application/commands/update-supporter.js';
import { VolunteerAsSupporterCommand } from '../application/commands/volunteer-as-supporter.js';
import { WithdrawRoleApplicationCommand } from '../application/commands/withdraw-role-application.js';
import { WriteGuideCommand } from '../application/commands/write-guide.js';
import { CommunityPolicy } from '../application/community.policy.js';
import { CommunityQueries } from '../application/queries/community.queries.js';
import type {
  ApplicationView,
  GuideView,
  MentorshipView,
  PlanView,
  RoleView,
  SupporterView,
  TemplateView,
} from '../application/queries/community.views.js';
import {
  ApplyForRoleInput,
  AssignSupporterInput,
  CommunityRoleFilter,
  CommunityRoleIdInput,
  CompleteOnboardingStepInput,
  CreateCommunityRoleInput,
  GuideFilter,
  GuideIdInput,
  MentorshipIdInput,
  RequestMentorshipInput,
  RoleApplicationIdInput,
  SetOnboardingTemplateInput,
  StartOnboardingInput,
  SupporterIdInput,
  UpdateCommunityRoleInput,
  UpdateSupporterInput,
  VolunteerAsSupporterInput,
  WriteGuideInput,
} from './community.inputs.js';
import {
  CommunityRoleConnection,
  CommunityRoleType,
  GuideConnection,
  GuideType,
  MentorshipConnection,
  MentorshipType,
  OnboardingPlanConnection,
  OnboardingPlanType,
  OnboardingStepTemplateType,
  OnboardingStepType,
  OnboardingTemplateType,
  RoleApplicationConnection,
  RoleApplicationType,
  SupporterType,
} from './community.types.js';

async function regionOf(ctx: RequestContext, queries: QueryBus, regionId: string): Promise<RegionView> {
  const region = await regionLoader(ctx, queries).load(regionId);
  if (!region) throw new NotFoundError('Region', regionId);
  return region;
}

const guideLoader = (ctx: RequestContext, q: CommunityQueries) =>
  ctx.loaders.get<GuideView>('community.guide', async (ids) => alignById(ids, await q.guidesByIds(ids), (g) => g.id));

/** A step's guide, if the caller may see it (the public sees PUBLISHED ones). */
async function visibleGuide(ctx: RequestContext, q: CommunityQueries, caller: Caller | null, guideId: string | null): Promise<GuideView | null> {
  if (!guideId) return null;
  const guide = await guideLoader(ctx, q).load(guideId);
  return guide && q.seesGuide(caller, guide) ? guide : null;
}

/** A ContactCard: displayName always, the rest only when `full` (an erased person's are empty: null). */
const card = (p: { accountId: string; displayName: string; fullName: string | null; email: string; phone: string | null }, full: boolean): ContactCardType => ({
  accountId: p.accountId,
  displayName: p.displayName,
  fullName: full ? p.fullName || null : null,
  email: full ? p.email || null : null,
  phone: full ? p.phone || null : null,
});

@Resolver()
export class CommunityResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly q: CommunityQueries,
  ) {}

  // Roles

  @Query(() => CommunityRoleConnection, { description: 'public; newest first' })
  communityRoles(
    @CurrentCaller() caller: Caller | null,
    @Args('filter', { type: () => CommunityRoleFilter, nullable: true }) filter?: CommunityRoleFilter,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ConnectionShape<RoleView>> {
    return this.q.searchRoles(caller, filter ?? {}, first, after);
  }

  @Query(() => CommunityRoleType, { nullable: true, description: 'public unless DRAFT' })
  communityRole(@CurrentCaller() caller: Caller | null, @Args('id', { type: () => ID }) id: string): Promise<RoleView> {
    return this.q.role(caller, id);
  }

  @Query(() => [RoleApplicationType], { description: "the caller's applications, newest first" })
  myRoleApplications(@CurrentCaller() caller: Caller | null): Promise<ApplicationView[]> {
    return this.q.myApplications(caller);
  }

  @Query(() => RoleApplicationConnection, { description: "staff of the role's organization; oldest first" })
  roleApplications(
    @CurrentCaller() caller: Caller | null,
    @Args('roleId', { type: () => ID }) roleId: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ConnectionShape<ApplicationView>> {
    return this.q.roleApplications(caller, roleId, first, after);
  }

  @Mutation(() => CommunityRoleType, { description: 'staff of the organization, which holds COMMUNITY_MANAGE' })
  async createCommunityRole(@CurrentCaller() caller: Caller | null, @Args('input') input: CreateCommunityRoleInput): Promise<RoleView> {
    const { roleId } = await this.commands.execute(
      new CreateCommunityRoleCommand(caller, input.organizationId, {
        category: input.category, title: input.title, description: input.description, hoursPerMonth: input.hoursPerMonth,
        onsite: input.onsite, seats: input.seats, startsOn: input.startsOn ?? null,
      }),
    );
    return this.q.role(caller, roleId);
  }

  @Mutation(() => CommunityRoleType, { description: "staff of the role's organization; not CLOSED" })
  async updateCommunityRole(@CurrentCaller() caller: Caller | null, @Args('input') input: UpdateCommunityRoleInput): Promise<RoleView> {
    const { roleId } = await this.commands.execute(
      new UpdateCommunityRoleCommand(caller, input.roleId, {
        category: input.category ?? undefined, title: input.title ?? undefined, description: input.description ?? undefined,
        hoursPerMonth: input.hoursPerMonth ?? undefined, onsite: input.onsite ?? undefined, seats: input.seats ?? undefined,
        // Omitted leaves it; an explicit null clears it.
        startsOn: input.startsOn === undefined ? undefined : input.startsOn,
      }),
    );
    return this.q.role(caller, roleId);
  }

  @Mutation(() => CommunityRoleType, { description: 'DRAFT -> OPEN' })
  async openCommunityRole(@CurrentCaller() caller: Caller | null, @Args('input') input: CommunityRoleIdInput): Promise<RoleView> {
    await this.commands.execute(new OpenCommunityRoleCommand(caller, input.roleId));
    return this.q.role(caller, input.roleId);
  }

  @Mutation(() => CommunityRoleType, { description: 'OPEN -> CLOSED' })
  async closeCommunityRole(@CurrentCaller() caller: Caller | null, @Args('input') input: CommunityRoleIdInput): Promise<RoleView> {
    await this.commands.execute(new CloseCommunityRoleCommand(caller, input.roleId));
    return this.q.role(caller, input.roleId);
  }

  @Mutation(() => RoleApplicationType, { description: 'a signed-in person' })
  async applyForRole(@CurrentCaller() caller: Caller | null, @Args('input') input: ApplyForRoleInput): Promise<ApplicationView> {
    const { applicationId } = await this.commands.execute(
      new ApplyForRoleCommand(caller, input.roleId, input.motivation, input.fullName, input.phone),
    );
    return this.q.application(caller, applicationId);
  }

  @Mutation(() => RoleApplicationType, { description: "staff of the role's organization" })
  async acceptRoleApplication(@CurrentCaller() caller: Caller | null, @Args('input') input: RoleApplicationIdInput): Promise<ApplicationView> {
    await this.commands.execute(new AcceptRoleApplicationCommand(caller, input.applicationId));
    return this.q.application(caller, input.applicationId);
  }

  @Mutation(() => RoleApplicationType)
  async declineRoleApplication(@CurrentCaller() caller: Caller | null, @Args('input') input: RoleApplicationIdInput): Promise<ApplicationView> {
    await this.commands.execute(new DeclineRoleApplicationCommand(caller, input.applicationId));
    return this.q.application(caller, input.applicationId);
  }

  @Mutation(() => RoleApplicationType, { description: 'the applicant' })
  async withdrawRoleApplication(@CurrentCaller() caller: Caller | null, @Args('input') input: RoleApplicationIdInput): Promise<ApplicationView> {
    await this.commands.execute(new WithdrawRoleApplicationCommand(caller, input.applicationId));
    return this.q.application(caller, input.applicationId);
  }

  @Mutation(() => RoleApplicationType, { description: "staff of the role's organization; ACCEPTED -> ENDED" })
  async endRoleApplication(@CurrentCaller() caller: Caller | null, @Args('input') input: RoleApplicationIdInput): Promise<ApplicationView> {
    await this.commands.execute(new EndRoleApplicationCommand(caller, input.applicationId));
    return this.q.application(caller, input.applicationId);
  }

  // Supporters and mentorships

  @Query(() => [SupporterType], { description: 'public: approved, active supporters of a region' })
  supporters(@Args('regionId', { type: () => ID }) regionId: string): Promise<SupporterView[]> {
    return this.q.supporters(regionId);
  }

  @Query(() => [SupporterType], { description: 'COMMUNITY_MANAGE staff of the region: every supporter, approved or not' })
  regionSupporters(@CurrentCaller() caller: Caller | null, @Args('regionId', { type: () => ID }) regionId: string): Promise<SupporterView[]> {
    return this.q.regionSupporters(caller, regionId);
  }

  @Query(() => [MentorshipType], { description: "the caller's mentorships, as newcomer or as supporter" })
  myMentorships(@CurrentCaller() caller: Caller | null): Promise<MentorshipView[]> {
    return this.q.myMentorships(caller);
  }

  @Query(() => MentorshipConnection, { description: 'COMMUNITY_MANAGE staff of the region; oldest first' })
  mentorships(
    @CurrentCaller() caller: Caller | null,
    @Args('regionId', { type: () => ID }) regionId: string,
    @Args('statuses', { type: () => [MentorshipStatus], nullable: true }) statuses?: MentorshipStatus[],
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ConnectionShape<MentorshipView>> {
    return this.q.mentorships(caller, regionId, statuses, first, after);
  }

  @Mutation(() => SupporterType, { description: 'the caller offers to support newcomers in a region; not listed until approved' })
  async volunteerAsSupporter(@CurrentCaller() caller: Caller | null, @Args('input') input: VolunteerAsSupporterInput): Promise<SupporterView> {
    const { supporterId } = await this.commands.execute(
      new VolunteerAsSupporterCommand(caller, input.regionId, { topics: input.topics, bio: input.bio, maxNewcomers: input.maxNewcomers }),
    );
    return this.q.supporter(caller, supporterId);
  }

  @Mutation(() => SupporterType, { description: 'COMMUNITY_MANAGE staff of the region' })
  async approveSupporter(@CurrentCaller() caller: Caller | null, @Args('input') input: SupporterIdInput): Promise<SupporterView> {
    await this.commands.execute(new ApproveSupporterCommand(caller, input.supporterId));
    return this.q.supporter(caller, input.supporterId);
  }

  @Mutation(() => SupporterType, { description: 'the supporter or COMMUNITY_MANAGE staff of the region' })
  async updateSupporter(@CurrentCaller() caller: Caller | null, @Args('input') input: UpdateSupporterInput): Promise<SupporterView> {
    await this.commands.execute(
      new UpdateSupporterCommand(caller, input.supporterId, {
        topics: input.topics ?? undefined, bio: input.bio ?? undefined, maxNewcomers: input.maxNewcomers ?? undefined,
        active: input.active ?? undefined,
      }),
    );
    return this.q.supporter(caller, input.supporterId);
  }

  @Mutation(() => MentorshipType, { description: 'the caller asks for a supporter in a region' })
  async requestMentorship(@CurrentCaller() caller: Caller | null, @Args('input') input: RequestMentorshipInput): Promise<MentorshipView> {
    const { mentorshipId } = await this.commands.execute(
      new RequestMentorshipCommand(caller, input.regionId, input.topics, input.message ?? null, input.fullName, input.phone),
    );
    return this.q.mentorship(caller, mentorshipId);
  }

  @Mutation(() => MentorshipType, { description: 'COMMUNITY_MANAGE staff; REQUESTED -> ACTIVE' })
  async assignSupporter(@CurrentCaller() caller: Caller | null, @Args('input') input: AssignSupporterInput): Promise<MentorshipView> {
    await this.commands.execute(new AssignSupporterCommand(caller, input.mentorshipId, input.supporterId));
    return this.q.mentorship(caller, input.mentorshipId);
  }

  @Mutation(() => MentorshipType, { description: 'COMMUNITY_MANAGE staff; REQUESTED -> DECLINED' })
  async declineMentorship(@CurrentCaller() caller: Caller | null, @Args('input') input: MentorshipIdInput): Promise<MentorshipView> {
    await this.commands.execute(new DeclineMentorshipCommand(caller, input.mentorshipId));
    return this.q.mentorship(caller, input.mentorshipId);
  }

  @Mutation(() => MentorshipType, { description: 'the newcomer, the supporter or staff; REQUESTED or ACTIVE -> ENDED' })
  async endMentorship(@CurrentCaller() caller: Caller | null, @Args('input') input: MentorshipIdInput): Promise<MentorshipView> {
    await this.commands.execute(new EndMentorshipCommand(caller, input.mentorshipId));
    return this.q.mentorship(caller, input.mentorshipId);
  }

  // Onboarding

  @Query(() => OnboardingTemplateType, { nullable: true, description: 'public' })
  onboardingTemplate(@Args('regionId', { type: () => ID }) regionId: string): Promise<TemplateView | null> {
    return this.q.template(regionId);
  }

  @Query(() => [OnboardingPlanType], { description: "the caller's plans" })
  myOnboardingPlans(@CurrentCaller() caller: Caller | null): Promise<PlanView[]> {
    return this.q.myPlans(caller);
  }

  @Query(() => OnboardingPlanType, { nullable: true, description: 'the newcomer, their ACTIVE supporter, COMMUNITY_MANAGE staff of the region' })
  onboardingPlan(@CurrentCaller() caller: Caller | null, @Args('id', { type: () => ID }) id: string): Promise<PlanView> {
    return this.q.plan(caller, id);
  }

  @Query(() => OnboardingPlanConnection, { description: 'COMMUNITY_MANAGE staff of the region; most recently started first' })
  onboardingPlans(
    @CurrentCaller() caller: Caller | null,
    @Args('regionId', { type: () => ID }) regionId: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ConnectionShape<PlanView>> {
    return this.q.plans(caller, regionId, first, after);
  }

  @Mutation(() => OnboardingTemplateType, { description: 'COMMUNITY_MANAGE staff; replaces the template (plans already started keep their steps)' })
  async setOnboardingTemplate(@CurrentCaller() caller: Caller | null, @Args('input') input: SetOnboardingTemplateInput): Promise<TemplateView> {
    await this.commands.execute(
      new SetOnboardingTemplateCommand(
        caller,
        input.regionId,
        input.steps.map((s) => ({ key: s.key, title: s.title, description: s.description, guideId: s.guideId ?? null })),
      ),
    );
    return this.q.requireTemplate(input.regionId);
  }

  @Mutation(() => OnboardingPlanType, { description: 'the caller; needs a template' })
  async startOnboarding(@CurrentCaller() caller: Caller | null, @Args('input') input: StartOnboardingInput): Promise<PlanView> {
    const { planId } = await this.commands.execute(new StartOnboardingCommand(caller, input.regionId));
    return this.q.plan(caller, planId);
  }

  @Mutation(() => OnboardingPlanType, { description: 'the newcomer or their ACTIVE supporter' })
  async completeOnboardingStep(@CurrentCaller() caller: Caller | null, @Args('input') input: CompleteOnboardingStepInput): Promise<PlanView> {
    await this.commands.execute(new CompleteOnboardingStepCommand(caller, input.planId, input.key));
    return this.q.plan(caller, input.planId);
  }

  // Guides

  @Query(() => GuideConnection, { description: 'public; newest first' })
  guides(
    @CurrentCaller() caller: Caller | null,
    @Args('filter', { type: () => GuideFilter, nullable: true }) filter?: GuideFilter,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ConnectionShape<GuideView>> {
    return this.q.searchGuides(caller, filter ?? {}, first, after);
  }

  @Query(() => GuideType, { nullable: true, description: 'public when PUBLISHED' })
  guide(@CurrentCaller() caller: Caller | null, @Args('id', { type: () => ID }) id: string): Promise<GuideView> {
    return this.q.guide(caller, id);
  }

  @Mutation(() => GuideType, { description: 'COMMUNITY_MANAGE staff: creates or edits (editing a PUBLISHED guide keeps it PUBLISHED)' })
  async writeGuide(@CurrentCaller() caller: Caller | null, @Args('input') input: WriteGuideInput): Promise<GuideView> {
    const { guideId } = await this.commands.execute(
      new WriteGuideCommand(caller, input.guideId ?? null, input.regionId, { category: input.category, title: input.title, body: input.body }),
    );
    return this.q.guide(caller, guideId);
  }

  @Mutation(() => GuideType)
  async publishGuide(@CurrentCaller() caller: Caller | null, @Args('input') input: GuideIdInput): Promise<GuideView> {
    await this.commands.execute(new PublishGuideCommand(caller, input.guideId));
    return this.q.guide(caller, input.guideId);
  }

  @Mutation(() => GuideType)
  async archiveGuide(@CurrentCaller() caller: Caller | null, @Args('input') input: GuideIdInput): Promise<GuideView> {
    await this.commands.execute(new ArchiveGuideCommand(caller, input.guideId));
    return this.q.guide(caller, input.guideId);
  }
}

@Resolver(() => CommunityRoleType)
export class CommunityRoleResolver {
  constructor(
    private readonly queries: QueryBus,
    private readonly q: CommunityQueries,
  ) {}

  @ResolveField(() => RegionType)
  region(@Parent() role: RoleView, @Context() ctx: RequestContext): Promise<RegionView> {
    return regionOf(ctx, this.queries, role.regionId);
  }

  @ResolveField(() => OrganizationType)
  async organization(@Parent() role: RoleView, @Context() ctx: RequestContext): Promise<OrganizationView> {
    const org = await organizationLoader(ctx, this.queries).load(role.organizationId);
    if (!org) throw new NotFoundError('Organization', role.organizationId);
    return org;
  }

  @ResolveField(() => RoleApplicationType, { nullable: true, description: "The caller's live application, if any." })
  async myApplication(@Parent() role: RoleView, @CurrentCaller() caller: Caller | null, @Context() ctx: RequestContext): Promise<ApplicationView | null> {
    if (!caller) return null;
    const loader = ctx.loaders.get<ApplicationView>(`community.my-application.${caller.accountId}`, async (roleIds) =>
      alignById(roleIds, await this.q.liveApplications(caller.accountId, roleIds), (a) => a.roleId),
    );
    return loader.load(role.id);
  }
}

@Resolver(() => RoleApplicationType)
export class RoleApplicationResolver {
  constructor(private readonly q: CommunityQueries) {}

  @ResolveField(() => CommunityRoleType)
  async role(@Parent() application: ApplicationView, @Context() ctx: RequestContext): Promise<RoleView> {
    const loader = ctx.loaders.get<RoleView>('community.role', async (ids) => alignById(ids, await this.q.rolesByIds(ids), (r) => r.id));
    const role = await loader.load(application.roleId);
    if (!role) throw new NotFoundError('Community role', application.roleId);
    return role;
  }

  @ResolveField(() => ContactCardType)
  applicant(@Parent() a: ApplicationView, @CurrentCaller() caller: Caller | null): ContactCardType {
    return card(a, CommunityPolicy.seesApplicantContact(caller, a));
  }
}

@Resolver(() => MentorshipType)
export class MentorshipResolver {
  constructor(
    private readonly queries: QueryBus,
    private readonly q: CommunityQueries,
  ) {}

  @ResolveField(() => RegionType)
  region(@Parent() m: MentorshipView, @Context() ctx: RequestContext): Promise<RegionView> {
    return regionOf(ctx, this.queries, m.regionId);
  }

  @ResolveField(() => ContactCardType)
  newcomer(@Parent() m: MentorshipView, @CurrentCaller() caller: Caller | null): ContactCardType {
    return card(m, CommunityPolicy.seesNewcomerContact(caller, m));
  }

  @ResolveField(() => SupporterType, { nullable: true })
  async supporter(@Parent() m: MentorshipView, @Context() ctx: RequestContext): Promise<SupporterView | null> {
    if (!m.supporterId) return null;
    const loader = ctx.loaders.get<SupporterView>('community.supporter', async (ids) => alignById(ids, await this.q.supportersByIds(ids), (s) => s.id));
    return loader.load(m.supporterId);
  }
}

@Resolver(() => SupporterType)
export class SupporterResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => RegionType)
  region(@Parent() s: SupporterView, @Context() ctx: RequestContext): Promise<RegionView> {
    return regionOf(ctx, this.queries, s.regionId);
  }
}

@Resolver(() => OnboardingTemplateType)
export class OnboardingTemplateResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => RegionType)
  region(@Parent() t: TemplateView, @Context() ctx: RequestContext): Promise<RegionView> {
    return regionOf(ctx, this.queries, t.regionId);
  }
}

@Resolver(() => OnboardingStepTemplateType)
export class OnboardingStepTemplateResolver {
  constructor(private readonly q: CommunityQueries) {}

  @ResolveField(() => GuideType, { nullable: true })
  guide(@Parent() s: OnboardingStepTemplateType, @CurrentCaller() caller: Caller | null, @Context() ctx: RequestContext): Promise<GuideView | null> {
    return visibleGuide(ctx, this.q, caller, s.guideId);
  }
}

@Resolver(() => OnboardingStepType)
export class OnboardingStepResolver {
  constructor(private readonly q: CommunityQueries) {}

  @ResolveField(() => GuideType, { nullable: true })
  guide(@Parent() s: OnboardingStepType, @CurrentCaller() caller: Caller | null, @Context() ctx: RequestContext): Promise<GuideView | null> {
    return visibleGuide(ctx, this.q, caller, s.guideId);
  }
}

@Resolver(() => OnboardingPlanType)
export class OnboardingPlanResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => RegionType)
  region(@Parent() p: PlanView, @Context() ctx: RequestContext): Promise<RegionView> {
    return regionOf(ctx, this.queries, p.regionId);
  }

  @ResolveField(() => ContactCardType)
  newcomer(@Parent() p: PlanView, @CurrentCaller() caller: Caller | null): ContactCardType {
    return card(p, CommunityPolicy.seesNewcomerContact(caller, p));
  }
}

@Resolver(() => GuideType)
export class GuideResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => RegionType)
  region(@Parent() g: GuideView, @Context() ctx: RequestContext): Promise<RegionView> {
    return regionOf(ctx, this.queries, g.regionId);
  }
}
