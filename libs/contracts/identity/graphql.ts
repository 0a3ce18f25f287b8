import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AccountKind, Capability, MembershipRole } from '../../auth/caller.js';
import type { OrganizationView, RegionView } from './queries.js';

registerEnumType(AccountKind, {
  name: 'AccountKind',
  description: 'CANDIDATE: signs up publicly. STAFF: works for one or more partner organizations. ADMIN: operates the platform.',
});
registerEnumType(Capability, {
  name: 'Capability',
  description: 'Which module workflows an organization may run, inside its own region only.',
});
registerEnumType(MembershipRole, { name: 'MembershipRole' });

/** The GraphQL Region: shared because every module's types point at a region. */
@ObjectType('Region')
export class RegionType implements RegionView {
  @Field(() => ID) id!: string;
  @Field({ description: 'Stable slug, e.g. kesennuma' }) code!: string;
  @Field() name!: string;
  @Field() prefecture!: string;
}

/** The GraphQL Organization; `region` is resolved by the identity module. */
@ObjectType('Organization')
export class OrganizationType implements OrganizationView {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  regionId!: string;
  @Field(() => [Capability]) capabilities!: Capability[];
}

/** The GraphQL Membership; `organization` is resolved by the identity module. */
@ObjectType('Membership')
export class MembershipType {
  organizationId!: string;
  @Field(() => OrganizationType) organization?: OrganizationType;
  @Field(() => MembershipRole) role!: MembershipRole;
}

/** The GraphQL Account, shared because other modules point at accounts (Match.coordinator). */
@ObjectType('Account')
export class AccountType {
  @Field(() => ID) id!: string;
  @Field() email!: string;
  @Field() displayName!: string;
  @Field(() => AccountKind) kind!: AccountKind;
  @Field(() => [MembershipType]) memberships!: MembershipType[];
  @Field() createdAt!: Date;
}
