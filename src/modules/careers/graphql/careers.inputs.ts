import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { OpportunityStatus, WorkStyle } from '#libs/contracts/careers/graphql.js';
import { NotBlank } from '#libs/graphql/validators.js';

@InputType()
export class OpportunityFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() regionId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() employerId?: string | null;
  @Field(() => [WorkStyle], { nullable: true }) @IsOptional() @IsEnum(WorkStyle, { each: true }) workStyles?: WorkStyle[] | null;
  @Field(() => [String], { nullable: true, description: 'Matches opportunities that ask for any of these skills.' })
  @IsOptional()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  skills?: string[] | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() remoteOk?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'At most this many on-site days a month.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(31)
  maxOnsiteDaysPerMonth?: number | null;
  @Field(() => String, { nullable: true, description: 'Words searched in title and description, Japanese included.' })
  @IsOptional()
  @MaxLength(200)
  text?: string | null;
  @Field(() => [OpportunityStatus], { nullable: true, description: 'Staff only; the public always sees PUBLISHED.' })
  @IsOptional()
  @IsEnum(OpportunityStatus, { each: true })
  statuses?: OpportunityStatus[] | null;
}

@InputType()
export class RegisterEmployerInput {
  @Field(() => ID, { description: 'The partner organization that manages this employer; sets its region.' })
  @IsNotEmpty()
  organizationId!: string;
  @Field() @NotBlank() @MaxLength(200) name!: string;
  @Field() @NotBlank() @MaxLength(100) industry!: string;
  @Field() @NotBlank() @MaxLength(5000) description!: string;
}

@InputType()
export class DraftOpportunityInput {
  @Field(() => ID) @IsNotEmpty() employerId!: string;
  @Field() @NotBlank() @MaxLength(200) title!: string;
  @Field() @NotBlank() @MaxLength(10000) description!: string;
  @Field(() => WorkStyle) @IsEnum(WorkStyle) workStyle!: WorkStyle;
  @Field(() => [String]) @ArrayMaxSize(30) @IsString({ each: true }) @MaxLength(50, { each: true }) skills!: string[];
  @Field() @IsBoolean() remoteOk!: boolean;
  @Field(() => Int) @IsInt() @Min(0, { message: 'must be from 0 to 31' }) @Max(31, { message: 'must be from 0 to 31' }) onsiteDaysPerMonth!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) compensation?: string | null;
}

@InputType()
export class UpdateOpportunityInput {
  @Field(() => ID) @IsNotEmpty() opportunityId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @NotBlank() @MaxLength(200) title?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @NotBlank() @MaxLength(10000) description?: string | null;
  @Field(() => WorkStyle, { nullable: true }) @IsOptional() @IsEnum(WorkStyle) workStyle?: WorkStyle | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(30) @IsString({ each: true }) @MaxLength(50, { each: true }) skills?: string[] | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() remoteOk?: boolean | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0, { message: 'must be from 0 to 31' }) @Max(31, { message: 'must be from 0 to 31' }) onsiteDaysPerMonth?: number | null;
  @Field(() => String, { nullable: true, description: 'null clears it; omitted leaves it' }) @IsOptional() @MaxLength(200) compensation?: string | null;
}

@InputType()
export class OpportunityIdInput {
  @Field(() => ID) @IsNotEmpty() opportunityId!: string;
}
