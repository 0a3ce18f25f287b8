import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { WorkStyle } from '#libs/contracts/careers/graphql.js';
import { EventKind } from '#libs/contracts/events/graphql.js';
import { DateScalar } from '#libs/graphql/shared-types.js';
import { FUNNEL_DIMENSIONS, FUNNEL_STAGES, type FunnelDimension, type FunnelStage } from '../domain/funnel.js';

export const FunnelStageEnum = Object.fromEntries(FUNNEL_STAGES.map((s) => [s, s])) as Record<FunnelStage, FunnelStage>;
export const FunnelDimensionEnum = Object.fromEntries(FUNNEL_DIMENSIONS.map((d) => [d, d])) as Record<FunnelDimension, FunnelDimension>;
registerEnumType(FunnelStageEnum, { name: 'FunnelStage' });
registerEnumType(FunnelDimensionEnum, { name: 'FunnelDimension' });

@ObjectType('FunnelStep')
export class FunnelStepType {
  @Field(() => FunnelStageEnum) stage!: FunnelStage;
  @Field(() => Int, { nullable: true, description: 'null when suppressed' }) people!: number | null;
  @Field(() => Float, { nullable: true }) conversion!: number | null;
}

@ObjectType('FunnelSlice')
export class FunnelSliceType {
  @Field({ description: "The slice's value, e.g. FIFTIES, SIDE_JOB, 東京都, or an event id." }) key!: string;
  @Field() label!: string;
  @Field(() => [FunnelStepType]) steps!: FunnelStepType[];
}

@ObjectType('Funnel')
export class FunnelType {
  regionId!: string;
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => [FunnelStepType]) steps!: FunnelStepType[];
  @Field(() => Date, { nullable: true }) freshness!: Date | null;
}

@ObjectType('EventInsight')
export class EventInsightType {
  @Field(() => ID) eventId!: string;
  @Field() title!: string;
  @Field(() => EventKind) kind!: string;
  @Field() startsAt!: Date;
  @Field(() => Int) capacity!: number;
  @Field(() => Int, { nullable: true, description: 'Everyone who registered or applied.' }) demand!: number | null;
  @Field(() => Float, { nullable: true, description: 'demand / capacity' }) oversubscription!: number | null;
  @Field(() => Int, { nullable: true }) confirmed!: number | null;
  @Field(() => Int, { nullable: true }) attended!: number | null;
  @Field(() => Int, { nullable: true }) noShows!: number | null;
  @Field(() => Float, { nullable: true, description: 'attended / (attended + noShows); null before completion' })
  attendanceRate!: number | null;
  @Field(() => Int, { nullable: true }) feedbackCount!: number | null;
  @Field(() => Float, { nullable: true }) averageRating!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'People who attended and later expressed interest, were scouted or consulted in the region.',
  })
  followedUp!: number | null;
}

@ObjectType('MatchInsight')
export class MatchInsightType {
  @Field(() => WorkStyle) workStyle!: string;
  @Field(() => Int, { nullable: true }) interests!: number | null;
  @Field(() => Int, { nullable: true }) scouts!: number | null;
  @Field(() => Int, { nullable: true }) matches!: number | null;
  @Field(() => Int, { nullable: true }) engaged!: number | null;
  @Field(() => Int, { nullable: true }) completed!: number | null;
  @Field(() => Int, { nullable: true }) withdrawn!: number | null;
  @Field(() => Float, { nullable: true, description: 'Median days from match to ENGAGED; null when fewer than 3.' })
  medianDaysToEngaged!: number | null;
}

@ObjectType('KpiRow')
export class KpiRowType {
  @Field({ description: 'Stable key, e.g. event_attendees' }) key!: string;
  @Field({ description: 'Japanese label, e.g. イベント参加者数' }) label!: string;
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field({ description: 'e.g. 人, 件, %, 泊' }) unit!: string;
}

@ObjectType('KpiReport')
export class KpiReportType {
  regionId!: string;
  @Field(() => Int) fiscalYear!: number;
  @Field(() => [KpiRowType]) rows!: KpiRowType[];
  @Field() csv!: string;
  @Field(() => Date, { nullable: true }) freshness!: Date | null;
}
