import { Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min,
} from 'class-validator';
import { WorkStyle } from '#libs/contracts/careers/graphql.js';
import { NotBlank } from '#libs/graphql/validators.js';
import { AgeBand, DualRegionStage, MatchStage } from './matching.types.js';

@InputType()
export class CandidateProfileInput {
  @Field() @NotBlank() @MaxLength(100) fullName!: string;
  @Field(() => AgeBand) @IsEnum(AgeBand) ageBand!: AgeBand;
  @Field() @NotBlank() @MaxLength(200) headline!: string;
  @Field() @NotBlank() @MaxLength(5000) careerSummary!: string;
  @Field(() => [String]) @ArrayMaxSize(30) @IsString({ each: true }) @MaxLength(50, { each: true }) skills!: string[];
  @Field(() => [WorkStyle]) @IsEnum(WorkStyle, { each: true }) desiredWorkStyles!: WorkStyle[];
  @Field(() => Int) @IsInt() @Min(0) @Max(80) remoteHoursPerWeek!: number;
  @Field(() => Int) @IsInt() @Min(0) @Max(31) onsiteDaysPerMonth!: number;
  @Field(() => [ID]) @ArrayMaxSize(20) @IsString({ each: true }) desiredRegionIds!: string[];
  @Field(() => DualRegionStage) @IsEnum(DualRegionStage) dualRegionStage!: DualRegionStage;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(30) phone?: string | null;
  @Field(() => String, { nullable: true, description: 'One of the 47 prefectures, written as in 東京都, 大阪府, 北海道, 宮城県.' })
  @IsOptional()
  @MaxLength(10)
  homePrefecture?: string | null;
}

@InputType()
export class ExpressInterestInput {
  @Field(() => ID) @IsNotEmpty() opportunityId!: string;
}

@InputType()
export class InterestIdInput {
  @Field(() => ID) @IsNotEmpty() interestId!: string;
}

@InputType()
export class ScoutCandidateInput {
  @Field(() => ID) @IsNotEmpty() candidateId!: string;
  @Field(() => ID) @IsNotEmpty() opportunityId!: string;
  @Field() @NotBlank() @MaxLength(2000) message!: string;
}

@InputType()
export class RespondToScoutInput {
  @Field(() => ID) @IsNotEmpty() scoutId!: string;
  @Field() @IsBoolean() accept!: boolean;
}

@InputType()
export class AdvanceMatchInput {
  @Field(() => ID) @IsNotEmpty() matchId!: string;
  @Field(() => MatchStage) @IsEnum(MatchStage) stage!: MatchStage;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) note?: string | null;
}

@InputType()
export class AssignCoordinatorInput {
  @Field(() => ID) @IsNotEmpty() matchId!: string;
  @Field(() => ID) @IsNotEmpty() coordinatorAccountId!: string;
}

@InputType()
export class SendMessageInput {
  @Field(() => ID) @IsNotEmpty() matchId!: string;
  @Field() @NotBlank() @MaxLength(5000) body!: string;
}

@InputType()
export class MatchFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() regionId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() opportunityId?: string | null;
  @Field(() => [MatchStage], { nullable: true }) @IsOptional() @IsEnum(MatchStage, { each: true }) stages?: MatchStage[] | null;
}
