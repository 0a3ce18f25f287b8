import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { CalendarDay } from '#libs/ddd/calendar-day.js';
import { DateRangeInput, DateScalar } from '#libs/graphql/shared-types.js';
import { ListingKind, ListingStatus } from '#libs/contracts/housing/enums.js';

@InputType()
export class ListingFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() regionId?: string | null;
  @Field(() => [ListingKind], { nullable: true }) @IsOptional() @IsEnum(ListingKind, { each: true }) kinds?: ListingKind[] | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() maxMonthlyRentYen?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() maxNightlyRateYen?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() minCapacity?: number | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() petsAllowed?: boolean | null;
  @Field(() => DateScalar, { nullable: true, description: 'With availableTo: only bookable listings free for every night of [availableFrom, availableTo).' })
  @IsOptional()
  availableFrom?: CalendarDay | null;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() availableTo?: CalendarDay | null;
  @Field(() => String, { nullable: true, description: 'Words in title, description, district and access; Japanese by any part of a word.' })
  @IsOptional()
  @MaxLength(200)
  text?: string | null;
  @Field(() => [ListingStatus], { nullable: true, description: 'Managing staff only; the public always sees PUBLISHED.' })
  @IsOptional()
  @IsEnum(ListingStatus, { each: true })
  statuses?: ListingStatus[] | null;
}

@InputType()
export class CreateListingInput {
  @Field(() => ID, { description: 'The managing organization (HOUSING_MANAGE); sets the region.' }) @IsNotEmpty() organizationId!: string;
  @Field(() => ListingKind) @IsEnum(ListingKind) kind!: ListingKind;
  @Field() @IsString() title!: string;
  @Field() @IsString() description!: string;
  @Field() @IsString() district!: string;
  @Field() @IsString() address!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() layout?: string | null;
  @Field(() => Float, { nullable: true }) @IsOptional() floorAreaSqm?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() salePriceYen?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() monthlyRentYen?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() nightlyRateYen?: number | null;
  @Field(() => Int) capacity!: number;
  @Field(() => Int, { nullable: true }) @IsOptional() minNights?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() maxNights?: number | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() petsAllowed?: boolean | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() access?: string | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(20) @IsString({ each: true }) photoUrls?: string[] | null;
}

@InputType()
export class UpdateListingInput {
  @Field(() => ID) @IsNotEmpty() listingId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() title?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() description?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() district?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() address?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() layout?: string | null;
  @Field(() => Float, { nullable: true }) @IsOptional() floorAreaSqm?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() salePriceYen?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() monthlyRentYen?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() nightlyRateYen?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() capacity?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() minNights?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() maxNights?: number | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() petsAllowed?: boolean | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() access?: string | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(20) @IsString({ each: true }) photoUrls?: string[] | null;
}

@InputType()
export class ListingIdInput {
  @Field(() => ID) @IsNotEmpty() listingId!: string;
}

@InputType()
export class BlockListingNightsInput {
  @Field(() => ID) @IsNotEmpty() listingId!: string;
  @Field(() => DateRangeInput) nights!: DateRangeInput;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() note?: string | null;
}

@InputType()
export class ListingBlockIdInput {
  @Field(() => ID) @IsNotEmpty() blockId!: string;
}

@InputType()
export class RequestStayInput {
  @Field(() => ID) @IsNotEmpty() listingId!: string;
  @Field(() => DateScalar) checkIn!: CalendarDay;
  @Field(() => DateScalar) checkOut!: CalendarDay;
  @Field(() => Int) partySize!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() purpose?: string | null;
  @Field({ description: "As on an inn's register; kept for the managing organization." }) @IsString() fullName!: string;
  @Field() @IsString() phone!: string;
}

@InputType()
export class StayIdInput {
  @Field(() => ID) @IsNotEmpty() stayId!: string;
}

@InputType()
export class RequestViewingInput {
  @Field(() => ID) @IsNotEmpty() listingId!: string;
  @Field(() => [DateScalar]) preferredDates!: CalendarDay[];
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() message?: string | null;
  @Field() @IsString() fullName!: string;
  @Field() @IsString() phone!: string;
}

@InputType()
export class ScheduleViewingInput {
  @Field(() => ID) @IsNotEmpty() viewingRequestId!: string;
  @Field() at!: Date;
}

@InputType()
export class ViewingRequestIdInput {
  @Field(() => ID) @IsNotEmpty() viewingRequestId!: string;
}
