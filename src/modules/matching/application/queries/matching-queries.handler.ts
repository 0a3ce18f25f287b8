import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Caller } from '../../../../../libs/auth/caller.js';
import { requireCaller } from '../../../../../libs/auth/require.js';
import { GetRegionsByIdsQuery } from '../../../../../libs/contracts/identity/queries.js';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../../../../../libs/ddd/errors.js';
import { isId } from '../../../../../libs/ddd/ids.js';
import { decodeTimeCursor, pageSize, toConnection } from '../../../../../libs/graphql/connection.js';
import { UnitOfWork } from '../../../../../libs/messaging/unit-of-work.js';
import { scorePair } from '../../domain/scoring.js';
import { normalizeSkill } from '../../domain/candidate-profile.aggregate.js';
import type { OpportunityCopyRow, ProfileRow } from '../../infrastructure/matching.repository.js';
import { RecommendationReadModel } from '../../infrastructure/recommendation.read-model.js';
import { MatchingPolicy } from '../matching.policy.js';
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
  type InterestView,
  type MatchView,
  type ProfileView,
  type ScoutView,
} from './matching.queries.js';

const INTEREST_SELECT = `SELECT i.*, m.id AS match_id, i.created_at::text AS created_key FROM matching.interest i
  LEFT JOIN matching.match m ON m.origin_id = i.id`;
const SCOUT_SELECT = `SELECT s.*, m.id AS match_id FROM matching.scout s LEFT JOIN matching.match m ON m.origin_id = s.id`;

const interestView = (r: Record<string, any>): InterestView => ({
  id: r.id, candidateId: r.candidate_id, opportunityId: r.opportunity_id, status: r.status, matchId: r.match_id ?? null, createdAt: r.created_at,
});
const scoutView = (r: Record<string, any>): ScoutView => ({
  id: r.id, candidateId: r.candidate_id, opportunityId: r.opportunity_id, sentByOrganizationId: r.sent_by_organization_id,
  message: r.message, status: r.status, matchId: r.match_id ?? null, createdAt: r.created_at,
});
export const matchView = (r: Record<string, any>): MatchView => ({
  id: r.id, candidateId: r.candidate_id, accountId: r.account_id, opportunityId: r.opportunity_id, regionId: r.region_id,
  stage: r.stage, coordinatorAccountId: r.coordinator_account_id, createdAt: r.created_at,
});
const MATCH_SELECT = `SELECT x.*, p.account_id, x.created_at::text AS created_key FROM matching.match x
  JOIN matching.candidate_profile p ON p.id = x.candidate_id`;

/** Profile rows -> views, with fullName, email and phone only where the personal-data rule allows. */
async function maskedProfiles(uow: UnitOfWork, caller: Caller | null, rows: ProfileRow[]): Promise<ProfileView[]> {
  if (rows.length === 0) return [];
  const live: Array<{ candidate_id: string; regions: string[] }> = await uow.manager.query(
    `SELECT candidate_id, array_agg(DISTINCT region_id) AS regions FROM matching.match
      WHERE candidate_id = ANY($1::uuid[]) AND stage <> 'WITHDRAWN' GROUP BY candidate_id`,
    [rows.map((r) => r.id)],
  );
  const regions = new Map(live.map((l) => [l.candidate_id, l.regions]));
  return rows.map((r) => {
    const sees = MatchingPolicy.seesContact(caller, r.account_id, regions.get(r.id) ?? []);
    return {
      id: r.id, accountId: r.account_id, displayName: r.display_name, ageBand: r.age_band, headline: r.headline,
      careerSummary: r.career_summary, skills: r.skills, desiredWorkStyles: r.desired_work_styles,
      remoteHoursPerWeek: r.remote_hours_per_week, onsiteDaysPerMonth: r.onsite_days_per_month,
      desiredRegionIds: r.desired_region_ids, dualRegionStage: r.dual_region_stage,
      fullName: sees ? r.full_name : null, email: sees ? r.email : null, phone: sees ? r.phone : null, updatedAt: r.updated_at,
    };
  });
}

@QueryHandler(GetMyCandidateProfileQuery)
export class GetMyCandidateProfileHandler implements IQueryHandler<GetMyCandidateProfileQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute(query: GetMyCandidateProfileQuery) {
    const caller = MatchingPolicy.candidate(query.caller);
    const rows: ProfileRow[] = await this.uow.manager.query('SELECT * FROM matching.candidate_profile WHERE account_id = $1', [caller.accountId]);
    return (await maskedProfiles(this.uow, caller, rows))[0] ?? null;
  }
}

@QueryHandler(GetCandidateQuery)
export class GetCandidateHandler implements IQueryHandler<GetCandidateQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute(query: GetCandidateQuery) {
    const caller = MatchingPolicy.viewProfiles(query.caller);
    if (!isId(query.candidateId)) return null;
    const rows: ProfileRow[] = await this.uow.manager.query('SELECT * FROM matching.candidate_profile WHERE id = $1', [query.candidateId]);
    return (await maskedProfiles(this.uow, caller, rows))[0] ?? null;
  }
}

@QueryHandler(GetCandidateProfilesQuery)
export class GetCandidateProfilesHandler implements IQueryHandler<GetCandidateProfilesQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute(query: GetCandidateProfilesQuery) {
    const ids = query.ids.filter(isId);
    if (ids.length === 0) return [];
    const rows: ProfileRow[] = await this.uow.manager.query('SELECT * FROM matching.candidate_profile WHERE id = ANY($1::uuid[])', [ids]);
    return maskedProfiles(this.uow, query.caller, rows);
  }
}

@QueryHandler(MyInterestsQuery)
export class MyInterestsHandler implements IQueryHandler<MyInterestsQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute(query: MyInterestsQuery) {
    const caller = MatchingPolicy.candidate(query.caller);
    const rows = await this.uow.manager.query(
      `${INTEREST_SELECT} JOIN matching.candidate_profile p ON p.id = i.candidate_id WHERE p.account_id = $1 ORDER BY i.created_at DESC, i.id DESC`,
      [caller.accountId],
    );
    return rows.map(interestView);
  }
}

@QueryHandler(MyScoutsQuery)
export class MyScoutsHandler implements IQueryHandler<MyScoutsQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute(query: MyScoutsQuery) {
    const caller = MatchingPolicy.candidate(query.caller);
    const rows = await this.uow.manager.query(
      `${SCOUT_SELECT} JOIN matching.candidate_profile p ON p.id = s.candidate_id WHERE p.account_id = $1 ORDER BY s.created_at DESC, s.id DESC`,
      [caller.accountId],
    );
    return rows.map(scoutView);
  }
}

@QueryHandler(MyMatchesQuery)
export class MyMatchesHandler implements IQueryHandler<MyMatchesQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute(query: MyMatchesQuery) {
    const caller = MatchingPolicy.candidate(query.caller);
    const rows = await this.uow.manager.query(`${MATCH_SELECT} WHERE p.account_id = $1 ORDER BY x.created_at DESC, x.id DESC`, [caller.accountId]);
    return rows.map(matchView);
  }
}

function afterKey(after: string | null | undefined): [string, string] | null {
  if (!after) return null;
  return decodeTimeCursor(after);
}

@QueryHandler(InterestsForOpportunityQuery)
export class InterestsForOpportunityHandler implements IQueryHandler<InterestsForOpportunityQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute(query: InterestsForOpportunityQuery) {
    requireCaller(query.caller);
    const first = pageSize(query.first);
    const copies: OpportunityCopyRow[] = isId(query.opportunityId)
      ? await this.uow.manager.query('SELECT * FROM matching.opportunity_copy WHERE id = $1', [query.opportunityId])
      : [];
    if (!copies[0]) throw new NotFoundError('Opportunity', query.opportunityId);
    MatchingPolicy.employerSide(query.caller, copies[0].region_id);
    const key = afterKey(query.after);
    const values: unknown[] = [query.opportunityId];
    let cursor = '';
    if (key) {
      values.push(key[0], key[1]);
      cursor = 'AND (i.created_at, i.id) > ($2::timestamptz, $3::uuid)';
    }
    values.push(first + 1);
    const db = this.uow.manager;
    const rows = await db.query(`${INTEREST_SELECT} WHERE i.opportunity_id = $1 ${cursor} ORDER BY i.created_at, i.id LIMIT $${values.length}`, values);
    const total = async (): Promise<number> =>
      (await db.query('SELECT count(*)::int AS total FROM matching.interest WHERE opportunity_id = $1', [query.opportunityId]))[0].total;
    const keys = new Map<string, string>(rows.map((r: Record<string, any>) => [r.id, r.created_key]));
    return toConnection<InterestView>((rows as Array<Record<string, any>>).map(interestView), first, query.after, total, (i) => [keys.get(i.id)!, i.id]);
  }
}

@QueryHandler(ListMatchesQuery)
export class ListMatchesHandler implements IQueryHandler<ListMatchesQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute(query: ListMatchesQuery) {
    const caller = requireCaller(query.caller);
    if (!caller.isAdmin && MatchingPolicy.staffRegions(caller).length === 0) {
      throw new ForbiddenError('Only staff with CAREERS_MANAGE or MATCHING_COORDINATE, or an ADMIN, may list matches');
    }
    const first = pageSize(query.first);
    const where: string[] = [];
    const values: unknown[] = [];
    const param = (v: unknown) => {
      values.push(v);
      return `$${values.length}`;
    };
    if (!caller.isAdmin) where.push(`x.region_id = ANY(${param(MatchingPolicy.staffRegions(caller))}::uuid[])`);
    const f = query.filter;
    if (f.regionId != null) where.push(isId(f.regionId) ? `x.region_id = ${param(f.regionId)}` : 'FALSE');
    if (f.opportunityId != null) where.push(isId(f.opportunityId) ? `x.opportunity_id = ${param(f.opportunityId)}` : 'FALSE');
    if (f.stages?.length) where.push(`x.stage = ANY(${param(f.stages)}::text[])`);
    const filters = where.length ? where.join(' AND ') : 'TRUE';
    const countValues = [...values];
    const key = afterKey(query.after);
    const page = [filters];
    if (key) page.push(`(x.created_at, x.id) < (${param(key[0])}::timestamptz, ${param(key[1])}::uuid)`);
    const db = this.uow.manager;
    const rows = await db.query(`${MATCH_SELECT} WHERE ${page.join(' AND ')} ORDER BY x.created_at DESC, x.id DESC LIMIT ${param(first + 1)}`, values);
    const total = async (): Promise<number> =>
      (await db.query(`SELECT count(*)::int AS total FROM matching.match x WHERE ${filters}`, countValues))[0].total;
    const keys = new Map<string, string>(rows.map((r: Record<string, any>) => [r.id, r.created_key]));
    return toConnection<MatchView>((rows as Array<Record<string, any>>).map(matchView), first, query.after, total, (m) => [keys.get(m.id)!, m.id]);
  }
}

@QueryHandler(GetMatchQuery)
export class GetMatchHandler implements IQueryHandler<GetMatchQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute(query: GetMatchQuery) {
    const caller = requireCaller(query.caller);
    const rows = isId(query.matchId) ? await this.uow.manager.query(`${MATCH_SELECT} WHERE x.id = $1`, [query.matchId]) : [];
    const match = rows[0] ? matchView(rows[0]) : null;
    if (!match || !MatchingPolicy.seesMatch(caller, match)) throw new NotFoundError('Match', query.matchId);
    return match;
  }
}

@QueryHandler(GetMatchesByIdsQuery)
export class GetMatchesByIdsHandler implements IQueryHandler<GetMatchesByIdsQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute(query: GetMatchesByIdsQuery) {
    const ids = query.ids.filter(isId);
    if (ids.length === 0) return [];
    return (await this.uow.manager.query(`${MATCH_SELECT} WHERE x.id = ANY($1::uuid[])`, [ids])).map(matchView);
  }
}

@QueryHandler(MatchHistoriesQuery)
export class MatchHistoriesHandler implements IQueryHandler<MatchHistoriesQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute(query: MatchHistoriesQuery) {
    const rows: Array<Record<string, any>> = await this.uow.manager.query(
      'SELECT * FROM matching.match_stage_change WHERE match_id = ANY($1::uuid[]) ORDER BY match_id, seq',
      [query.matchIds.filter(isId)],
    );
    return rows.map((r) => ({ matchId: r.match_id, stage: r.stage, note: r.note, changedAt: r.changed_at }));
  }
}

@QueryHandler(MatchMessagesQuery)
export class MatchMessagesHandler implements IQueryHandler<MatchMessagesQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute(query: MatchMessagesQuery) {
    const rows: Array<Record<string, any>> = await this.uow.manager.query(
      'SELECT * FROM matching.message WHERE match_id = ANY($1::uuid[]) ORDER BY match_id, sent_at, id',
      [query.matchIds.filter(isId)],
    );
    return rows.map((r) => ({ id: r.id, matchId: r.match_id, authorDisplayName: r.author_display_name, body: r.body, sentAt: r.sent_at }));
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
    private readonly uow: UnitOfWork,
    private readonly queries: QueryBus,
    private readonly recommendations: RecommendationReadModel,
  ) {}

  async execute(query: RecommendOpportunitiesQuery) {
    const caller = MatchingPolicy.candidate(query.caller);
    const first = recommendSize(query.first);
    const db = this.uow.manager;
    const [profile]: Array<ProfileRow & { attended_region_ids: string[] }> = await db.query(
      `SELECT p.*, ARRAY(SELECT DISTINCT a.region_id FROM matching.attendance a WHERE a.account_id = p.account_id) AS attended_region_ids
         FROM matching.candidate_profile p WHERE p.account_id = $1`,
      [caller.accountId],
    );
    if (!profile) return [];
    const attendedRegionIds = profile.attended_region_ids;
    const { rows } = await this.recommendations.rankOpportunities(
      {
        candidateId: profile.id, skills: [...new Set(profile.skills.map(normalizeSkill))], desiredWorkStyles: profile.desired_work_styles,
        remoteHoursPerWeek: profile.remote_hours_per_week, onsiteDaysPerMonth: profile.onsite_days_per_month,
        desiredRegionIds: profile.desired_region_ids, attendedRegionIds,
      },
      first,
    );
    const names = await regionNames(this.queries, rows.map((r) => r.region_id));
    const fit = {
      skills: profile.skills, desiredWorkStyles: profile.desired_work_styles, remoteHoursPerWeek: profile.remote_hours_per_week,
      onsiteDaysPerMonth: profile.onsite_days_per_month, desiredRegionIds: profile.desired_region_ids, attendedRegionIds,
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
    private readonly uow: UnitOfWork,
    private readonly queries: QueryBus,
    private readonly recommendations: RecommendationReadModel,
  ) {}

  async execute(query: RecommendCandidatesQuery) {
    requireCaller(query.caller);
    const first = recommendSize(query.first);
    const db = this.uow.manager;
    const [opportunity]: OpportunityCopyRow[] = isId(query.opportunityId)
      ? await db.query('SELECT * FROM matching.opportunity_copy WHERE id = $1', [query.opportunityId])
      : [];
    if (!opportunity) throw new NotFoundError('Opportunity', query.opportunityId);
    MatchingPolicy.employerSide(query.caller, opportunity.region_id);
    const { rows } = await this.recommendations.rankCandidates(
      {
        opportunityId: opportunity.id, skills: [...new Set(opportunity.skills.map(normalizeSkill))], workStyle: opportunity.work_style,
        remoteOk: opportunity.remote_ok, onsiteDaysPerMonth: opportunity.onsite_days_per_month, regionId: opportunity.region_id,
      },
      first,
    );
    const names = await regionNames(this.queries, [opportunity.region_id]);
    const views = await maskedProfiles(this.uow, query.caller, rows);
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
        },
        opp,
      );
      return { candidate: views[i], score, reasons };
    });
  }
}

@QueryHandler(InterestByIdQuery)
export class InterestByIdHandler implements IQueryHandler<InterestByIdQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute(query: InterestByIdQuery) {
    if (!isId(query.id)) return null;
    const rows = await this.uow.manager.query(`${INTEREST_SELECT} WHERE i.id = $1`, [query.id]);
    return rows[0] ? interestView(rows[0]) : null;
  }
}

@QueryHandler(ScoutByIdQuery)
export class ScoutByIdHandler implements IQueryHandler<ScoutByIdQuery> {
  constructor(private readonly uow: UnitOfWork) {}
  async execute(query: ScoutByIdQuery) {
    if (!isId(query.id)) return null;
    const rows = await this.uow.manager.query(`${SCOUT_SELECT} WHERE s.id = $1`, [query.id]);
    return rows[0] ? scoutView(rows[0]) : null;
  }
}
