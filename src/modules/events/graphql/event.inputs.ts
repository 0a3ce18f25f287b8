import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { WorkStyle } from '#libs/contracts/careers/graphql.js';
import { AllocationPolicy, EventKind, EventStatus } from '#libs/contracts/events/enums.js';
import { LIMITS } from '../domain/event.aggregate.js';
import { MAX_COMMENT_LENGTH } from '../domain/feedback.aggregate.js';
import { MAX_SEED_LENGTH } from '../domain/lottery.js';

const NOT_EMPTY = { message: 'must not be empty' };

@InputType()
export class VenueInput {
  @Field() @IsString() @IsNotEmpty(NOT_EMPTY) @MaxLength(LIMITS.venueName) name!: string;
  @Field() @IsString() @IsNotEmpty(NOT_EMPTY) @MaxLength(LIMITS.venueAddress) address!: string;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() online?: boolean | null;
}

@InputType()
export class ProgramItemInput {
  @Field(() => Date, { nullable: true }) @IsOptional() @IsDate() startsAt?: Date | null;
  @Field() @IsString() @IsNotEmpty(NOT_EMPTY) @MaxLength(LIMITS.programTitle) title!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(LIMITS.programDescription) description?: string | null;
}

@InputType()
export class SpeakerInput {
  @Field() @IsString() @IsNotEmpty(NOT_EMPTY) @MaxLength(LIMITS.speakerName) name!: string;
  @Field() @IsString() @IsNotEmpty(NOT_EMPTY) @MaxLength(LIMITS.speakerAffiliation) affiliation!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(LIMITS.speakerTitle) title?: string | null;
}

@InputType()
export class CreateEventInput {
  @Field(() => ID) @IsNotEmpty(NOT_EMPTY) organizationId!: string;
  @Field(() => EventKind) @IsEnum(EventKind) kind!: EventKind;
  @Field() @IsString() @IsNotEmpty(NOT_EMPTY) @MaxLength(LIMITS.title) title!: string;
  @Field() @IsString() @IsNotEmpty(NOT_EMPTY) @MaxLength(LIMITS.description) description!: string;
  @Field() @IsDate() startsAt!: Date;
  @Field() @IsDate() endsAt!: Date;
  @Field(() => VenueInput) @ValidateNested() @Type(() => VenueInput) venue!: VenueInput;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(LIMITS.meetingPoint) meetingPoint?: string | null;
  @Field(() => Int, { description: '1 or more' })
  @IsInt()
  @Min(1, { message: 'must be at least 1' })
  @Max(LIMITS.capacity)
  capacity!: number;
  @Field(() => Int, { nullable: true, description: '0 when free, the default' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'must not be negative' })
  @Max(LIMITS.feeYen)
  feeYen?: number | null;
  @Field(() => AllocationPolicy) @IsEnum(AllocationPolicy) allocation!: AllocationPolicy;
  @Field(() => Date, { nullable: true }) @IsOptional() @IsDate() applicationDeadline?: Date | null;
  @Field(() => [ProgramItemInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.programItems)
  @ValidateNested({ each: true })
  @Type(() => ProgramItemInput)
  program?: ProgramItemInput[] | null;
  @Field(() => [SpeakerInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.speakers)
  @ValidateNested({ each: true })
  @Type(() => SpeakerInput)
  speakers?: SpeakerInput[] | null;
}

@InputType('EventFilter')
export class EventFilterInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() regionId?: string | null;
  @Field(() => [EventKind], { nullable: true }) @IsOptional() @IsEnum(EventKind, { each: true }) kinds?: EventKind[] | null;
  @Field(() => [EventStatus], { nullable: true, description: 'Staff only; the public sees OPEN, CLOSED and COMPLETED.' })
  @IsOptional()
  @IsEnum(EventStatus, { each: true })
  statuses?: EventStatus[] | null;
  @Field(() => Date, { nullable: true }) @IsOptional() @IsDate() startsAfter?: Date | null;
}

@InputType()
export class EventIdInput {
  @Field(() => ID) @IsNotEmpty(NOT_EMPTY) eventId!: string;
}

@InputType()
export class RegisterForEventInput {
  @Field(() => ID) @IsNotEmpty(NOT_EMPTY) eventId!: string;
}

@InputType()
export class RegistrationIdInput {
  @Field(() => ID) @IsNotEmpty(NOT_EMPTY) registrationId!: string;
}

@InputType()
export class DrawLotteryInput {
  @Field(() => ID) @IsNotEmpty(NOT_EMPTY) eventId!: string;
  @Field(() => String, { nullable: true, description: 'Omitted: the server picks a random one and records it.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty(NOT_EMPTY)
  @MaxLength(MAX_SEED_LENGTH)
  seed?: string | null;
}

@InputType()
export class SubmitEventFeedbackInput {
  @Field(() => ID) @IsNotEmpty(NOT_EMPTY) registrationId!: string;
  @Field(() => Int, { description: '1 to 5' })
  @IsInt()
  @Min(1, { message: 'must be from 1 to 5' })
  @Max(5, { message: 'must be from 1 to 5' })
  rating!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(MAX_COMMENT_LENGTH) comment?: string | null;
  @Field(() => [WorkStyle], { nullable: true }) @IsOptional() @IsEnum(WorkStyle, { each: true }) interestedWorkStyles?: WorkStyle[] | null;
}
