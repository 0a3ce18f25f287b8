import { Field, ID, ObjectType } from '@nestjs/graphql';
import { AccountKind, MembershipRole } from '../../../../libs/auth/caller.js';
import { OrganizationType } from '../../../../libs/contracts/identity/graphql.js';

@ObjectType('Membership')
export class MembershipType {
  organizationId!: string;
  @Field(() => OrganizationType) organization?: OrganizationType;
  @Field(() => MembershipRole) role!: MembershipRole;
}

@ObjectType('Account')
export class AccountType {
  @Field(() => ID) id!: string;
  @Field() email!: string;
  @Field() displayName!: string;
  @Field(() => AccountKind) kind!: AccountKind;
  @Field(() => [MembershipType]) memberships!: MembershipType[];
  @Field() createdAt!: Date;
}

@ObjectType('AuthPayload')
export class AuthPayloadType {
  @Field() token!: string;
  @Field(() => AccountType) account!: AccountType;
}
