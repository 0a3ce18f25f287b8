import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { WorkStyle } from '#libs/contracts/careers/graphql.js';
import { Connection } from '#libs/graphql/connection.js';

export enum AgeBand { UNDER_40 = 'UNDER_40', FORTIES = 'FORTIES', FIFTIES = 'FIFTIES', SIXTIES_AND_OVER = 'SIXTIES_AND_OVER' }
export enum DualRegionStage { EXPLORING = 'EXPLORING', VISITING = 'VISITING', DUAL_REGION = 'DUAL_REGION', RELOCATED = 'RELOCATED' }
export enum InterestStatus { OPEN = 'OPEN', ACCEPTED = 'ACCEPTED', DECLINED = 'DECLINED', WITHDRAWN = 'WITHDRAWN' }
export enum ScoutStatus { SENT = 'SENT', ACCEPTED = 'ACCEPTED', DECLINED = 'DECLINED' }
export enum MatchStage { MATCHED = 'MATCHED', MEETING = 'MEETING', TRIAL = 'TRIAL', ENGAGED = 'ENGAGED', COMPLETED = 'COMPLETED', WITHDRAWN = 'WITHDRAWN' }

registerEnumType(AgeBand, { name: 'AgeBand' });
registerEnumType(DualRegionStage, { name: 'DualRegionStage', description: 'How far the person is toward living in the region.' });
registerEnumType(InterestStatus, { name: 'InterestStatus' });
registerEnumType(ScoutStatus, { name: 'ScoutStatus' });
registerEnumType(MatchStage, {
  name: 'MatchStage',
  description: 'MATCHED -> MEETING -> TRIAL -> ENGAGED -> COMPLETED, forward only (steps may be skipped); WITHDRAWN from any stage before COMPLETED.',
});

@ObjectType('CandidateProfile')
export class CandidateProfileType {
  @Field(() => ID) id!: string;
  accountId!: string;
  @Field() displayName!: string;
  @Field(() => AgeBand) ageBand!: string;
  @Field() headline!: string;
  @Field() careerSummary!: string;
  @Field(() => [String]) skills!: string[];
  @Field(() => [WorkStyle]) desiredWorkStyles!: WorkStyle[];
  @Field(() => Int) remoteHoursPerWeek!: number;
  @Field(() => Int) onsiteDaysPerMonth!: number;
  desiredRegionIds!: string[];
  @Field(() => DualRegionStage) dualRegionStage!: string;
  @Field(() => String, { nullable: true, description: 'e.g. 東京都' }) homePrefecture!: string | null;
  /** Resolved fields (CandidateProfileResolver): each read by another person is written to the access log. */
  fullName!: string | null;
  email!: string | null;
  phone!: string | null;
  @Field() updatedAt!: Date;
}

@ObjectType('Interest')
export class InterestType {
  @Field(() => ID) id!: string;
  candidateId!: string;
  opportunityId!: string;
  @Field(() => InterestStatus) status!: string;
  matchId!: string | null;
  @Field() createdAt!: Date;
}

@ObjectType('Scout')
export class ScoutType {
  @Field(() => ID) id!: string;
  candidateId!: string;
  opportunityId!: string;
  sentByOrganizationId!: string;
  @Field() message!: string;
  @Field(() => ScoutStatus) status!: string;
  matchId!: string | null;
  @Field() createdAt!: Date;
}

@ObjectType('MatchStageChange')
export class MatchStageChangeType {
  @Field(() => MatchStage) stage!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field() changedAt!: Date;
}

@ObjectType('Message')
export class MessageType {
  @Field(() => ID) id!: string;
  @Field() authorDisplayName!: string;
  @Field() body!: string;
  @Field() sentAt!: Date;
}

@ObjectType('Match')
export class MatchType {
  @Field(() => ID) id!: string;
  candidateId!: string;
  accountId!: string;
  opportunityId!: string;
  regionId!: string;
  @Field(() => MatchStage) stage!: string;
  coordinatorAccountId!: string | null;
  @Field() createdAt!: Date;
}

@ObjectType('Recommendation')
export class RecommendationType {
  opportunityId!: string;
  @Field(() => Float, { description: 'Higher is better; comparable within one answer.' }) score!: number;
  @Field(() => [String], { description: 'Why, in words a person can check, e.g. the skills that overlap.' }) reasons!: string[];
}

@ObjectType('CandidateRecommendation')
export class CandidateRecommendationType {
  @Field(() => CandidateProfileType) candidate!: CandidateProfileType;
  @Field(() => Float) score!: number;
  @Field(() => [String]) reasons!: string[];
}

export const InterestConnection = Connection(InterestType, 'Interest');
export const MatchConnection = Connection(MatchType, 'Match');
