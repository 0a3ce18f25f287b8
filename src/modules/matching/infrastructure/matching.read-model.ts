import { Injectable } from '@nestjs/common';
import { isId } from '#libs/ddd/ids.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import type { InterestView, MatchView, MessageView, ScoutView, StageChangeView } from '../application/queries/matching.queries.js';
import type { InterestStatus } from '../domain/interest.aggregate.js';
import type { MatchStage } from '../domain/match.aggregate.js';
import type { ScoutStatus } from '../domain/scout.aggregate.js';
import type { ProfileAccess } from '../application/matching.policy.js';
import { loadProfileAccess, type OpportunityCopyRow, type ProfileRow } from './matching.repository.js';
import { exportedDate } from '#libs/contracts/privacy/export.js';

/** An interest as the screens read it, with the match it led to. */
interface InterestViewRow {
  id: string;
  candidate_id: string;
  opportunity_id: string;
  status: InterestStatus;
  match_id: string | null;
  created_at: Date;
  /** created_at as PostgreSQL prints it (microseconds kept), for keyset cursors. */
  created_key: string;
}

/** A scout as the screens read it, with the match it led to. */
interface ScoutViewRow {
  id: string;
  candidate_id: string;
  opportunity_id: string;
  sent_by_organization_id: string;
  message: string;
  status: ScoutStatus;
  match_id: string | null;
  created_at: Date;
}

/** A match as the screens read it, with its candidate's account. */
interface MatchViewRow {
  id: string;
  candidate_id: string;
  account_id: string;
  opportunity_id: string;
  region_id: string;
  stage: MatchStage;
  coordinator_account_id: string | null;
  created_at: Date;
  created_key: string;
}

interface StageChangeRow {
  match_id: string;
  stage: MatchStage;
  note: string | null;
  changed_at: Date;
}

interface MessageRow {
  id: string;
  match_id: string;
  author_display_name: string;
  body: string;
  sent_at: Date;
}

/** Who may read a match's messages depends on these (MatchingPolicy.seesMatch). */
export interface MatchAccess {
  accountId: string;
  regionId: string;
  coordinatorAccountId: string | null;
}

/** A message with its match's access facts as they are now. */
export type MessageWithAccess = MessageView & { match: MatchAccess };

interface MessageWithAccessRow {
  id: string;
  match_id: string;
  author_display_name: string;
  body: string;
  sent_at: Date;
  account_id: string;
  region_id: string;
  coordinator_account_id: string | null;
}

/** One page of a keyset-paged list, the cursor key of each row, and the count of all rows (run only if asked). */
export interface Page<T> {
  rows: T[];
  keyOf: (row: T) => [string, string];
  total: () => Promise<number>;
}

/** Which matches a list shows: the caller's regions (null: all, for an ADMIN) and the filter they chose. */
export interface MatchScope {
  regionIds: string[] | null;
  regionId?: string | null;
  opportunityId?: string | null;
  stages?: string[] | null;
}

const PROFILE_COLUMNS = `p.id, p.account_id, p.display_name, p.email, p.full_name, p.phone, p.age_band, p.headline, p.career_summary,
  p.skills, p.desired_work_styles, p.remote_hours_per_week, p.onsite_days_per_month, p.desired_region_ids, p.dual_region_stage, p.home_prefecture,
  p.erased_at, p.created_at, p.updated_at, p.version`;
const INTEREST_SELECT = `SELECT i.id, i.candidate_id, i.opportunity_id, i.status, m.id AS match_id, i.created_at, i.created_at::text AS created_key
  FROM matching.interest i LEFT JOIN matching.match m ON m.origin_id = i.id`;
const SCOUT_SELECT = `SELECT s.id, s.candidate_id, s.opportunity_id, s.sent_by_organization_id, s.message, s.status, m.id AS match_id, s.created_at
  FROM matching.scout s LEFT JOIN matching.match m ON m.origin_id = s.id`;
const MATCH_SELECT = `SELECT x.id, x.candidate_id, p.account_id, x.opportunity_id, x.region_id, x.stage, x.coordinator_account_id,
    x.created_at, x.created_at::text AS created_key
  FROM matching.match x JOIN matching.candidate_profile p ON p.id = x.candidate_id`;

const interestView = (r: InterestViewRow): InterestView => ({
  id: r.id, candidateId: r.candidate_id, opportunityId: r.opportunity_id, status: r.status, matchId: r.match_id, createdAt: r.created_at,
});
const scoutView = (r: ScoutViewRow): ScoutView => ({
  id: r.id, candidateId: r.candidate_id, opportunityId: r.opportunity_id, sentByOrganizationId: r.sent_by_organization_id,
  message: r.message, status: r.status, matchId: r.match_id, createdAt: r.created_at,
});
const matchView = (r: MatchViewRow): MatchView => ({
  id: r.id, candidateId: r.candidate_id, accountId: r.account_id, opportunityId: r.opportunity_id, regionId: r.region_id,
  stage: r.stage, coordinatorAccountId: r.coordinator_account_id, createdAt: r.created_at,
});

/** The cursor keys of a page's rows, by id (the view does not carry the exact creation time). */
function keysOf<R extends { id: string; created_key: string }>(rows: R[]): (view: { id: string }) => [string, string] {
  const keys = new Map(rows.map((r) => [r.id, r.created_key]));
  return (view) => [keys.get(view.id)!, view.id];
}

/** The matching schema, read side: plain SQL shaped for the screens; never changes state. */
@Injectable()
export class MatchingReadModel {
  constructor(private readonly uow: UnitOfWork) {}

  private get db() {
    return this.uow;
  }

  // ---- profiles (masked for the caller by the query handlers)

  async profileOfAccount(accountId: string): Promise<ProfileRow | null> {
    const rows: ProfileRow[] = await this.db.query(`SELECT ${PROFILE_COLUMNS} FROM matching.candidate_profile p WHERE p.account_id = $1`, [accountId]);
    return rows[0] ?? null;
  }

  async profilesByIds(ids: readonly string[]): Promise<ProfileRow[]> {
    const valid = ids.filter(isId);
    if (valid.length === 0) return [];
    return this.db.query(`SELECT ${PROFILE_COLUMNS} FROM matching.candidate_profile p WHERE p.id = ANY($1::uuid[])`, [valid]);
  }

  /**
   * For each profile, what decides who sees it and its contact details (MatchingPolicy):
   * its matches that are not WITHDRAWN and the person's MATCHING answers. Two statements
   * for any number of profiles.
   */
  profileAccess(rows: readonly ProfileRow[]): Promise<Map<string, ProfileAccess>> {
    return loadProfileAccess(
      this.db,
      rows.map((r) => ({ id: r.id, accountId: r.account_id, desiredRegionIds: r.desired_region_ids, erased: r.erased_at !== null })),
    );
  }

  /**
   * The account's profile, the regions of the events it attended and those of its completed
   * stays, in one statement (recommendations).
   */
  async profileWithAttendance(
    accountId: string,
  ): Promise<{ profile: ProfileRow; attendedRegionIds: string[]; stayedRegionIds: string[] } | null> {
    const rows: Array<ProfileRow & { attended_region_ids: string[]; stayed_region_ids: string[] }> = await this.db.query(
      `SELECT ${PROFILE_COLUMNS},
              ARRAY(SELECT DISTINCT a.region_id FROM matching.attendance a WHERE a.account_id = p.account_id) AS attended_region_ids,
              ARRAY(SELECT DISTINCT s.region_id FROM matching.region_stay s WHERE s.account_id = p.account_id) AS stayed_region_ids
         FROM matching.candidate_profile p WHERE p.account_id = $1`,
      [accountId],
    );
    if (!rows[0]) return null;
    const { attended_region_ids: attendedRegionIds, stayed_region_ids: stayedRegionIds, ...profile } = rows[0];
    return { profile, attendedRegionIds, stayedRegionIds };
  }

  // ---- the copy of opportunities

  async opportunityCopy(id: string): Promise<OpportunityCopyRow | null> {
    if (!isId(id)) return null;
    const rows: OpportunityCopyRow[] = await this.db.query(
      `SELECT id, employer_id, employer_name, region_id, title, work_style, skills, remote_ok, onsite_days_per_month, status, published_at
         FROM matching.opportunity_copy WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  // ---- interests and scouts

  async interestById(id: string): Promise<InterestView | null> {
    if (!isId(id)) return null;
    const rows: InterestViewRow[] = await this.db.query(`${INTEREST_SELECT} WHERE i.id = $1`, [id]);
    return rows[0] ? interestView(rows[0]) : null;
  }

  /** Newest first. */
  async interestsOfAccount(accountId: string): Promise<InterestView[]> {
    const rows: InterestViewRow[] = await this.db.query(
      `${INTEREST_SELECT} JOIN matching.candidate_profile p ON p.id = i.candidate_id
        WHERE p.account_id = $1 ORDER BY i.created_at DESC, i.id DESC`,
      [accountId],
    );
    return rows.map(interestView);
  }

  /** A page of an opportunity's interests, oldest first (keyset on created_at, id). */
  async interestsOfOpportunity(opportunityId: string, limit: number, after: [string, string] | null): Promise<Page<InterestView>> {
    const values: unknown[] = [opportunityId];
    let cursor = '';
    if (after) {
      values.push(after[0], after[1]);
      cursor = 'AND (i.created_at, i.id) > ($2::timestamptz, $3::uuid)';
    }
    values.push(limit);
    const rows: InterestViewRow[] = await this.db.query(
      `${INTEREST_SELECT} WHERE i.opportunity_id = $1 ${cursor} ORDER BY i.created_at, i.id LIMIT $${values.length}`,
      values,
    );
    const total = async (): Promise<number> =>
      (await this.db.query('SELECT count(*)::int AS total FROM matching.interest WHERE opportunity_id = $1', [opportunityId]))[0].total;
    return { rows: rows.map(interestView), keyOf: keysOf(rows), total };
  }

  async scoutById(id: string): Promise<ScoutView | null> {
    if (!isId(id)) return null;
    const rows: ScoutViewRow[] = await this.db.query(`${SCOUT_SELECT} WHERE s.id = $1`, [id]);
    return rows[0] ? scoutView(rows[0]) : null;
  }

  /** Newest first. */
  async scoutsOfAccount(accountId: string): Promise<ScoutView[]> {
    const rows: ScoutViewRow[] = await this.db.query(
      `${SCOUT_SELECT} JOIN matching.candidate_profile p ON p.id = s.candidate_id
        WHERE p.account_id = $1 ORDER BY s.created_at DESC, s.id DESC`,
      [accountId],
    );
    return rows.map(scoutView);
  }

  // ---- matches

  async matchById(id: string): Promise<MatchView | null> {
    if (!isId(id)) return null;
    const rows: MatchViewRow[] = await this.db.query(`${MATCH_SELECT} WHERE x.id = $1`, [id]);
    return rows[0] ? matchView(rows[0]) : null;
  }

  async matchesByIds(ids: readonly string[]): Promise<MatchView[]> {
    const valid = ids.filter(isId);
    if (valid.length === 0) return [];
    const rows: MatchViewRow[] = await this.db.query(`${MATCH_SELECT} WHERE x.id = ANY($1::uuid[])`, [valid]);
    return rows.map(matchView);
  }

  /** Newest first. */
  async matchesOfAccount(accountId: string): Promise<MatchView[]> {
    const rows: MatchViewRow[] = await this.db.query(`${MATCH_SELECT} WHERE p.account_id = $1 ORDER BY x.created_at DESC, x.id DESC`, [accountId]);
    return rows.map(matchView);
  }

  /** A page of the matches in scope, newest first (keyset on created_at, id). */
  async listMatches(scope: MatchScope, limit: number, after: [string, string] | null): Promise<Page<MatchView>> {
    const where: string[] = [];
    const values: unknown[] = [];
    const param = (v: unknown) => {
      values.push(v);
      return `$${values.length}`;
    };
    if (scope.regionIds !== null) where.push(`x.region_id = ANY(${param(scope.regionIds)}::uuid[])`);
    if (scope.regionId != null) where.push(isId(scope.regionId) ? `x.region_id = ${param(scope.regionId)}` : 'FALSE');
    if (scope.opportunityId != null) where.push(isId(scope.opportunityId) ? `x.opportunity_id = ${param(scope.opportunityId)}` : 'FALSE');
    if (scope.stages?.length) where.push(`x.stage = ANY(${param(scope.stages)}::text[])`);
    const filters = where.length ? where.join(' AND ') : 'TRUE';
    const countValues = [...values];
    const page = [filters];
    if (after) page.push(`(x.created_at, x.id) < (${param(after[0])}::timestamptz, ${param(after[1])}::uuid)`);
    const rows: MatchViewRow[] = await this.db.query(
      `${MATCH_SELECT} WHERE ${page.join(' AND ')} ORDER BY x.created_at DESC, x.id DESC LIMIT ${param(limit)}`,
      values,
    );
    const total = async (): Promise<number> =>
      (await this.db.query(`SELECT count(*)::int AS total FROM matching.match x WHERE ${filters}`, countValues))[0].total;
    return { rows: rows.map(matchView), keyOf: keysOf(rows), total };
  }

  /** The histories of these matches, each in order. */
  async stageChanges(matchIds: readonly string[]): Promise<StageChangeView[]> {
    const rows: StageChangeRow[] = await this.db.query(
      'SELECT match_id, stage, note, changed_at FROM matching.match_stage_change WHERE match_id = ANY($1::uuid[]) ORDER BY match_id, seq',
      [matchIds.filter(isId)],
    );
    return rows.map((r) => ({ matchId: r.match_id, stage: r.stage, note: r.note, changedAt: r.changed_at }));
  }

  /** The messages of these matches, each thread oldest first. */
  async messages(matchIds: readonly string[]): Promise<MessageView[]> {
    const rows: MessageRow[] = await this.db.query(
      `SELECT id, match_id, author_display_name, body, sent_at FROM matching.message
        WHERE match_id = ANY($1::uuid[]) ORDER BY match_id, sent_at, id`,
      [matchIds.filter(isId)],
    );
    return rows.map((r) => ({ id: r.id, matchId: r.match_id, authorDisplayName: r.author_display_name, body: r.body, sentAt: r.sent_at }));
  }

  // ---- the person's export (contract 90-privacy)

  /**
   * Everything matching holds about the account, as plain JSON (ISO dates, no internal
   * columns): the profile, the MATCHING answers matching keeps, interests, scouts, matches
   * with their histories and threads, and the visits matching copied (events attended,
   * stays completed). Null sections are empty lists.
   */
  async personalDataOf(accountId: string): Promise<Record<string, unknown>> {
    if (!isId(accountId)) {
      return { profile: null, matchingConsents: [], interests: [], scouts: [], matches: [], eventsAttended: [], regionStays: [] };
    }
    const [profile]: ProfileRow[] = await this.db.query(`SELECT ${PROFILE_COLUMNS} FROM matching.candidate_profile p WHERE p.account_id = $1`, [
      accountId,
    ]);
    const consents: Array<{ organization_id: string | null; granted: boolean; at: Date }> = await this.db.query(
      'SELECT organization_id, granted, at FROM matching.consent WHERE account_id = $1 ORDER BY at, organization_id NULLS FIRST',
      [accountId],
    );
    const attended: Array<{ event_id: string; region_id: string; attended_at: Date }> = await this.db.query(
      'SELECT event_id, region_id, attended_at FROM matching.attendance WHERE account_id = $1 ORDER BY attended_at, event_id',
      [accountId],
    );
    const stayed: Array<{ stay_id: string; region_id: string; stayed_at: Date }> = await this.db.query(
      'SELECT stay_id, region_id, stayed_at FROM matching.region_stay WHERE account_id = $1 ORDER BY stayed_at, stay_id',
      [accountId],
    );
    const visits = {
      eventsAttended: attended.map((a) => ({ eventId: a.event_id, regionId: a.region_id, attendedAt: exportedDate(a.attended_at) })),
      regionStays: stayed.map((s) => ({ stayId: s.stay_id, regionId: s.region_id, stayedAt: exportedDate(s.stayed_at) })),
    };
    const matchingConsents = consents.map((c) => ({ organizationId: c.organization_id, granted: c.granted, at: exportedDate(c.at) }));
    if (!profile) return { profile: null, matchingConsents, interests: [], scouts: [], matches: [], ...visits };

    const title = `(SELECT oc.title FROM matching.opportunity_copy oc WHERE oc.id = x.opportunity_id) AS opportunity_title`;
    const interests: Array<{ id: string; opportunity_id: string; opportunity_title: string | null; region_id: string; status: string; created_at: Date; updated_at: Date }> =
      await this.db.query(
        `SELECT x.id, x.opportunity_id, ${title}, x.region_id, x.status, x.created_at, x.updated_at
           FROM matching.interest x WHERE x.candidate_id = $1 ORDER BY x.created_at, x.id`,
        [profile.id],
      );
    const scouts: Array<{
      id: string; opportunity_id: string; opportunity_title: string | null; region_id: string; sent_by_organization_id: string;
      message: string; status: string; created_at: Date; updated_at: Date;
    }> = await this.db.query(
      `SELECT x.id, x.opportunity_id, ${title}, x.region_id, x.sent_by_organization_id, x.message, x.status, x.created_at, x.updated_at
         FROM matching.scout x WHERE x.candidate_id = $1 ORDER BY x.created_at, x.id`,
      [profile.id],
    );
    const matches: Array<{
      id: string; opportunity_id: string; opportunity_title: string | null; region_id: string; origin: string; origin_id: string;
      stage: string; coordinator_account_id: string | null; provided_organization_ids: string[] | null; created_at: Date; updated_at: Date;
    }> = await this.db.query(
      `SELECT x.id, x.opportunity_id, ${title}, x.region_id, x.origin, x.origin_id, x.stage, x.coordinator_account_id,
              x.provided_organization_ids, x.created_at, x.updated_at
         FROM matching.match x WHERE x.candidate_id = $1 ORDER BY x.created_at, x.id`,
      [profile.id],
    );
    const matchIds = matches.map((m) => m.id);
    const history = await this.stageChanges(matchIds);
    const messages: Array<MessageRow & { author_account_id: string }> = await this.db.query(
      `SELECT id, match_id, author_account_id, author_display_name, body, sent_at FROM matching.message
        WHERE match_id = ANY($1::uuid[]) ORDER BY match_id, sent_at, id`,
      [matchIds],
    );
    return {
      profile: {
        id: profile.id, displayName: profile.display_name, fullName: profile.full_name, email: profile.email, phone: profile.phone,
        ageBand: profile.age_band, headline: profile.headline, careerSummary: profile.career_summary, skills: profile.skills,
        desiredWorkStyles: profile.desired_work_styles, remoteHoursPerWeek: profile.remote_hours_per_week,
        onsiteDaysPerMonth: profile.onsite_days_per_month, desiredRegionIds: profile.desired_region_ids,
        dualRegionStage: profile.dual_region_stage, homePrefecture: profile.home_prefecture,
        createdAt: exportedDate(profile.created_at), updatedAt: exportedDate(profile.updated_at),
      },
      matchingConsents,
      interests: interests.map((i) => ({
        id: i.id, opportunityId: i.opportunity_id, opportunityTitle: i.opportunity_title, regionId: i.region_id, status: i.status,
        createdAt: exportedDate(i.created_at), updatedAt: exportedDate(i.updated_at),
      })),
      scouts: scouts.map((x) => ({
        id: x.id, opportunityId: x.opportunity_id, opportunityTitle: x.opportunity_title, regionId: x.region_id,
        sentByOrganizationId: x.sent_by_organization_id, message: x.message, status: x.status,
        createdAt: exportedDate(x.created_at), updatedAt: exportedDate(x.updated_at),
      })),
      matches: matches.map((m) => ({
        id: m.id, opportunityId: m.opportunity_id, opportunityTitle: m.opportunity_title, regionId: m.region_id, origin: m.origin,
        originId: m.origin_id, stage: m.stage, coordinatorAccountId: m.coordinator_account_id,
        contactDetailsGivenToOrganizationIds: m.provided_organization_ids, createdAt: exportedDate(m.created_at), updatedAt: exportedDate(m.updated_at),
        history: history.filter((h) => h.matchId === m.id).map((h) => ({ stage: h.stage, note: h.note, changedAt: exportedDate(h.changedAt) })),
        messages: messages
          .filter((x) => x.match_id === m.id)
          .map((x) => ({
            id: x.id, authorDisplayName: x.author_display_name, writtenByMe: x.author_account_id === accountId, body: x.body,
            sentAt: exportedDate(x.sent_at),
          })),
      })),
      ...visits,
    };
  }

  /** A message with its match's access facts as they are now (live updates re-check who may see it). */
  async messageWithAccess(id: string): Promise<MessageWithAccess | null> {
    if (!isId(id)) return null;
    const rows: MessageWithAccessRow[] = await this.db.query(
      `SELECT m.id, m.match_id, m.author_display_name, m.body, m.sent_at, p.account_id, x.region_id, x.coordinator_account_id
         FROM matching.message m
         JOIN matching.match x ON x.id = m.match_id
         JOIN matching.candidate_profile p ON p.id = x.candidate_id
        WHERE m.id = $1`,
      [id],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id: r.id, matchId: r.match_id, authorDisplayName: r.author_display_name, body: r.body, sentAt: r.sent_at,
      match: { accountId: r.account_id, regionId: r.region_id, coordinatorAccountId: r.coordinator_account_id },
    };
  }
}
