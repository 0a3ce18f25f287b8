import { Query } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { WorkStyle } from '#libs/contracts/careers/work-style.js';
import type { ConnectionShape } from '#libs/graphql/connection.js';

/** A profile as shown to one caller: contact details are null unless they may see them. */
export interface ProfileView {
  id: string;
  accountId: string;
  displayName: string;
  ageBand: string;
  headline: string;
  careerSummary: string;
  skills: string[];
  desiredWorkStyles: WorkStyle[];
  remoteHoursPerWeek: number;
  onsiteDaysPerMonth: number;
  desiredRegionIds: string[];
  dualRegionStage: string;
  homePrefecture: string | null;
  fullName: string | null;
  email: string | null;
  phone: string | null;
  updatedAt: Date;
}

export interface InterestView {
  id: string;
  candidateId: string;
  opportunityId: string;
  status: string;
  matchId: string | null;
  createdAt: Date;
}

export interface ScoutView {
  id: string;
  candidateId: string;
  opportunityId: string;
  sentByOrganizationId: string;
  message: string;
  status: string;
  matchId: string | null;
  createdAt: Date;
}

export interface MatchView {
  id: string;
  candidateId: string;
  accountId: string;
  opportunityId: string;
  regionId: string;
  stage: string;
  coordinatorAccountId: string | null;
  createdAt: Date;
}

export interface StageChangeView {
  matchId: string;
  stage: string;
  note: string | null;
  changedAt: Date;
}

export interface MessageView {
  id: string;
  matchId: string;
  authorDisplayName: string;
  body: string;
  sentAt: Date;
}

export interface RecommendationView {
  opportunityId: string;
  score: number;
  reasons: string[];
}

export interface CandidateRecommendationView {
  candidate: ProfileView;
  score: number;
  reasons: string[];
}

export class GetMyCandidateProfileQuery extends Query<ProfileView | null> {
  constructor(readonly caller: Caller | null) {
    super();
  }
}

/** staff: one profile (contact details by the personal-data rule). */
export class GetCandidateQuery extends Query<ProfileView | null> {
  constructor(
    readonly caller: Caller | null,
    readonly candidateId: string,
  ) {
    super();
  }
}

/** For field resolvers whose parent the caller may already see: profiles with contact details masked for them. */
export class GetCandidateProfilesQuery extends Query<ProfileView[]> {
  constructor(
    readonly caller: Caller | null,
    readonly ids: readonly string[],
  ) {
    super();
  }
}

export class MyInterestsQuery extends Query<InterestView[]> {
  constructor(readonly caller: Caller | null) {
    super();
  }
}

export class MyScoutsQuery extends Query<ScoutView[]> {
  constructor(readonly caller: Caller | null) {
    super();
  }
}

export class MyMatchesQuery extends Query<MatchView[]> {
  constructor(readonly caller: Caller | null) {
    super();
  }
}

export class InterestsForOpportunityQuery extends Query<ConnectionShape<InterestView>> {
  constructor(
    readonly caller: Caller | null,
    readonly opportunityId: string,
    readonly first: number | null | undefined,
    readonly after: string | null | undefined,
  ) {
    super();
  }
}

export class ListMatchesQuery extends Query<ConnectionShape<MatchView>> {
  constructor(
    readonly caller: Caller | null,
    readonly filter: { regionId?: string | null; opportunityId?: string | null; stages?: string[] | null },
    readonly first: number | null | undefined,
    readonly after: string | null | undefined,
  ) {
    super();
  }
}

export class GetMatchQuery extends Query<MatchView> {
  constructor(
    readonly caller: Caller | null,
    readonly matchId: string,
  ) {
    super();
  }
}

export class GetMatchesByIdsQuery extends Query<MatchView[]> {
  constructor(readonly ids: readonly string[]) {
    super();
  }
}

export class MatchHistoriesQuery extends Query<StageChangeView[]> {
  constructor(readonly matchIds: readonly string[]) {
    super();
  }
}

export class MatchMessagesQuery extends Query<MessageView[]> {
  constructor(readonly matchIds: readonly string[]) {
    super();
  }
}

export class RecommendOpportunitiesQuery extends Query<RecommendationView[]> {
  constructor(
    readonly caller: Caller | null,
    readonly first: number | null | undefined,
  ) {
    super();
  }
}

export class RecommendCandidatesQuery extends Query<CandidateRecommendationView[]> {
  constructor(
    readonly caller: Caller | null,
    readonly opportunityId: string,
    readonly first: number | null | undefined,
  ) {
    super();
  }
}

/** One interest by id, for answering a command the caller was just allowed to run. */
export class InterestByIdQuery extends Query<InterestView | null> {
  constructor(readonly id: string) {
    super();
  }
}

/** One scout by id, for answering a command the caller was just allowed to run. */
export class ScoutByIdQuery extends Query<ScoutView | null> {
  constructor(readonly id: string) {
    super();
  }
}
