import { Args, Context, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { GraphQLResolveInfo } from 'graphql';
import type { Caller } from '#libs/auth/caller.js';
import { CurrentCaller } from '#libs/auth/current-caller.decorator.js';
import { EraseAccountCommand } from '#libs/contracts/identity/commands.js';
import { OrganizationType } from '#libs/contracts/identity/graphql.js';
import { accountLoader, organizationLoader } from '#libs/contracts/identity/loaders.js';
import type { OrganizationView } from '#libs/contracts/identity/queries.js';
import type { PersonalField } from '#libs/contracts/privacy/enums.js';
import type { ConnectionShape } from '#libs/graphql/connection.js';
import type { RequestContext } from '#libs/graphql/context.js';
import { reveal } from '#libs/graphql/personal-data.js';
import { ContactCardType } from '#libs/graphql/shared-types.js';
import { SetConsentCommand } from '../application/commands/set-consent/set-consent.command.js';
import { AccessLogQuery, ExportMyDataQuery, MyConsentsQuery, ProvisionRecordsQuery } from '../application/queries/privacy.queries.js';
import type { AccessRow, ConsentRow, ProvisionRecordRow } from '../application/privacy.views.js';
import { EraseMyAccountInput, SetConsentInput } from './privacy.inputs.js';
import {
  ConsentType,
  PersonalDataAccessConnection,
  PersonalDataAccessType,
  PersonalDataExportType,
  ProvisionRecordConnection,
  ProvisionRecordType,
} from './privacy.types.js';

/** A person as the privacy module can show them: the name they chose, nothing else. */
async function cardOf(ctx: RequestContext, queries: QueryBus, accountId: string): Promise<ContactCardType> {
  const account = await accountLoader(ctx, queries).load(accountId);
  return { accountId, displayName: account?.displayName ?? '', fullName: null, email: null, phone: null };
}

/** Contract 90-privacy. Resolvers only map. */
@Resolver()
export class PrivacyResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Query(() => [ConsentType], { description: "the caller's current answers" })
  myConsents(@CurrentCaller() caller: Caller | null): Promise<ConsentRow[]> {
    return this.queries.execute(new MyConsentsQuery(caller));
  }

  @Query(() => ProvisionRecordConnection, { description: "the caller's records, newest first" })
  myProvisionRecords(
    @CurrentCaller() caller: Caller | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<ConnectionShape<ProvisionRecordRow>> {
    return this.queries.execute(new ProvisionRecordsQuery(caller, true, {}, { first, after }));
  }

  @Query(() => ProvisionRecordConnection, { description: 'ADMIN' })
  provisionRecords(
    @CurrentCaller() caller: Caller | null,
    @Args('accountId', { type: () => ID, nullable: true }) accountId?: string,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<ConnectionShape<ProvisionRecordRow>> {
    return this.queries.execute(new ProvisionRecordsQuery(caller, false, { accountId, organizationId }, { first, after }));
  }

  @Query(() => PersonalDataAccessConnection, { description: 'ADMIN; newest first' })
  personalDataAccessLog(
    @CurrentCaller() caller: Caller | null,
    @Args('subjectAccountId', { type: () => ID, nullable: true }) subjectAccountId?: string,
    @Args('readerAccountId', { type: () => ID, nullable: true }) readerAccountId?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<ConnectionShape<AccessRow>> {
    return this.queries.execute(new AccessLogQuery(caller, { subjectAccountId, readerAccountId }, { first, after }));
  }

  @Mutation(() => ConsentType)
  setConsent(@CurrentCaller() caller: Caller | null, @Args('input') input: SetConsentInput): Promise<ConsentRow> {
    return this.commands.execute(new SetConsentCommand(caller, input.purpose, input.organizationId ?? null, input.granted));
  }

  @Mutation(() => PersonalDataExportType, { description: 'the caller' })
  exportMyData(@CurrentCaller() caller: Caller | null): Promise<{ generatedAt: Date; json: string }> {
    return this.queries.execute(new ExportMyDataQuery(caller));
  }

  @Mutation(() => Boolean, { description: 'the caller (CANDIDATE); true once accepted; see the erasure rule above' })
  eraseMyAccount(
    @CurrentCaller() caller: Caller | null,
    @Args('input') input: EraseMyAccountInput,
    @Context() ctx: RequestContext,
  ): Promise<boolean> {
    return this.commands.execute(new EraseAccountCommand(caller, input.password, ctx.clientAddress));
  }
}

@Resolver(() => ConsentType)
export class ConsentResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => OrganizationType, { nullable: true })
  organization(@Parent() consent: ConsentRow, @Context() ctx: RequestContext): Promise<OrganizationView | null> | null {
    return consent.organizationId ? organizationLoader(ctx, this.queries).load(consent.organizationId) : null;
  }
}

@Resolver(() => ProvisionRecordType)
export class ProvisionRecordResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => OrganizationType, { nullable: true })
  recipient(@Parent() record: ProvisionRecordRow, @Context() ctx: RequestContext): Promise<OrganizationView | null> | null {
    return record.recipientOrganizationId ? organizationLoader(ctx, this.queries).load(record.recipientOrganizationId) : null;
  }

  @ResolveField(() => ContactCardType, { nullable: true })
  recipientAccount(@Parent() record: ProvisionRecordRow, @Context() ctx: RequestContext): Promise<ContactCardType> | null {
    return record.recipientAccountId ? cardOf(ctx, this.queries, record.recipientAccountId) : null;
  }
}

@Resolver(() => PersonalDataAccessType)
export class PersonalDataAccessResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => ContactCardType)
  reader(@Parent() access: AccessRow, @Context() ctx: RequestContext): Promise<ContactCardType> {
    return cardOf(ctx, this.queries, access.readerAccountId);
  }
}

/**
 * Every module's ContactCard passes through here: reading another person's fullName, email
 * or phone is written to the access log (who, whose, which field, through which root field)
 * before the value is handed out. The person's own card, and a field the module left null,
 * are not logged. The log is batched (AccessLogWriter), so the fields of a page share one
 * INSERT that runs while the rest of the page resolves.
 */
@Resolver(() => ContactCardType)
export class ContactCardResolver {
  constructor(private readonly commands: CommandBus) {}

  private async reveal(card: ContactCardType, field: PersonalField, ctx: RequestContext, info: GraphQLResolveInfo): Promise<string | null> {
    return reveal(this.commands, ctx.caller, card.accountId, field, card[field], info);
  }

  @ResolveField(() => String, { nullable: true })
  fullName(@Parent() card: ContactCardType, @Context() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<string | null> {
    return this.reveal(card, 'fullName', ctx, info);
  }

  @ResolveField(() => String, { nullable: true })
  email(@Parent() card: ContactCardType, @Context() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<string | null> {
    return this.reveal(card, 'email', ctx, info);
  }

  @ResolveField(() => String, { nullable: true })
  phone(@Parent() card: ContactCardType, @Context() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<string | null> {
    return this.reveal(card, 'phone', ctx, info);
  }
}
