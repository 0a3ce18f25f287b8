import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEmail, IsEnum, IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import { Capability, MembershipRole } from '#libs/auth/caller.js';
import { NotBlank } from '#libs/graphql/validators.js';

@InputType()
export class SignUpInput {
  @Field() @IsEmail({}, { message: 'must be an email address' }) @MaxLength(254) email!: string;
  @Field({ description: 'At least 10 characters.' })
  @IsString()
  @MinLength(10, { message: 'must have at least 10 characters' })
  @MaxLength(200)
  password!: string;
  @Field() @NotBlank() @MaxLength(100) displayName!: string;
}

@InputType()
export class SignInInput {
  @Field() @IsString() @MaxLength(254) email!: string;
  @Field() @IsString() @MaxLength(200) password!: string;
}

@InputType()
export class ChangePasswordInput {
  @Field() @IsString() @MaxLength(200) currentPassword!: string;
  @Field({ description: 'At least 10 characters.' })
  @IsString()
  @MinLength(10, { message: 'must have at least 10 characters' })
  @MaxLength(200)
  newPassword!: string;
}

@InputType()
export class CreateRegionInput {
  @Field() @IsNotEmpty() @MaxLength(40) code!: string;
  @Field() @IsNotEmpty() @MaxLength(100) name!: string;
  @Field() @IsNotEmpty() @MaxLength(20) prefecture!: string;
}

@InputType()
export class CreateOrganizationInput {
  @Field(() => ID) @IsNotEmpty() regionId!: string;
  @Field() @IsNotEmpty() @MaxLength(200) name!: string;
  @Field(() => [Capability]) @IsEnum(Capability, { each: true }) @ArrayMaxSize(20) capabilities!: Capability[];
}

@InputType()
export class CreateStaffAccountInput {
  @Field(() => ID) @IsNotEmpty() organizationId!: string;
  @Field() @IsEmail({}, { message: 'must be an email address' }) @MaxLength(254) email!: string;
  @Field()
  @IsString()
  @MinLength(10, { message: 'must have at least 10 characters' })
  @MaxLength(200)
  password!: string;
  @Field() @NotBlank() @MaxLength(100) displayName!: string;
  @Field(() => MembershipRole) @IsEnum(MembershipRole) role!: MembershipRole;
}
