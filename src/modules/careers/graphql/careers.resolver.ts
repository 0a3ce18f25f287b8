import { Args, Context, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { selectedFields } from '#libs/graphql/selection.js';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { CurrentCaller } from '#libs/auth/current-caller.decorator.js';
import { OpportunityType } from '#libs/contracts/careers/graphql.js';
import type { OpportunityView } from '#libs/contracts/careers/queries.js';
import { RegionType } from '#libs/contracts/identity/graphql.js';
import { regionLoader } from '#libs/contracts/identity/loaders.js';
import type { RegionView } from '#libs/contracts/identity/queries.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import type { ConnectionShape } from '#libs/graphql/connection.js';
import type { RequestContext } from '#libs/graphql/context.js';
import { alignById } from '#libs/graphql/loaders.js';
import {
  CloseOpportunityCommand,
  PublishOpportunityCommand,
  ReturnOpportunityToDraftCommand,
  SubmitOpportunityForReviewCommand,
} from '../application/commands/change-opportunity-status/change-opportunity-status.command.js';
import { DraftOpportunityCommand } from '../application/commands/draft-opportunity/draft-opportunity.command.js';
import { RegisterEmployerCommand } from '../application/commands/register-employer/register-employer.command.js';
import { UpdateOpportunityCommand } from '../application/commands/update-opportunity/update-opportunity.command.js';
import {
  GetEmployersByIdsQuery,
  GetOpportunityQuery,
  ListEmployersQuery,
  SearchOpportunitiesQuery,
  type EmployerView,
} from '../application/queries/careers.queries.js';
import {
  DraftOpportunityInput,
  OpportunityFilter,
  OpportunityIdInput,
  RegisterEmployerInput,
  UpdateOpportunityInput,
} from './careers.inputs.js';
import { EmployerConnection, EmployerType, OpportunityConnection } from './careers.types.js';

const employerLoader = (ctx: RequestContext, queries: QueryBus) =>
  ctx.loaders.get<EmployerView>('careers.employer', async (ids) =>
    alignById(ids, await queries.execute(new GetEmployersByIdsQuery(ids)), (e) => e.id),
  );

async function regionOf(ctx: RequestContext, queries: QueryBus, regionId: string): Promise<RegionView> {
  const region = await regionLoader(ctx, queries).load(regionId);
  if (!region) throw new NotFoundError('Region', regionId);
  return region;
}

@Resolver()
export class CareersResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private opportunity(caller: Caller | null, id: string): Promise<OpportunityView> {
    return this.queries.execute(new GetOpportunityQuery(caller, id));
  }

  @Query(() => OpportunityConnection, { description: 'public; newest first' })
  opportunities(
    @CurrentCaller() caller: Caller | null,
    @Args('filter', { type: () => OpportunityFilter, nullable: true }) filter?: OpportunityFilter,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<ConnectionShape<OpportunityView>> {
    const fields = info && selectedFields(info, ['edges', 'node']);
    return this.queries.execute(new SearchOpportunitiesQuery(caller, filter ?? {}, first, after, fields));
  }

  @Query(() => OpportunityType, { name: 'opportunity', nullable: true, description: 'public for PUBLISHED' })
  getOpportunity(@CurrentCaller() caller: Caller | null, @Args('id', { type: () => ID }) id: string): Promise<OpportunityView> {
    return this.opportunity(caller, id);
  }

  @Query(() => EmployerConnection, { description: 'public' })
  employers(
    @Args('regionId', { type: () => ID, nullable: true }) regionId?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ConnectionShape<EmployerView>> {
    return this.queries.execute(new ListEmployersQuery(regionId, first, after));
  }

  @Query(() => EmployerType, { nullable: true, description: 'public' })
  async employer(@Args('id', { type: () => ID }) id: string): Promise<EmployerView> {
    const [employer] = await this.queries.execute(new GetEmployersByIdsQuery([id]));
    if (!employer) throw new NotFoundError('Employer', id);
    return employer;
  }

  @Mutation(() => EmployerType)
  async registerEmployer(@CurrentCaller() caller: Caller | null, @Args('input') input: RegisterEmployerInput): Promise<EmployerView> {
    const { employerId } = await this.commands.execute(
      new RegisterEmployerCommand(caller, input.organizationId, input.name, input.industry, input.description),
    );
    const [employer] = await this.queries.execute(new GetEmployersByIdsQuery([employerId]));
    return employer;
  }

  @Mutation(() => OpportunityType)
  async draftOpportunity(@CurrentCaller() caller: Caller | null, @Args('input') input: DraftOpportunityInput): Promise<OpportunityView> {
    const { opportunityId } = await this.commands.execute(
      new DraftOpportunityCommand(caller, input.employerId, {
        title: input.title,
        description: input.description,
        workStyle: input.workStyle,
        skills: input.skills,
        remoteOk: input.remoteOk,
        onsiteDaysPerMonth: input.onsiteDaysPerMonth,
        compensation: input.compensation ?? null,
      }),
    );
    return this.opportunity(caller, opportunityId);
  }

  @Mutation(() => OpportunityType, { description: 'DRAFT or IN_REVIEW only' })
  async updateOpportunity(@CurrentCaller() caller: Caller | null, @Args('input') input: UpdateOpportunityInput): Promise<OpportunityView> {
    const { opportunityId } = await this.commands.execute(
      new UpdateOpportunityCommand(caller, input.opportunityId, {
        title: input.title ?? undefined,
        description: input.description ?? undefined,
        workStyle: input.workStyle ?? undefined,
        skills: input.skills ?? undefined,
        remoteOk: input.remoteOk ?? undefined,
        onsiteDaysPerMonth: input.onsiteDaysPerMonth ?? undefined,
        // Omitted leaves it; an explicit null clears it.
        compensation: input.compensation === undefined ? undefined : input.compensation,
      }),
    );
    return this.opportunity(caller, opportunityId);
  }

  @Mutation(() => OpportunityType)
  async submitOpportunityForReview(@CurrentCaller() caller: Caller | null, @Args('input') input: OpportunityIdInput) {
    await this.commands.execute(new SubmitOpportunityForReviewCommand(caller, input.opportunityId));
    return this.opportunity(caller, input.opportunityId);
  }

  @Mutation(() => OpportunityType, { description: 'IN_REVIEW -> DRAFT' })
  async returnOpportunityToDraft(@CurrentCaller() caller: Caller | null, @Args('input') input: OpportunityIdInput) {
    await this.commands.execute(new ReturnOpportunityToDraftCommand(caller, input.opportunityId));
    return this.opportunity(caller, input.opportunityId);
  }

  @Mutation(() => OpportunityType)
  async publishOpportunity(@CurrentCaller() caller: Caller | null, @Args('input') input: OpportunityIdInput) {
    await this.commands.execute(new PublishOpportunityCommand(caller, input.opportunityId));
    return this.opportunity(caller, input.opportunityId);
  }

  @Mutation(() => OpportunityType)
  async closeOpportunity(@CurrentCaller() caller: Caller | null, @Args('input') input: OpportunityIdInput) {
    await this.commands.execute(new CloseOpportunityCommand(caller, input.opportunityId));
    return this.opportunity(caller, input.opportunityId);
  }
}

@Resolver(() => OpportunityType)
export class OpportunityResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => EmployerType)
  async employer(@Parent() opportunity: OpportunityView, @Context() ctx: RequestContext): Promise<EmployerView> {
    const employer = await employerLoader(ctx, this.queries).load(opportunity.employerId);
    if (!employer) throw new NotFoundError('Employer', opportunity.employerId);
    return employer;
  }

  @ResolveField(() => RegionType)
  region(@Parent() opportunity: OpportunityView, @Context() ctx: RequestContext): Promise<RegionView> {
    return regionOf(ctx, this.queries, opportunity.regionId);
  }
}

@Resolver(() => EmployerType)
export class EmployerResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => RegionType)
  region(@Parent() employer: EmployerView, @Context() ctx: RequestContext): Promise<RegionView> {
    return regionOf(ctx, this.queries, employer.regionId);
  }

  @ResolveField(() => OpportunityConnection, { description: "PUBLISHED ones for the public; all for the region's CAREERS_MANAGE staff." })
  opportunities(
    @Parent() employer: EmployerView,
    @CurrentCaller() caller: Caller | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<ConnectionShape<OpportunityView>> {
    const fields = info && selectedFields(info, ['edges', 'node']);
    return this.queries.execute(new SearchOpportunitiesQuery(caller, { employerId: employer.id }, first, after, fields));
  }
}
