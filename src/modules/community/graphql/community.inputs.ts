import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CommunityRoleStatus, GuideStatus, RoleCategory } from '#libs/contracts/community/enums.js';
import { DateScalar } from '#libs/graphql/shared-types.js';
import { NotBlank } from '#libs/graphql/validators.js';

@InputType()
export class CommunityRoleFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() regionId?: string | null;
  @Field(() => [RoleCategory], { nullable: true }) @IsOptional() @IsEnum(RoleCategory, { each: true }) categories?: RoleCategory[] | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() onsite?: boolean | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() maxHoursPerMonth?: number | null;
  @Field(() => String, { nullable: true, description: 'Words in title and description; Japanese by any part of a word.' })
  @IsOptional()
  @MaxLength(200)
  text?: string | null;
  @Field(() => [CommunityRoleStatus], { nullable: true, description: 'Staff only; the public sees OPEN and CLOSED.' })
  @IsOptional()
  @IsEnum(CommunityRoleStatus, { each: true })
  statuses?: CommunityRoleStatus[] | null;
}

@InputType()
export class CreateCommunityRoleInput {
  @Field(() => ID, { description: 'Holds COMMUNITY_MANAGE; sets the region.' }) @IsNotEmpty() organizationId!: string;
  @Field(() => RoleCategory) @IsEnum(RoleCategory) category!: RoleCategory;
  @Field() @NotBlank() @MaxLength(200) title!: string;
  @Field() @NotBlank() @MaxLength(10000) description!: string;
  @Field(() => Int) @IsInt() hoursPerMonth!: number;
  @Field() @IsBoolean() onsite!: boolean;
  @Field(() => Int, { description: '1 or more' }) @IsInt() seats!: number;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() startsOn?: string | null;
}

@InputType()
export class UpdateCommunityRoleInput {
  @Field(() => ID) @IsNotEmpty() roleId!: string;
  @Field(() => RoleCategory, { nullable: true }) @IsOptional() @IsEnum(RoleCategory) category?: RoleCategory | null;
  @Field(() => String, { nullable: true }) @IsOptional() @NotBlank() @MaxLength(200) title?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @NotBlank() @MaxLength(10000) description?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() hoursPerMonth?: number | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() onsite?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Not below acceptedCount.' }) @IsOptional() @IsInt() seats?: number | null;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() startsOn?: string | null;
}

@InputType()
export class CommunityRoleIdInput {
  @Field(() => ID) @IsNotEmpty() roleId!: string;
}

@InputType()
export class ApplyForRoleInput {
  @Field(() => ID) @IsNotEmpty() roleId!: string;
  @Field() @NotBlank() @MaxLength(5000) motivation!: string;
  @Field() @NotBlank() @MaxLength(100) fullName!: string;
  @Field() @NotBlank() @MaxLength(30) phone!: string;
}

@InputType()
export class RoleApplicationIdInput {
  @Field(() => ID) @IsNotEmpty() applicationId!: string;
}

@InputType()
export class VolunteerAsSupporterInput {
  @Field(() => ID) @IsNotEmpty() regionId!: string;
  @Field(() => [String]) @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(50, { each: true }) topics!: string[];
  @Field() @IsString() @MaxLength(5000) bio!: string;
  @Field(() => Int, { description: '1 or more' }) @IsInt() maxNewcomers!: number;
}

@InputType()
export class UpdateSupporterInput {
  @Field(() => ID) @IsNotEmpty() supporterId!: string;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(50, { each: true }) topics?: string[] | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(5000) bio?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() maxNewcomers?: number | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() active?: boolean | null;
}

@InputType()
export class SupporterIdInput {
  @Field(() => ID) @IsNotEmpty() supporterId!: string;
}

@InputType()
export class RequestMentorshipInput {
  @Field(() => ID) @IsNotEmpty() regionId!: string;
  @Field(() => [String]) @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(50, { each: true }) topics!: string[];
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(5000) message?: string | null;
  @Field() @NotBlank() @MaxLength(100) fullName!: string;
  @Field() @NotBlank() @MaxLength(30) phone!: string;
}

@InputType()
export class AssignSupporterInput {
  @Field(() => ID) @IsNotEmpty() mentorshipId!: string;
  @Field(() => ID) @IsNotEmpty() supporterId!: string;
}

@InputType()
export class MentorshipIdInput {
  @Field(() => ID) @IsNotEmpty() mentorshipId!: string;
}

@InputType()
export class OnboardingStepTemplateInput {
  @Field() @IsString() key!: string;
  @Field() @NotBlank() @MaxLength(200) title!: string;
  @Field() @IsString() @MaxLength(5000) description!: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() guideId?: string | null;
}

@InputType()
export class SetOnboardingTemplateInput {
  @Field(() => ID) @IsNotEmpty() regionId!: string;
  @Field(() => [OnboardingStepTemplateInput], { description: 'One or more; keys unique.' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OnboardingStepTemplateInput)
  steps!: OnboardingStepTemplateInput[];
}

@InputType()
export class StartOnboardingInput {
  @Field(() => ID) @IsNotEmpty() regionId!: string;
}

@InputType()
export class CompleteOnboardingStepInput {
  @Field(() => ID) @IsNotEmpty() planId!: string;
  @Field() @IsNotEmpty() key!: string;
}

@InputType()
export class GuideFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() regionId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(50) category?: string | null;
  @Field(() => String, { nullable: true, description: 'Words in title and body; Japanese by any part of a word.' })
  @IsOptional()
  @MaxLength(200)
  text?: string | null;
  @Field(() => [GuideStatus], { nullable: true, description: 'Staff only; the public sees PUBLISHED.' })
  @IsOptional()
  @IsEnum(GuideStatus, { each: true })
  statuses?: GuideStatus[] | null;
}

@InputType()
export class WriteGuideInput {
  @Field(() => ID, { nullable: true, description: 'Omitted: a new DRAFT guide.' }) @IsOptional() @IsString() guideId?: string | null;
  @Field(() => ID) @IsNotEmpty() regionId!: string;
  @Field() @NotBlank() @MaxLength(50) category!: string;
  @Field() @NotBlank() @MaxLength(200) title!: string;
  @Field() @NotBlank() @MaxLength(50000) body!: string;
}

@InputType()
export class GuideIdInput {
  @Field(() => ID) @IsNotEmpty() guideId!: string;
}
