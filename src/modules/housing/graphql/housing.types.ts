import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { CalendarDay } from '#libs/ddd/calendar-day.js';
import { Connection } from '#libs/graphql/connection.js';
import { DateRangeType, DateScalar } from '#libs/graphql/shared-types.js';
import { ListingKind, ListingStatus, StayStatus, ViewingStatus } from '#libs/contracts/housing/enums.js';
import type { GuestRegister } from '../domain/stay.aggregate.js';
import type { BlockView, ListingView, StayView, ViewingView } from '../application/queries/housing.views.js';

registerEnumType(ListingKind, { name: 'ListingKind' });
registerEnumType(ListingStatus, { name: 'ListingStatus' });
registerEnumType(StayStatus, { name: 'StayStatus' });
registerEnumType(ViewingStatus, { name: 'ViewingStatus' });

/** A place to live or stay; `region`, `manager`, `address` and `availability` are resolved fields. */
@ObjectType('Listing')
export class ListingType implements ListingView {
  @Field(() => ID) id!: string;
  organizationId!: string;
  regionId!: string;
  @Field(() => ListingKind) kind!: ListingKind;
  @Field(() => ListingStatus) status!: ListingStatus;
  @Field() title!: string;
  @Field() description!: string;
  @Field({ description: 'Public, district level, e.g. 気仙沼市唐桑町.' }) district!: string;
  streetAddress!: string;
  @Field(() => String, { nullable: true, description: 'e.g. 3LDK' }) layout!: string | null;
  @Field(() => Float, { nullable: true }) floorAreaSqm!: number | null;
  @Field(() => Int, { nullable: true }) salePriceYen!: number | null;
  @Field(() => Int, { nullable: true }) monthlyRentYen!: number | null;
  @Field(() => Int, { nullable: true }) nightlyRateYen!: number | null;
  @Field(() => Int, { description: 'People who can stay at once.' }) capacity!: number;
  @Field(() => Int, { nullable: true }) minNights!: number | null;
  @Field(() => Int, { nullable: true }) maxNights!: number | null;
  @Field() petsAllowed!: boolean;
  @Field(() => String, { nullable: true, description: 'How to get there, e.g. 気仙沼駅から車で10分.' }) access!: string | null;
  @Field(() => [String]) photoUrls!: string[];
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

/** A stay; `listing` and `guest` are resolved fields. */
@ObjectType('Stay')
export class StayType implements Omit<StayView, 'guest'> {
  @Field(() => ID) id!: string;
  listingId!: string;
  organizationId!: string;
  regionId!: string;
  register!: GuestRegister;
  @Field(() => DateScalar) checkIn!: CalendarDay;
  @Field(() => DateScalar) checkOut!: CalendarDay;
  @Field(() => Int) nights!: number;
  @Field(() => Int) partySize!: number;
  @Field(() => String, { nullable: true, description: 'Why they come, e.g. 副業先の下見.' }) purpose!: string | null;
  @Field(() => Int) priceYen!: number;
  @Field(() => StayStatus) status!: StayStatus;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

/** A viewing request; `listing` and `requester` are resolved fields. */
@ObjectType('ViewingRequest')
export class ViewingRequestType implements Omit<ViewingView, 'requester'> {
  @Field(() => ID) id!: string;
  listingId!: string;
  organizationId!: string;
  regionId!: string;
  register!: GuestRegister;
  @Field(() => [DateScalar], { description: '1 to 3 days that suit the requester.' }) preferredDates!: CalendarDay[];
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field(() => ViewingStatus) status!: ViewingStatus;
  @Field(() => Date, { nullable: true }) scheduledAt!: Date | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

@ObjectType('ListingBlock')
export class ListingBlockType implements BlockView {
  @Field(() => ID) id!: string;
  @Field(() => DateRangeType) nights!: { start: CalendarDay; end: CalendarDay };
  @Field(() => String, { nullable: true }) note!: string | null;
}

export const ListingConnection = Connection(ListingType, 'Listing');
export const StayConnection = Connection(StayType, 'Stay');
export const ViewingRequestConnection = Connection(ViewingRequestType, 'ViewingRequest');

/** A stay view as the GraphQL type carries it (the register kept off the `guest` field name). */
export const toStayType = (v: StayView): StayType => {
  const { guest, ...rest } = v;
  return { ...rest, register: guest };
};
export const toViewingType = (v: ViewingView): ViewingRequestType => {
  const { requester, ...rest } = v;
  return { ...rest, register: requester };
};
