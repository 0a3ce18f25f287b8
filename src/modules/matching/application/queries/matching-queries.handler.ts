import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { GetRegionsByIdsQuery } from '#libs/contracts/identity/queries.js';
import { ForbiddenError, InvalidInputError, NotFoundError } from '#libs/ddd/errors.js';
import { decodeTimeCursor, pageSize, toConnection } from '#libs/graphql/connection.js';
import { normalizeSkill } from '../../domain/candidate-profile.aggregate.js';
import { scorePair } from '../../domain/scoring.js';
import { MatchingReadModel } from '../../infrastructure/matching.read-model.js';
import type { ProfileRow } from '../../infrastructure/matching.repository.js';
import { RecommendationReadModel } from '../../infrastructure/recommendation.read-model.js';
import { MatchingPolicy, type ProfileAccess } from '../matching.policy.js';
import {
  GetCandidateProfilesQuery,
  GetCandidateQuery,
  GetMatchesByIdsQuery,
  GetMatchQuery,
  GetMyCandidateProfileQuery,
  InterestByIdQuery,
  InterestsForOpportunityQuery,
  ListMatchesQuery,
  MatchHistoriesQuery,
  MatchMessagesQuery,
  MyInterestsQuery,
  MyMatchesQuery,
  MyScoutsQuery,
  RecommendCandidatesQuery,
  RecommendOpportunitiesQuery,
  ScoutByIdQuery,
  type ProfileView,
} from './matching.queries.js';

/** Profile rows -> views, with fullName, email and phone only where the personal-data rule allows. */
async function maskedProfiles(
  readModel: MatchingReadModel,
  caller: Caller | null,
  rows: ProfileRow[],
  access?: Map<string, ProfileAccess>,
): Promise<ProfileView[]> {
  if (rows.length === 0) return [];
  const accessOf = access ?? (await readModel.profileAccess(rows));
  return rows.map((r) => {
    const sees = MatchingPolicy.seesContact(caller, accessOf.get(r.id)!);
    return {
      id: r.id, accountId: r.account_id, displayName: r.display_name, ageBand: r.age_band, headline: r.headline,
      careerSummary: r.career_summary, skills: r.skills, desiredWorkStyles: r.desired_work_styles,
      remoteHoursPerWeek: r.remote_hours_per_week, onsiteDaysPerMonth: r.onsite_days_per_month,
      desiredRegionIds: r.desired_region_ids, dualRegionStage: r.dual_region_stage, homePrefecture: r.home_prefecture,
      fullName: sees ? r.full_name : null, email: sees ? r.email : null, phone: sees ? r.phone : null, updatedAt: r.updated_at,
    };
  });
}

const afterKey = (after: string | null | undefined): [string, string] | null => (after ? decodeTimeCursor(after) : null);

@QueryHandler(GetMyCandidateProfileQuery)
export class GetMyCandidateProfileHandler implements IQueryHandler<GetMyCandidateProfileQuery> {
  constructor(private readonly readModel: MatchingReadModel) {}
  async execute(query: GetMyCandidateProfileQuery) {
    const caller = MatchingPolicy.candidate(query.caller);
    const profile = await this.readModel.profileOfAccount(caller.accountId);
    return profile ? (await maskedProfiles(this.readModel, caller, [profile]))[0] : null;
  }
}

/** `candidate(id)`: null for a profile the caller may not see (contract 90-privacy: MATCHING consent, desired regions, matches). */
@QueryHandler(GetCandidateQuery)
export class GetCandidateHandler implements IQueryHandler<GetCandidateQuery> {
  constructor(private readonly readModel: MatchingReadModel) {}
  async execute(query: GetCandidateQuery) {
    const caller = MatchingPolicy.viewProfiles(query.caller);
    const rows = await this.readModel.profilesByIds([query.candidateId]);
    const access = await this.readModel.profileAccess(rows);
    const seen = rows.filter((r) => MatchingPolicy.seesProfile(caller, access.get(r.id)!));
    return (await maskedProfiles(this.readModel, caller, seen, access))[0] ?? null;
  }
}

@QueryHandler(GetCandidateProfilesQuery)
export class GetCandidateProfilesHandler implements IQueryHandler<GetCandidateProfilesQuery> {
  constructor(private readonly readModel: MatchingReadModel) {}
  async execute(query: GetCandidateProfilesQuery) {
    return maskedProfiles(this.readModel, query.caller, await this.readModel.profilesByIds(query.ids));
  }
}

@QueryHandler(MyInterestsQuery)
export class MyInterestsHandler implements IQueryHandler<MyInterestsQuery> {
  constructor(private readonly readModel: MatchingReadModel) {}
  async execute(query: MyInterestsQuery) {
    const caller = MatchingPolicy.candidate(query.caller);
    return this.readModel.interestsOfAccount(caller.accountId);
  }
}

@QueryHandler(MyScoutsQuery)
export class MyScoutsHandler implements IQueryHandler<MyScoutsQuery> {
  constructor(private readonly readModel: MatchingReadModel) {}
  async execute(query: MyScoutsQuery) {
    const caller = MatchingPolicy.candidate(query.caller);
    return this.readModel.scoutsOfAccount(caller.accountId);
  }
}

@QueryHandler(MyMatchesQuery)
export class MyMatchesHandler implements IQueryHandler<MyMatchesQuery> {
  constructor(private readonly readModel: MatchingReadModel) {}
  async execute(query: MyMatchesQuery) {
    const caller = MatchingPolicy.candidate(query.caller);
    return this.readModel.matchesOfAccount(caller.accountId);
  }
}

@QueryHandler(InterestsForOpportunityQuery)
export class InterestsForOpportunityHandler implements IQueryHandler<InterestsForOpportunityQuery> {
  constructor(private readonly readModel: MatchingReadModel) {}
  async execute(query: InterestsForOpportunityQuery) {
    requireCaller(query.caller);
    const first = pageSize(query.first);
    const opportunity = await this.readModel.opportunityCopy(query.opportunityId);
    if (!opportunity) throw new NotFoundError('Opportunity', query.opportunityId);
    MatchingPolicy.employerSide(query.caller, opportunity.region_id);
    const page = await this.readModel.interestsOfOpportunity(opportunity.id, first + 1, afterKey(query.after));
    return toConnection(page.rows, first, query.after, page.total, page.keyOf);
  }
}

@QueryHandler(ListMatchesQuery)
export class ListMatchesHandler implements IQueryHandler<ListMatchesQuery> {
  constructor(private readonly readModel: MatchingReadModel) {}
  async execute(query: ListMatchesQuery) {
    const caller = requireCaller(query.caller);
    const regionIds = caller.isAdmin ? null : MatchingPolicy.staffRegions(caller);
    if (regionIds?.length === 0) {
      throw new ForbiddenError('Only staff with CAREERS_MANAGE or MATCHING_COORDINATE, or an ADMIN, may list matches');
    }
    const first = pageSize(query.first);
    const page = await this.readModel.listMatches({ regionIds, ...query.filter }, first + 1, afterKey(query.after));
    return toConnection(page.rows, first, query.after, page.total, page.keyOf);
  }
}

@QueryHandler(GetMatchQuery)
export class GetMatchHandler implements IQueryHandler<GetMatchQuery> {
  constructor(private readonly readModel: MatchingReadModel) {}
  async execute(query: GetMatchQuery) {
    const caller = requireCaller(query.caller);
    const match = await this.readModel.matchById(query.matchId);
    if (!match || !MatchingPolicy.seesMatch(caller, match)) throw new NotFoundError('Match', query.matchId);
    return match;
  }
}

@QueryHandler(GetMatchesByIdsQuery)
export class GetMatchesByIdsHandler implements IQueryHandler<GetMatchesByIdsQuery> {
  constructor(private readonly readModel: MatchingReadModel) {}
  execute(query: GetMatchesByIdsQuery) {
    return this.readModel.matchesByIds(query.ids);
  }
}

@QueryHandler(MatchHistoriesQuery)
export class MatchHistoriesHandler implements IQueryHandler<MatchHistoriesQuery> {
  constructor(private readonly readModel: MatchingReadModel) {}
  execute(query: MatchHistoriesQuery) {
    return this.readModel.stageChanges(query.matchIds);
  }
}

@QueryHandler(MatchMessagesQuery)
export class MatchMessagesHandler implements IQueryHandler<MatchMessagesQuery> {
  constructor(private readonly readModel: MatchingReadModel) {}
  execute(query: MatchMessagesQuery) {
    return this.readModel.messages(query.matchIds);
  }
}

const RECOMMEND_DEFAULT = 10;
const RECOMMEND_MAX = 50;
function recommendSize(first: number | null | undefined): number {
  if (first == null) return RECOMMEND_DEFAULT;
  if (!Number.isInteger(first) || first < 1 || first > RECOMMEND_MAX) throw InvalidInputError.field('first', `must be from 1 to ${RECOMMEND_MAX}`);
  return first;
}

async function regionNames(queries: QueryBus, ids: string[]): Promise<Map<string, string>> {
  const regions = await queries.execute(new GetRegionsByIdsQuery([...new Set(ids)]));
  return new Map(regions.map((r) => [r.id, r.name]));
}

@QueryHandler(RecommendOpportunitiesQuery)
export class RecommendOpportunitiesHandler implements IQueryHandler<RecommendOpportunitiesQuery> {
  constructor(
    private readonly readModel: MatchingReadModel,
    private readonly queries: QueryBus,
    private readonly recommendations: RecommendationReadModel,
  ) {}

  async execute(query: RecommendOpportunitiesQuery) {
    const caller = MatchingPolicy.candidate(query.caller);
    const first = recommendSize(query.first);
    const found = await this.readModel.profileWithAttendance(caller.accountId);
    if (!found) return [];
    const { profile, attendedRegionIds, stayedRegionIds } = found;
    const { rows } = await this.recommendations.rankOpportunities(
      {
        candidateId: profile.id, skills: [...new Set(profile.skills.map(normalizeSkill))], desiredWorkStyles: profile.desired_work_styles,
        remoteHoursPerWeek: profile.remote_hours_per_week, onsiteDaysPerMonth: profile.onsite_days_per_month,
        // Been there: an event attended or a stay completed (one fact, see WEIGHTS.attendedInRegion).
        desiredRegionIds: profile.desired_region_ids, attendedRegionIds: [...new Set([...attendedRegionIds, ...stayedRegionIds])],
      },
      first,
    );
    const names = await regionNames(this.queries, rows.map((r) => r.region_id));
    const fit = {
      skills: profile.skills, desiredWorkStyles: profile.desired_work_styles, remoteHoursPerWeek: profile.remote_hours_per_week,
      onsiteDaysPerMonth: profile.onsite_days_per_month, desiredRegionIds: profile.desired_region_ids, attendedRegionIds, stayedRegionIds,
    };
    return rows.map((r) => {
      const { score, reasons } = scorePair(fit, {
        skills: r.skills, workStyle: r.work_style, remoteOk: r.remote_ok, onsiteDaysPerMonth: r.onsite_days_per_month,
        regionId: r.region_id, regionName: names.get(r.region_id) ?? 'この地域',
      });
      return { opportunityId: r.id, score, reasons };
    });
  }
}

@QueryHandler(RecommendCandidatesQuery)
export class RecommendCandidatesHandler implements IQueryHandler<RecommendCandidatesQuery> {
  constructor(
    private readonly readModel: MatchingReadModel,
    private readonly queries: QueryBus,
    private readonly recommendations: RecommendationReadModel,
  ) {}

  async execute(query: RecommendCandidatesQuery) {
    requireCaller(query.caller);
    const first = recommendSize(query.first);
    const opportunity = await this.readModel.opportunityCopy(query.opportunityId);
    if (!opportunity) throw new NotFoundError('Opportunity', query.opportunityId);
    const caller = MatchingPolicy.employerSide(query.caller, opportunity.region_id);
    const { rows } = await this.recommendations.rankCandidates(
      {
        opportunityId: opportunity.id, skills: [...new Set(opportunity.skills.map(normalizeSkill))], workStyle: opportunity.work_style,
        remoteOk: opportunity.remote_ok, onsiteDaysPerMonth: opportunity.onsite_days_per_month, regionId: opportunity.region_id,
        // Only profiles the caller's organizations there may see (MatchingPolicy.seesProfile, asked in SQL).
        viewerOrganizationIds: MatchingPolicy.employerSideOrganizations(caller, opportunity.region_id),
      },
      first,
    );
    const names = await regionNames(this.queries, [opportunity.region_id]);
    const views = await maskedProfiles(this.readModel, query.caller, rows);
    const opp = {
      skills: opportunity.skills, workStyle: opportunity.work_style, remoteOk: opportunity.remote_ok,
      onsiteDaysPerMonth: opportunity.onsite_days_per_month, regionId: opportunity.region_id,
      regionName: names.get(opportunity.region_id) ?? 'この地域',
    };
    return rows.map((r, i) => {
      const { score, reasons } = scorePair(
        {
          skills: r.skills, desiredWorkStyles: r.desired_work_styles, remoteHoursPerWeek: r.remote_hours_per_week,
          onsiteDaysPerMonth: r.onsite_days_per_month, desiredRegionIds: r.desired_region_ids,
          attendedRegionIds: r.attended ? [opportunity.region_id] : [],
          stayedRegionIds: r.stayed ? [opportunity.region_id] : [],
        },
        opp,
      );
      return { candidate: views[i], score, reasons };
    });
  }
}

@QueryHandler(InterestByIdQuery)
export class InterestByIdHandler implements IQueryHandler<InterestByIdQuery> {
  constructor(private readonly readModel: MatchingReadModel) {}
  execute(query: InterestByIdQuery) {
    return this.readModel.interestById(query.id);
  }
}

@QueryHandler(ScoutByIdQuery)
export class ScoutByIdHandler implements IQueryHandler<ScoutByIdQuery> {
  constructor(private readonly readModel: MatchingReadModel) {}
  execute(query: ScoutByIdQuery) {
    return this.readModel.scoutById(query.id);
  }
}
