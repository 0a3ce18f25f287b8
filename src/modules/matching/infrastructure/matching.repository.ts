import { Injectable } from '@nestjs/common';
import type { OpportunitySnapshot } from '#libs/contracts/careers/events.js';
import { MessageAdded } from '#libs/contracts/matching/events.js';
import type { WorkStyle } from '#libs/contracts/careers/work-style.js';
import { StaleVersionError } from '#libs/ddd/errors.js';
import { isId, newId } from '#libs/ddd/ids.js';
import { AggregateStore } from '#libs/messaging/aggregate-store.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { ERASED_DISPLAY_NAME } from '#libs/contracts/privacy/enums.js';
import { CandidateProfile, normalizeSkill, type AgeBand, type DualRegionStage } from '../domain/candidate-profile.aggregate.js';
import { Interest, type InterestStatus } from '../domain/interest.aggregate.js';
import { Match, type MatchStage } from '../domain/match.aggregate.js';
import type { MatchingConsent } from '../domain/matching-consent.js';
import type { ProfileAccess, ProfileMatch } from '../application/matching.policy.js';
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
  home_prefecture: string | null;
  erased_at: Date | null;
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
  provided_organization_ids: string[] | null;
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
    dualRegionStage: r.dual_region_stage, homePrefecture: r.home_prefecture, erasedAt: r.erased_at,
    createdAt: r.created_at, updatedAt: r.updated_at, version: r.version,
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
    coordinatorAccountId: r.coordinator_account_id, providedOrganizationIds: r.provided_organization_ids, historyLength: r.history_length,
    createdAt: r.created_at, updatedAt: r.updated_at, version: r.version,
  });

/** MATCHING answers as rows of matching.consent -> the general answer and the organizations' own. */
export function consentOf(rows: ReadonlyArray<{ organization_id: string | null; granted: boolean }>): MatchingConsent {
  const organizations = new Map<string, boolean>();
  let general: boolean | null = null;
  for (const r of rows) {
    if (r.organization_id === null) general = r.granted;
    else organizations.set(r.organization_id, r.granted);
  }
  return { general, organizations };
}

/** What a profile's access is decided from besides its matches and answers (see loadProfileAccess). */
export interface AccessSubject {
  id: string;
  accountId: string;
  desiredRegionIds: string[];
  erased: boolean;
}

/**
 * For each profile, what decides who sees it and its contact details (MatchingPolicy): its
 * matches that are not WITHDRAWN and the person's MATCHING answers. Two statements for any
 * number of profiles; the write side (a scout) and the screens read it alike.
 */
export async function loadProfileAccess(
  db: { query(sql: string, parameters?: unknown[]): Promise<any> },
  subjects: readonly AccessSubject[],
): Promise<Map<string, ProfileAccess>> {
  if (subjects.length === 0) return new Map();
  const matches: Array<{ candidate_id: string; region_id: string; stage: string; provided_organization_ids: string[] | null }> =
    await db.query(
      `SELECT candidate_id, region_id, stage, provided_organization_ids FROM matching.match
        WHERE candidate_id = ANY($1::uuid[]) AND stage <> 'WITHDRAWN'`,
      [subjects.map((p) => p.id)],
    );
  const consents: Array<{ account_id: string; organization_id: string | null; granted: boolean }> = await db.query(
    'SELECT account_id, organization_id, granted FROM matching.consent WHERE account_id = ANY($1::uuid[])',
    [subjects.map((p) => p.accountId)],
  );
  const matchesOf = new Map<string, ProfileMatch[]>();
  for (const m of matches) {
    const list = matchesOf.get(m.candidate_id) ?? [];
    list.push({ regionId: m.region_id, stage: m.stage, providedOrganizationIds: m.provided_organization_ids });
    matchesOf.set(m.candidate_id, list);
  }
  const answersOf = new Map<string, typeof consents>();
  for (const c of consents) {
    const list = answersOf.get(c.account_id) ?? [];
    list.push(c);
    answersOf.set(c.account_id, list);
  }
  return new Map(
    subjects.map((p) => [
      p.id,
      {
        accountId: p.accountId, desiredRegionIds: p.desiredRegionIds, erased: p.erased,
        matches: matchesOf.get(p.id) ?? [], consent: consentOf(answersOf.get(p.accountId) ?? []),
      },
    ]),
  );
}

/**
 * Matching's aggregates (schema `matching`), write side: loaded for a command and saved
 * through the one save path (AggregateStore), which checks versions and appends their
 * events to the outbox. Screens read through MatchingReadModel.
 */
@Injectable()
export class MatchingRepository {
  private readonly store: AggregateStore;

  constructor(private readonly uow: UnitOfWork) {
    this.store = new AggregateStore(uow, SOURCE);
  }

  private get db() {
    return this.uow.manager;
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

  /**
   * The profile, its row locked until the transaction ends: FOR SHARE by a command that
   * makes something of it (a scout, a match), FOR UPDATE by the erasure. Either the
   * erasure waits for the command to commit (and then finds what it made), or the command
   * waits for the erasure (and then reads it erased).
   */
  async lockProfile(by: { id: string } | { accountId: string }, mode: 'SHARE' | 'UPDATE'): Promise<CandidateProfile | null> {
    const [column, value] = 'id' in by ? ['id', by.id] : ['account_id', by.accountId];
    if (!isId(value)) return null;
    const rows: ProfileRow[] = await this.db.query(
      `SELECT * FROM matching.candidate_profile WHERE ${column} = $1 FOR ${mode === 'SHARE' ? 'SHARE' : 'UPDATE'}`,
      [value],
    );
    return rows[0] ? toProfile(rows[0]) : null;
  }

  /** The person's MATCHING answers (matching's copy of privacy's). */
  async matchingConsent(accountId: string): Promise<MatchingConsent> {
    const rows: Array<{ organization_id: string | null; granted: boolean }> = await this.db.query(
      'SELECT organization_id, granted FROM matching.consent WHERE account_id = $1',
      [accountId],
    );
    return consentOf(rows);
  }

  /** Keeps a MATCHING answer unless a newer change of it (a higher revision, privacy's `version`) was kept already. */
  async recordConsent(accountId: string, organizationId: string | null, granted: boolean, at: Date, revision: number): Promise<void> {
    await this.db.query(
      `INSERT INTO matching.consent (account_id, organization_id, granted, at, revision) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT consent_one_answer DO UPDATE SET granted = EXCLUDED.granted, at = EXCLUDED.at, revision = EXCLUDED.revision
       WHERE matching.consent.revision < EXCLUDED.revision`,
      [accountId, organizationId, granted, at, revision],
    );
  }

  /** What decides who sees the profile and its contact details (MatchingPolicy), as the write side reads it. */
  async profileAccess(profile: CandidateProfile): Promise<ProfileAccess> {
    const subject = { id: profile.id, accountId: profile.accountId, desiredRegionIds: profile.data.desiredRegionIds, erased: profile.erased };
    return (await loadProfileAccess(this.db, [subject])).get(profile.id)!;
  }

  async saveProfile(profile: CandidateProfile): Promise<void> {
    const s = profile.data;
    await this.store.save(profile, {
      table: 'matching.candidate_profile',
      what: 'Your profile',
      columns: {
        display_name: s.displayName, email: s.email, full_name: s.fullName, phone: s.phone, age_band: s.ageBand, headline: s.headline,
        career_summary: s.careerSummary, skills: s.skills, skills_norm: s.skills.map(normalizeSkill),
        desired_work_styles: s.desiredWorkStyles, remote_hours_per_week: s.remoteHoursPerWeek,
        onsite_days_per_month: s.onsiteDaysPerMonth, desired_region_ids: s.desiredRegionIds, dual_region_stage: s.dualRegionStage,
        home_prefecture: s.homePrefecture, erased_at: s.erasedAt, updated_at: s.updatedAt,
      },
      insertOnly: { account_id: s.accountId, created_at: s.createdAt },
      // The same account's other request created its profile a moment earlier.
      onDuplicate: profile.isNew ? () => new StaleVersionError('Your profile') : undefined,
    });
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
    await this.store.save(interest, {
      table: 'matching.interest',
      what: 'The interest',
      columns: { status: s.status, updated_at: s.updatedAt },
      insertOnly: { candidate_id: s.candidateId, opportunity_id: s.opportunityId, region_id: s.regionId, created_at: s.createdAt },
      onDuplicate: interest.isNew ? () => new DuplicateLive() : undefined,
    });
  }

  // ---- scouts

  async scout(id: string): Promise<Scout | null> {
    if (!isId(id)) return null;
    const rows: ScoutRow[] = await this.db.query(`SELECT ${PAIR_COLUMNS} FROM matching.scout x ${PAIR_JOIN} WHERE x.id = $1`, [id]);
    return rows[0] ? toScout(rows[0]) : null;
  }

  /** Saves; a second unanswered scout for the pair raises DuplicateLive. */
  async saveScout(scout: Scout): Promise<void> {
    const s = scout.data;
    await this.store.save(scout, {
      table: 'matching.scout',
      what: 'The scout',
      columns: { status: s.status, updated_at: s.updatedAt },
      insertOnly: {
        candidate_id: s.candidateId, opportunity_id: s.opportunityId, region_id: s.regionId,
        sent_by_organization_id: s.sentByOrganizationId, sent_by_account_id: s.sentByAccountId, message: s.message,
        created_at: s.createdAt,
      },
      onDuplicate: scout.isNew ? () => new DuplicateLive() : undefined,
    });
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

  /** Saves with the history entries added since loading; a second live match for the pair raises DuplicateLive. */
  async saveMatch(match: Match): Promise<void> {
    const s = match.data;
    await this.store.save(match, {
      table: 'matching.match',
      what: 'The match',
      columns: { stage: s.stage, coordinator_account_id: s.coordinatorAccountId, updated_at: s.updatedAt },
      insertOnly: {
        candidate_id: s.candidateId, opportunity_id: s.opportunityId, region_id: s.regionId, origin: s.origin,
        origin_id: s.originId, provided_organization_ids: s.providedOrganizationIds, created_at: s.createdAt,
      },
      onDuplicate: match.isNew ? () => new DuplicateLive() : undefined,
      alsoWrite: async () => {
        let seq = s.historyLength;
        for (const change of match.pullNewChanges()) {
          seq += 1;
          await this.db.query(
            `INSERT INTO matching.match_stage_change (match_id, seq, stage, note, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6)`,
            [s.id, seq, change.stage, change.note, change.changedBy, change.changedAt],
          );
        }
      },
    });
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

  // ---- erasure (contract 90-privacy)

  /** What an erased person holds here: every match and scout of theirs, and their OPEN interests. */
  async holdingsOf(candidateId: string): Promise<{
    matches: Array<{ id: string; stage: MatchStage }>;
    scouts: Array<{ id: string; status: ScoutStatus }>;
    openInterestIds: string[];
  }> {
    const matches: Array<{ id: string; stage: MatchStage }> = await this.db.query(
      'SELECT id, stage FROM matching.match WHERE candidate_id = $1 ORDER BY created_at, id',
      [candidateId],
    );
    const scouts: Array<{ id: string; status: ScoutStatus }> = await this.db.query(
      'SELECT id, status FROM matching.scout WHERE candidate_id = $1 ORDER BY created_at, id',
      [candidateId],
    );
    const interests: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM matching.interest WHERE candidate_id = $1 AND status = 'OPEN' ORDER BY created_at, id`,
      [candidateId],
    );
    return { matches, scouts, openInterestIds: interests.map((i) => i.id) };
  }

  /**
   * The erased person's words leave their threads: their messages keep their place (the
   * thread's order, its count) signed 退会済みユーザー, with no text. What others wrote to
   * or about them — messages in their threads, the notes of their matches' histories, the
   * scouts sent to them — keeps its text with every mention of the person (`mentions`: their
   * name, display name, email, phone) replaced by 退会済みユーザー. No state changes: no
   * version moves and no event is written.
   */
  async scrubTextsOf(candidateId: string, accountId: string, mentions: readonly string[]): Promise<void> {
    const threads = `SELECT id FROM matching.match WHERE candidate_id = $1`;
    await this.db.query(
      `UPDATE matching.message SET author_display_name = $3, body = ''
        WHERE match_id IN (${threads}) AND author_account_id = $2`,
      [candidateId, accountId, ERASED_DISPLAY_NAME],
    );
    for (const mention of mentions) {
      const values = [candidateId, mention, ERASED_DISPLAY_NAME];
      await this.db.query(
        `UPDATE matching.message SET body = replace(body, $2, $3) WHERE match_id IN (${threads}) AND strpos(body, $2) > 0`,
        values,
      );
      await this.db.query(
        `UPDATE matching.match_stage_change SET note = replace(note, $2, $3) WHERE match_id IN (${threads}) AND strpos(note, $2) > 0`,
        values,
      );
      await this.db.query(`UPDATE matching.scout SET message = replace(message, $2, $3) WHERE candidate_id = $1 AND strpos(message, $2) > 0`, values);
    }
  }

  /** The events and stays matching copied about the account (ids only, of no use once the person is gone). */
  async forgetVisitsOf(accountId: string): Promise<void> {
    await this.db.query('DELETE FROM matching.attendance WHERE account_id = $1', [accountId]);
    await this.db.query('DELETE FROM matching.region_stay WHERE account_id = $1', [accountId]);
  }

  // ---- copies of other modules' facts

  /** careers' employer.registered: the organization managing the employer (it never changes). */
  async recordEmployer(employerId: string, organizationId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO matching.employer_copy (employer_id, organization_id) VALUES ($1, $2)
       ON CONFLICT (employer_id) DO UPDATE SET organization_id = EXCLUDED.organization_id`,
      [employerId, organizationId],
    );
  }

  /** The organization managing the opportunity's employer, when matching knows it. */
  async employerOrganizationOf(opportunityId: string): Promise<string | null> {
    if (!isId(opportunityId)) return null;
    const rows: Array<{ organization_id: string }> = await this.db.query(
      `SELECT e.organization_id FROM matching.opportunity_copy oc JOIN matching.employer_copy e ON e.employer_id = oc.employer_id
        WHERE oc.id = $1`,
      [opportunityId],
    );
    return rows[0]?.organization_id ?? null;
  }

  /**
   * The copy of an opportunity, locked FOR SHARE until the transaction ends, for a command
   * whose answer depends on it (expressing or accepting interest, sending or accepting a
   * scout). The careers-closed subscriber updates the copy before it looks for open pairs
   * to close, so either it waits for this command to commit (and then finds the pair it
   * made), or this command waits for the close to commit (and then reads CLOSED). Without
   * the lock a pair made in between stayed open on a closed opportunity for good.
   */
  async lockOpportunityCopy(id: string): Promise<OpportunityCopyRow | null> {
    if (!isId(id)) return null;
    const rows: OpportunityCopyRow[] = await this.db.query('SELECT * FROM matching.opportunity_copy WHERE id = $1 FOR SHARE', [id]);
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
              ARRAY(SELECT jsonb_array_elements_text(s.skills_norm)),
              s.remote_ok, s.onsite, s.status, s.published_at, s.as_of
         FROM jsonb_to_recordset($1::jsonb) AS s(id uuid, employer_id uuid, employer_name text, region_id uuid, title text,
              work_style text, skills jsonb, skills_norm jsonb, remote_ok boolean, onsite int, status text, published_at timestamptz,
              as_of timestamptz)
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
            // normalizeSkill, as for one copy: SQL's lower() follows the server's locale, not JavaScript's toLowerCase.
            skills_norm: s.skills.map(normalizeSkill),
          })),
        ),
      ],
    );
  }

  /** A completed stay of the account in the region (housing's StayCompleted); once per stay. */
  async recordRegionStay(accountId: string, stayId: string, regionId: string, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO matching.region_stay (stay_id, account_id, region_id, stayed_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [stayId, accountId, regionId, at],
    );
  }

  async recordAttendance(accountId: string, eventId: string, regionId: string, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO matching.attendance (account_id, event_id, region_id, attended_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [accountId, eventId, regionId, at],
    );
  }
}
