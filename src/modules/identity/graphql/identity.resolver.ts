import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { CurrentCaller } from '#libs/auth/current-caller.decorator.js';
import { OrganizationType, RegionType } from '#libs/contracts/identity/graphql.js';
import {
  GetOrganizationsByIdsQuery,
  GetRegionsByIdsQuery,
  ListOrganizationsQuery,
  type OrganizationView,
  type RegionView,
} from '#libs/contracts/identity/queries.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import type { RequestContext } from '#libs/graphql/context.js';
import { organizationLoader, regionLoader } from '#libs/contracts/identity/loaders.js';
import { CreateOrganizationCommand } from '../application/commands/create-organization/create-organization.command.js';
import { CreateRegionCommand } from '../application/commands/create-region/create-region.command.js';
import { CreateStaffAccountCommand } from '../application/commands/create-staff-account/create-staff-account.command.js';
import { ChangePasswordCommand } from '../application/commands/change-password/change-password.command.js';
import { SignInCommand } from '../application/commands/sign-in/sign-in.command.js';
import { SignOutCommand } from '../application/commands/sign-out/sign-out.command.js';
import { SignUpCommand } from '../application/commands/sign-up/sign-up.command.js';
import { GetAccountQuery, ListRegionsQuery } from '../application/queries/identity.queries.js';
import {
  ChangePasswordInput,
  CreateOrganizationInput,
  CreateRegionInput,
  CreateStaffAccountInput,
  SignInInput,
  SignUpInput,
} from './identity.inputs.js';
import { AccountType, AuthPayloadType, MembershipType } from './identity.types.js';

@Resolver()
export class IdentityResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private async account(id: string): Promise<AccountType> {
    const account = await this.queries.execute(new GetAccountQuery(id));
    if (!account) throw new NotFoundError('Account', id);
    return account as AccountType;
  }

  @Query(() => AccountType, { nullable: true, description: 'The signed-in account, or null for an anonymous caller. public' })
  async me(@CurrentCaller() caller: Caller | null): Promise<AccountType | null> {
    if (!caller) return null;
    // The caller was loaded with this request's token, in the one query that checked it.
    if (caller.accountCreatedAt) {
      return {
        id: caller.accountId,
        email: caller.email,
        displayName: caller.displayName,
        kind: caller.kind,
        createdAt: caller.accountCreatedAt,
        memberships: caller.memberships.map((m) => ({ organizationId: m.organizationId, role: m.role })),
      };
    }
    return this.account(caller.accountId);
  }

  @Query(() => [RegionType], { description: 'public' })
  regions(): Promise<RegionView[]> {
    return this.queries.execute(new ListRegionsQuery());
  }

  @Query(() => [OrganizationType], { description: 'public' })
  organizations(@Args('regionId', { type: () => ID, nullable: true }) regionId?: string): Promise<OrganizationView[]> {
    return this.queries.execute(new ListOrganizationsQuery(regionId ?? undefined));
  }

  @Mutation(() => AuthPayloadType, { description: 'Creates a CANDIDATE account and signs it in. public' })
  async signUp(@Args('input') input: SignUpInput): Promise<AuthPayloadType> {
    const { accountId, token } = await this.commands.execute(new SignUpCommand(input.email, input.password, input.displayName));
    return { token, account: await this.account(accountId) };
  }

  @Mutation(() => AuthPayloadType, { description: 'public' })
  async signIn(@Args('input') input: SignInInput, @Context() ctx: RequestContext): Promise<AuthPayloadType> {
    const { accountId, token } = await this.commands.execute(new SignInCommand(input.email, input.password, ctx.clientAddress));
    return { token, account: await this.account(accountId) };
  }

  @Mutation(() => Boolean, { description: 'signed in; true once the token is revoked' })
  signOut(@CurrentCaller() caller: Caller | null): Promise<boolean> {
    return this.commands.execute(new SignOutCommand(caller));
  }

  @Mutation(() => AuthPayloadType, { description: 'signed in' })
  async changePassword(
    @CurrentCaller() caller: Caller | null,
    @Args('input') input: ChangePasswordInput,
    @Context() ctx: RequestContext,
  ): Promise<AuthPayloadType> {
    const { accountId, token } = await this.commands.execute(
      new ChangePasswordCommand(caller, input.currentPassword, input.newPassword, ctx.clientAddress),
    );
    return { token, account: await this.account(accountId) };
  }

  @Mutation(() => RegionType, { description: 'ADMIN' })
  async createRegion(@CurrentCaller() caller: Caller | null, @Args('input') input: CreateRegionInput): Promise<RegionView> {
    const { regionId } = await this.commands.execute(new CreateRegionCommand(caller, input.code, input.name, input.prefecture));
    const [region] = await this.queries.execute(new GetRegionsByIdsQuery([regionId]));
    return region;
  }

  @Mutation(() => OrganizationType, { description: 'ADMIN' })
  async createOrganization(
    @CurrentCaller() caller: Caller | null,
    @Args('input') input: CreateOrganizationInput,
  ): Promise<OrganizationView> {
    const { organizationId } = await this.commands.execute(
      new CreateOrganizationCommand(caller, input.regionId, input.name, input.capabilities),
    );
    const [org] = await this.queries.execute(new GetOrganizationsByIdsQuery([organizationId]));
    return org;
  }

  @Mutation(() => AccountType, { description: 'ADMIN, or an OWNER of that organization' })
  async createStaffAccount(
    @CurrentCaller() caller: Caller | null,
    @Args('input') input: CreateStaffAccountInput,
  ): Promise<AccountType> {
    const { accountId } = await this.commands.execute(
      new CreateStaffAccountCommand(caller, input.organizationId, input.email, input.password, input.displayName, input.role),
    );
    return this.account(accountId);
  }
}

@Resolver(() => OrganizationType)
export class OrganizationResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => RegionType)
  async region(@Parent() org: OrganizationView, @Context() ctx: RequestContext): Promise<RegionView> {
    const region = await regionLoader(ctx, this.queries).load(org.regionId);
    if (!region) throw new NotFoundError('Region', org.regionId);
    return region;
  }
}

@Resolver(() => MembershipType)
export class MembershipResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => OrganizationType)
  async organization(@Parent() membership: MembershipType, @Context() ctx: RequestContext): Promise<OrganizationView> {
    const org = await organizationLoader(ctx, this.queries).load(membership.organizationId);
    if (!org) throw new NotFoundError('Organization', membership.organizationId);
    return org;
  }
}
