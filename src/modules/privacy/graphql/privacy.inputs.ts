import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { CONSENT_PURPOSES, type ConsentPurpose } from '#libs/contracts/privacy/enums.js';
import { ConsentPurposeEnum } from './privacy.types.js';

@InputType()
export class SetConsentInput {
  @Field(() => ConsentPurposeEnum)
  @IsIn(CONSENT_PURPOSES)
  purpose!: ConsentPurpose;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'is not an id' })
  organizationId?: string | null;

  @Field()
  @IsBoolean()
  granted!: boolean;
}

@InputType()
export class EraseMyAccountInput {
  @Field()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(1024)
  password!: string;
}
