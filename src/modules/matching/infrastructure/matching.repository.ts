import { Injectable } from '@nestjs/common';
import type { OpportunitySnapshot } from '../../../../libs/contracts/careers/events.js';
import { MessageAdded } from '../../../../libs/contracts/matching/events.js';
import type { WorkStyle } from '../../../../libs/contracts/careers/work-style.js';
import { StaleVersionError } from '../../../../libs/ddd/errors.js';
import { isId, newId } from '../../../../libs/ddd/ids.js';
import { UnitOfWork, pgErrorCode } from '../../../../libs/messaging/unit-of-work.js';
import { CandidateProfile, normalizeSkill, type AgeBand, type DualRegionStage } from '../domain/candidate-profile.aggregate.js';
import { Interest, type InterestStatus } from '../domain/interest.aggregate.js';
import { Match, type MatchStage } from '../domain/match.aggregate.js';
import { Scout, type ScoutStatus } from '../domain/scout.aggregate.js';

const SOURCE = 'matching';

/** Raised when a unique index says the live row already exists (callers re-read it). */
export class DuplicateLive extends Error {}

export interface ProfileRow {
  id: string;
  account_id: string;
  display_name: string;
  email: string;
  full_name: string;
  phone: string | null;
  age_band: AgeBand;
  headline: string;
  career_summary: string;
  skills: string[];
  desired_work_styles: WorkStyle[];
  remote_hours_per_week: number;
  onsite_days_per_month: number;
  desired_region_ids: string[];
  dual_region_stage: DualRegionStage;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export interface InterestRow {
  id: string;
  candidate_id: string;
  account_id: string;
  opportunity_id: string;
  region_id: string;
  work_style: WorkStyle | null;
  status: InterestStatus;
  match_id: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export interface ScoutRow {
  id: string;
  candidate_id: string;
  account_id: string;
  opportunity_id: string;
  region_id: string;
  work_style: WorkStyle | null;
  sent_by_organization_id: string;
  sent_by_account_id: string;
  message: string;
  status: ScoutStatus;
  match_id: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export interface MatchRow {
  id: string;
  candidate_id: string;
  account_id: string;
  opportunity_id: string;
  region_id: string;
  work_style: WorkStyle | null;
  origin: 'INTEREST' | 'SCOUT';
  origin_id: string;
  stage: MatchStage;
  coordinator_account_id: string | null;
  history_length: number;
  created_at: Date;
  updated_at: Date;
  version: number;
}

/** The copy of a careers opportunity matching keeps (from careers' events). */
export interface OpportunityCopyRow {
  id: string;
  employer_id: string;
  employer_name: string;
  region_id: string;
  title: string;
  work_style: WorkStyle;
  skills: string[];
  remote_ok: boolean;
  onsite_days_per_month: number;
  status: string;
  published_at: Date | null;
}

// Joined columns every interest/scout/match query selects: the candidate's account and the work style from the copy.
const PAIR_JOIN = `JOIN matching.candidate_profile p ON p.id = x.candidate_id
  LEFT JOIN matching.opportunity_copy oc ON oc.id = x.opportunity_id`;
const PAIR_COLUMNS = `x.*, p.account_id, oc.work_style`;

export const toProfile = (r: ProfileRow) =>
  CandidateProfile.restore({
    id: r.id, accountId: r.account_id, displayName: r.display_name, email: r.email, fullName: r.full_name, phone: r.phone,
    ageBand: r.age_band, headline: r.headline, careerSummary: r.career_summary, skills: r.skills,
    desiredWorkStyles: r.desired_work_styles, remoteHoursPerWeek: r.remote_hours_per_week,
    onsiteDaysPerMonth: r.onsite_days_per_month, desiredRegionIds: r.desired_region_ids,
    dualRegionStage: r.dual_region_stage, createdAt: r.created_at, updatedAt: r.updated_at, version: r.version,
  });

const toInterest = (r: InterestRow) =>
  Interest.restore({
    id: r.id, candidateId: r.candidate_id, accountId: r.account_id, opportunityId: r.opportunity_id, regionId: r.region_id,
    workStyle: r.work_style, status: r.status, createdAt: r.created_at, updatedAt: r.updated_at, version: r.version,
  });

const toScout = (r: ScoutRow) =>
  Scout.restore({
    id: r.id, candidateId: r.candidate_id, accountId: r.account_id, opportunityId: r.opportunity_id, regionId: r.region_id,
    workStyle: r.work_style, sentByOrganizationId: r.sent_by_organization_id, sentByAccountId: r.sent_by_account_id,
    message: r.message, status: r.status, createdAt: r.created_at, updatedAt: r.updated_at, version: r.version,
  });

const toMatch = (r: MatchRow) =>
  Match.restore({
    id: r.id, candidateId: r.candidate_id, accountId: r.account_id, opportunityId: r.opportunity_id, regionId: r.region_id,
    workStyle: r.work_style, origin: r.origin, originId: r.origin_id, stage: r.stage,
    coordinatorAccountId: r.coordinator_account_id, historyLength: r.history_length,
    createdAt: r.created_at, updatedAt: r.updated_at, version: r.version,
  });

/** Matching's aggregates (schema `matching`); saving writes their events to the outbox. */
@Injectable()
export class MatchingRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get db() {
    return this.uow.manager;
  }

  private async checkVersion(table: string, id: string, version: number, set: string, values: unknown[], what: string) {
    const [, affected] = await this.db.query(
      `UPDATE matching.${table} SET ${set}, version = version + 1 WHERE id = $1 AND version = $2`,
      [id, version, ...values],
    );
    if (affected === 0) throw new StaleVersionError(what);
  }

  /**
   * Inserts a row guarded by a partial unique index ("one live X per pair"); a violation
   * becomes DuplicateLive and, thanks to the savepoint, leaves the transaction usable.
   */
  private async insertLive(sql: string, values: unknown[]): Promise<void> {
    await this.db.query('SAVEPOINT live_insert');
    try {
      await this.db.query(sql, values);
      await this.db.query('RELEASE SAVEPOINT live_insert');
    } catch (error) {
      if (pgErrorCode(error) !== '23505') throw error;
      await this.db.query('ROLLBACK TO SAVEPOINT live_insert');
      throw new DuplicateLive();
    }
  }

  // ---- profiles

  async profileByAccount(accountId: string): Promise<CandidateProfile | null> {
    const rows: ProfileRow[] = await this.db.query('SELECT * FROM matching.candidate_profile WHERE account_id = $1', [accountId]);
    return rows[0] ? toProfile(rows[0]) : null;
  }

  async profileById(id: string): Promise<CandidateProfile | null> {
    if (!isId(id)) return null;
    const rows: ProfileRow[] = await this.db.query('SELECT * FROM matching.candidate_profile WHERE id = $1', [id]);
    return rows[0] ? toProfile(rows[0]) : null;
  }

  async saveProfile(profile: CandidateProfile): Promise<void> {
    const s = profile.data;
    const values = [
      s.displayName, s.email, s.fullName, s.phone, s.ageBand, s.headline, s.careerSummary, s.skills, s.skills.map(normalizeSkill),
      s.desiredWorkStyles, s.remoteHoursPerWeek, s.onsiteDaysPerMonth, s.desiredRegionIds, s.dualRegionStage, s.updatedAt,
    ];
    if (profile.isNew) {
      try {
        await this.db.query(
          `INSERT INTO matching.candidate_profile (display_name, email, full_name, phone, age_band, headline, career_summary, skills,
             skills_norm, desired_work_styles, remote_hours_per_week, onsite_days_per_month, desired_region_ids, dual_region_stage,
             updated_at, id, account_id, created_at, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::uuid[], $14, $15, $16, $17, $18, 1)`,
          [...values, s.id, s.accountId, s.createdAt],
        );
      } catch (error) {
        if (pgErrorCode(error) === '23505') throw new StaleVersionError('Your profile');
        throw error;
      }
    } else {
      await this.checkVersion(
        'candidate_profile', s.id, profile.version,
        `display_name = $3, email = $4, full_name = $5, phone = $6, age_band = $7, headline = $8, career_summary = $9, skills = $10,
         skills_norm = $11, desired_work_styles = $12, remote_hours_per_week = $13, onsite_days_per_month = $14,
         desired_region_ids = $15::uuid[], dual_region_stage = $16, updated_at = $17`,
        values, 'Your profile',
      );
    }
    await this.uow.publish(SOURCE, profile.pullEvents());
    profile.markSaved();
  }

  // ---- interests

  async interest(id: string): Promise<Interest | null> {
    if (!isId(id)) return null;
    const rows: InterestRow[] = await this.db.query(`SELECT ${PAIR_COLUMNS} FROM matching.interest x ${PAIR_JOIN} WHERE x.id = $1`, [id]);
    return rows[0] ? toInterest(rows[0]) : null;
  }

  async liveInterest(candidateId: string, opportunityId: string): Promise<Interest | null> {
    const rows: InterestRow[] = await this.db.query(
      `SELECT ${PAIR_COLUMNS} FROM matching.interest x ${PAIR_JOIN}
        WHERE x.candidate_id = $1 AND x.opportunity_id = $2 AND x.status IN ('OPEN', 'ACCEPTED')`,
      [candidateId, opportunityId],
    );
    return rows[0] ? toInterest(rows[0]) : null;
  }

  /** Saves; a second live interest for the pair raises DuplicateLive. */
  async saveInterest(interest: Interest): Promise<void> {
    const s = interest.data;
    if (interest.isNew) {
      await this.insertLive(
        `INSERT INTO matching.interest (id, candidate_id, opportunity_id, region_id, status, created_at, updated_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1)`,
        [s.id, s.candidateId, s.opportunityId, s.regionId, s.status, s.createdAt, s.updatedAt],
      );
    } else {
      await this.checkVersion('interest', s.id, interest.version, 'status = $3, updated_at = $4', [s.status, s.updatedAt], 'The interest');
    }
    await this.uow.publish(SOURCE, interest.pullEvents());
    interest.markSaved();
  }

  // ---- scouts

  async scout(id: string): Promise<Scout | null> {
    if (!isId(id)) return null;
    const rows: ScoutRow[] = await this.db.query(`SELECT ${PAIR_COLUMNS} FROM matching.scout x ${PAIR_JOIN} WHERE x.id = $1`, [id]);
    return rows[0] ? toScout(rows[0]) : null;
  }

  async saveScout(scout: Scout): Promise<void> {
    const s = scout.data;
    if (scout.isNew) {
      await this.insertLive(
        `INSERT INTO matching.scout (id, candidate_id, opportunity_id, region_id, sent_by_organization_id, sent_by_account_id, message,
           status, created_at, updated_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1)`,
        [s.id, s.candidateId, s.opportunityId, s.regionId, s.sentByOrganizationId, s.sentByAccountId, s.message, s.status, s.createdAt, s.updatedAt],
      );
    } else {
      await this.checkVersion('scout', s.id, scout.version, 'status = $3, updated_at = $4', [s.status, s.updatedAt], 'The scout');
    }
    await this.uow.publish(SOURCE, scout.pullEvents());
    scout.markSaved();
  }

  /** The open interests and unanswered scouts of an opportunity. */
  async openPairsOf(opportunityId: string): Promise<Array<{ kind: 'INTEREST' | 'SCOUT'; id: string }>> {
    return this.db.query(
      `SELECT 'INTEREST' AS kind, id FROM matching.interest WHERE opportunity_id = $1 AND status = 'OPEN'
       UNION ALL
       SELECT 'SCOUT', id FROM matching.scout WHERE opportunity_id = $1 AND status = 'SENT'`,
      [opportunityId],
    );
  }

  // ---- matches

  async match(id: string): Promise<Match | null> {
    if (!isId(id)) return null;
    const rows: MatchRow[] = await this.db.query(
      `SELECT ${PAIR_COLUMNS}, (SELECT count(*)::int FROM matching.match_stage_change h WHERE h.match_id = x.id) AS history_length
         FROM matching.match x ${PAIR_JOIN} WHERE x.id = $1`,
      [id],
    );
    return rows[0] ? toMatch(rows[0]) : null;
  }

  async matchExistsForOrigin(originId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query('SELECT 1 FROM matching.match WHERE origin_id = $1', [originId]);
    return rows.length > 0;
  }

  async liveMatchExists(candidateId: string, opportunityId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM matching.match WHERE candidate_id = $1 AND opportunity_id = $2 AND stage <> 'WITHDRAWN'`,
      [candidateId, opportunityId],
    );
    return rows.length > 0;
  }

  async saveMatch(match: Match): Promise<void> {
    const s = match.data;
    if (match.isNew) {
      await this.insertLive(
        `INSERT INTO matching.match (id, candidate_id, opportunity_id, region_id, origin, origin_id, stage, coordinator_account_id,
           created_at, updated_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1)`,
        [s.id, s.candidateId, s.opportunityId, s.regionId, s.origin, s.originId, s.stage, s.coordinatorAccountId, s.createdAt, s.updatedAt],
      );
    } else {
      await this.checkVersion(
        'match', s.id, match.version, 'stage = $3, coordinator_account_id = $4, updated_at = $5',
        [s.stage, s.coordinatorAccountId, s.updatedAt], 'The match',
      );
    }
    let seq = s.historyLength;
    for (const change of match.pullNewChanges()) {
      seq += 1;
      await this.db.query(
        `INSERT INTO matching.match_stage_change (match_id, seq, stage, note, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [s.id, seq, change.stage, change.note, change.changedBy, change.changedAt],
      );
    }
    await this.uow.publish(SOURCE, match.pullEvents());
    match.markSaved();
  }

  /** Appends a message to the match's conversation, and MessageAdded to the outbox (the match itself is unchanged). */
  async addMessage(match: Match, author: { accountId: string; displayName: string }, body: string, now = new Date()): Promise<string> {
    const id = newId();
    await this.db.query(
      `INSERT INTO matching.message (id, match_id, author_account_id, author_display_name, body, sent_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, match.id, author.accountId, author.displayName, body, now],
    );
    const payload = { ...match.facts(), matchId: match.id, messageId: id, authorAccountId: author.accountId, sentAt: now.toISOString() };
    await this.uow.publish(SOURCE, [MessageAdded.create(match.id, payload, now)]);
    return id;
  }

  // ---- copies of other modules' facts

  async opportunityCopy(id: string): Promise<OpportunityCopyRow | null> {
    if (!isId(id)) return null;
    const rows: OpportunityCopyRow[] = await this.db.query('SELECT * FROM matching.opportunity_copy WHERE id = $1', [id]);
    return rows[0] ?? null;
  }

  /** Applies a snapshot from careers unless a newer one was applied already (events may arrive out of order). */
  async upsertOpportunityCopy(copy: OpportunityCopyRow, asOf: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO matching.opportunity_copy (id, employer_id, employer_name, region_id, title, work_style, skills, skills_norm,
         remote_ok, onsite_days_per_month, status, published_at, as_of)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (id) DO UPDATE SET employer_id = EXCLUDED.employer_id, employer_name = EXCLUDED.employer_name,
         region_id = EXCLUDED.region_id, title = EXCLUDED.title, work_style = EXCLUDED.work_style, skills = EXCLUDED.skills,
         skills_norm = EXCLUDED.skills_norm, remote_ok = EXCLUDED.remote_ok, onsite_days_per_month = EXCLUDED.onsite_days_per_month,
         status = EXCLUDED.status, published_at = EXCLUDED.published_at, as_of = EXCLUDED.as_of
       WHERE matching.opportunity_copy.as_of <= EXCLUDED.as_of`,
      [
        copy.id, copy.employer_id, copy.employer_name, copy.region_id, copy.title, copy.work_style, copy.skills,
        copy.skills.map(normalizeSkill), copy.remote_ok, copy.onsite_days_per_month, copy.status, copy.published_at, asOf,
      ],
    );
  }

  /** Applies many snapshots at once (backfill), with the same newer-wins rule. */
  async upsertOpportunityCopies(snapshots: Array<OpportunitySnapshot & { asOf: Date }>): Promise<void> {
    await this.db.query(
      `INSERT INTO matching.opportunity_copy (id, employer_id, employer_name, region_id, title, work_style, skills, skills_norm,
         remote_ok, onsite_days_per_month, status, published_at, as_of)
       SELECT s.id, s.employer_id, s.employer_name, s.region_id, s.title, s.work_style,
              ARRAY(SELECT jsonb_array_elements_text(s.skills)),
              ARRAY(SELECT lower(normalize(btrim(x), NFKC)) FROM jsonb_array_elements_text(s.skills) AS x),
              s.remote_ok, s.onsite, s.status, s.published_at, s.as_of
         FROM jsonb_to_recordset($1::jsonb) AS s(id uuid, employer_id uuid, employer_name text, region_id uuid, title text,
              work_style text, skills jsonb, remote_ok boolean, onsite int, status text, published_at timestamptz, as_of timestamptz)
       ON CONFLICT (id) DO UPDATE SET employer_id = EXCLUDED.employer_id, employer_name = EXCLUDED.employer_name,
         region_id = EXCLUDED.region_id, title = EXCLUDED.title, work_style = EXCLUDED.work_style, skills = EXCLUDED.skills,
         skills_norm = EXCLUDED.skills_norm, remote_ok = EXCLUDED.remote_ok, onsite_days_per_month = EXCLUDED.onsite_days_per_month,
         status = EXCLUDED.status, published_at = EXCLUDED.published_at, as_of = EXCLUDED.as_of
       WHERE matching.opportunity_copy.as_of <= EXCLUDED.as_of`,
      [
        JSON.stringify(
          snapshots.map((s) => ({
            id: s.opportunityId, employer_id: s.employerId, employer_name: s.employerName, region_id: s.regionId, title: s.title,
            work_style: s.workStyle, skills: s.skills, remote_ok: s.remoteOk, onsite: s.onsiteDaysPerMonth, status: s.status,
            published_at: s.publishedAt, as_of: s.asOf,
          })),
        ),
      ],
    );
  }

  async recordAttendance(accountId: string, eventId: string, regionId: string, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO matching.attendance (account_id, event_id, region_id, attended_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [accountId, eventId, regionId, at],
    );
  }
}
