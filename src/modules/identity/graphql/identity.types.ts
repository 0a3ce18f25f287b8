import { Field, ObjectType } from '@nestjs/graphql';
import { AccountType } from '#libs/contracts/identity/graphql.js';

export { AccountType, MembershipType } from '#libs/contracts/identity/graphql.js';

@ObjectType('AuthPayload')
export class AuthPayloadType {
  @Field() token!: string;
  @Field(() => AccountType) account!: AccountType;
}
