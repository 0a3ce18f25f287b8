import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ConsultationChannel, ConsultationStatus, ConsultationTopic } from '#libs/contracts/support/enums.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { isId } from '#libs/ddd/ids.js';
import { decodeCursor, decodeTimeCursor, encodeCursor, toConnection, type ConnectionShape } from '#libs/graphql/connection.js';
import { ANY_ORGANIZATION } from '../domain/journey-events.js';
import type { EntryDetail } from '../domain/journey.js';
import type { ConsultationRow } from './support.repository.js';

/** A slot as clients see it. */
export interface SlotView {
  id: string;
  regionId: string;
  organizationId: string;
  topics: ConsultationTopic[];
  channel: ConsultationChannel;
  startsAt: Date;
  endsAt: Date;
  booked: boolean;
}

export interface SlotFilter {
  regionId: string;
  topics?: ConsultationTopic[] | null;
  channel?: ConsultationChannel | null;
  from?: Date | null;
  to?: Date | null;
}

export interface JourneyRow {
  accountId: string;
  regionId: string;
  displayName: string;
  /** As the person signed up with (identity's event); shown only where contact details are. */
  email: string | null;
  stageRank: number;
  facts: string[];
  updatedAt: Date;
  /** For keyset cursors: updated_at as PostgreSQL prints it. */
  updatedKey: string;
}

export interface EntryRow {
  eventId: string;
  at: Date;
  atKey: string;
  module: string;
  kind: string;
  subjectId: string | null;
  title: string | null;
  detail: EntryDetail;
}

export interface ContactRow {
  accountId: string;
  /** Null once the person's account is erased. */
  fullName: string | null;
  email: string | null;
  phone: string | null;
}

/** Everything support holds about one account (its export), as rows. */
export interface PersonalDataRows {
  consultations: Array<ConsultationRow & { slot_organization_id: string | null; slot_starts_at: Date | null; slot_ends_at: Date | null }>;
  person: { display_name: string; email: string | null; registered_at: Date } | null;
  journeys: Array<{ region_id: string; stage_rank: number; facts: string[]; updated_at: Date }>;
  entries: Array<EntryRow & { regionId: string }>;
  services: Array<{ region_id: string; module: string; subject_id: string; organization_id: string; active: boolean; since: Date }>;
  consents: Array<{ organization_id: string; granted: boolean; at: Date }>;
}

const SLOT_COLUMNS = `s.id, s.region_id AS "regionId", s.organization_id AS "organizationId", s.topics, s.channel,
  s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.starts_at::text AS "startsKey",
  EXISTS (SELECT 1 FROM support.consultation c WHERE c.slot_id = s.id AND c.status <> 'CANCELLED') AS booked`;

const JOURNEY_COLUMNS = `j.account_id AS "accountId", j.region_id AS "regionId", COALESCE(p.display_name, '') AS "displayName", p.email,
  j.stage_rank AS "stageRank", j.facts, j.updated_at AS "updatedAt", j.updated_at::text AS "updatedKey"`;

/** Live services of the caller's organizations (`$orgs`) for journey j: a match serves for every organization of the region. */
const SERVES = (orgs: string) => `s.account_id = j.account_id AND s.region_id = j.region_id AND s.active
  AND (s.organization_id = ANY(${orgs}::uuid[]) OR (s.organization_id = '${ANY_ORGANIZATION}' AND cardinality(${orgs}::uuid[]) > 0))
  AND (s.module <> 'support' OR s.since > now() - interval '12 months')`;

/**
 * Whether the person of journey j (`account`) shares their whole journey with one of
 * `orgs` (CONSORTIUM_SHARING, contract 90-privacy): per organization its own answer, else the
 * answer for every organization, else not.
 */
const SHARES = (account: string, orgs: string) => `EXISTS (SELECT 1 FROM unnest(${orgs}::uuid[]) o WHERE COALESCE(
    (SELECT c.granted FROM support.consent c WHERE c.account_id = ${account} AND c.organization_id = o),
    (SELECT c.granted FROM support.consent c WHERE c.account_id = ${account} AND c.organization_id = '${ANY_ORGANIZATION}'),
    false))`;

/** Support's read side: slots, consultations, journeys, each query shaped for its screen. */
@Injectable()
export class SupportReadModel {
  constructor(private readonly db: DataSource) {}

  /** Free future slots, soonest first. */
  async freeSlots(filter: SlotFilter, first: number, after?: string | null): Promise<ConnectionShape<SlotView>> {
    const [afterAt, afterId] = after ? decodeTimeCursor(after) : [null, null];
    const where = `s.region_id = $1 AND s.starts_at > now()
      AND ($2::text[] IS NULL OR s.topics && $2::text[]) AND ($3::text IS NULL OR s.channel = $3)
      AND ($4::timestamptz IS NULL OR s.starts_at >= $4) AND ($5::timestamptz IS NULL OR s.starts_at < $5)
      AND NOT EXISTS (SELECT 1 FROM support.consultation c WHERE c.slot_id = s.id AND c.status <> 'CANCELLED')`;
    const params = [filter.regionId, filter.topics?.length ? filter.topics : null, filter.channel ?? null, filter.from ?? null, filter.to ?? null];
    const rows: Array<SlotView & { startsKey: string }> = await this.db.query(
      `SELECT ${SLOT_COLUMNS} FROM support.consultation_slot s
        WHERE ${where} AND ($6::timestamptz IS NULL OR (s.starts_at, s.id) > ($6::timestamptz, $7::uuid))
        ORDER BY s.starts_at, s.id LIMIT $8`,
      [...params, afterAt, afterId, first + 1],
    );
    return toConnection(rows, first, after, async () => {
      const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM support.consultation_slot s WHERE ${where}`, params);
      return n as number;
    }, (r) => [r.startsKey, r.id]);
  }

  async slotsByIds(ids: readonly string[]): Promise<SlotView[]> {
    const valid = ids.filter(isId);
    if (valid.length === 0) return [];
    return this.db.query(`SELECT ${SLOT_COLUMNS} FROM support.consultation_slot s WHERE s.id = ANY($1::uuid[])`, [valid]);
  }

  async consultation(id: string): Promise<ConsultationRow | null> {
    if (!isId(id)) return null;
    const [row] = await this.db.query(`SELECT * FROM support.consultation WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** The person's consultations, newest first. */
  consultationsOf(accountId: string): Promise<ConsultationRow[]> {
    return this.db.query(`SELECT * FROM support.consultation WHERE account_id = $1 ORDER BY created_at DESC, id DESC`, [accountId]);
  }

  /** Consultations of the region routed to `organizationIds` (null: all, for an ADMIN); open first, then oldest first. */
  async queue(
    regionId: string, organizationIds: string[] | null, statuses: ConsultationStatus[] | null, first: number, after?: string | null,
  ): Promise<ConnectionShape<ConsultationRow>> {
    let cursor: [number, string, string] | [null, null, null] = [null, null, null];
    if (after) {
      const [rank, at, id] = decodeCursor(after, 3);
      if (rank !== 0 && rank !== 1) throw InvalidInputError.field('after', 'is not a cursor from this list');
      // The time and id are checked as any time cursor is.
      const [createdAt, checkedId] = decodeTimeCursor(encodeCursor([at, id]));
      cursor = [rank, createdAt, checkedId];
    }
    const where = `c.region_id = $1 AND ($2::uuid[] IS NULL OR c.routed_to && $2::uuid[]) AND ($3::text[] IS NULL OR c.status = ANY($3::text[]))`;
    const params = [regionId, organizationIds, statuses?.length ? statuses : null];
    const rows: Array<ConsultationRow & { rank: number; created_key: string }> = await this.db.query(
      `SELECT c.*, (CASE WHEN c.status IN ('REQUESTED', 'BOOKED') THEN 0 ELSE 1 END) AS rank, c.created_at::text AS created_key
         FROM support.consultation c
        WHERE ${where}
          AND ($4::int IS NULL OR ((CASE WHEN c.status IN ('REQUESTED', 'BOOKED') THEN 0 ELSE 1 END), c.created_at, c.id) > ($4::int, $5::timestamptz, $6::uuid))
        ORDER BY rank, c.created_at, c.id LIMIT $7`,
      [...params, ...cursor, first + 1],
    );
    return toConnection(rows, first, after, async () => {
      const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM support.consultation c WHERE ${where}`, params);
      return n as number;
    }, (r) => [r.rank, r.created_key, r.id]);
  }

  /**
   * The people among `accountIds` whose contact details staff of `organizationIds` see: a
   * consultation of theirs, not CANCELLED and from the last 12 months, routed to one of them.
   */
  async contactVisibleTo(organizationIds: readonly string[], accountIds: readonly string[]): Promise<Set<string>> {
    if (organizationIds.length === 0 || accountIds.length === 0) return new Set();
    const rows: Array<{ account_id: string }> = await this.db.query(
      `SELECT DISTINCT account_id FROM support.consultation
        WHERE account_id = ANY($1::uuid[]) AND routed_to && $2::uuid[] AND status <> 'CANCELLED'
          AND created_at > now() - interval '12 months'`,
      [accountIds, organizationIds],
    );
    return new Set(rows.map((r) => r.account_id));
  }

  /**
   * What each person last gave support in the region to be reached by: their latest
   * consultation there; for staff (`organizationIds`), the latest one routed to their
   * organizations, not cancelled, of the last 12 months (what the person gave them).
   */
  async contacts(accountIds: readonly string[], regionId: string, organizationIds: readonly string[] | null): Promise<Map<string, ContactRow>> {
    if (accountIds.length === 0) return new Map();
    const rows: ContactRow[] = await this.db.query(
      `SELECT DISTINCT ON (account_id) account_id AS "accountId", full_name AS "fullName", email, phone
         FROM support.consultation
        WHERE account_id = ANY($1::uuid[]) AND region_id = $2
          AND ($3::uuid[] IS NULL OR (routed_to && $3::uuid[] AND status <> 'CANCELLED' AND created_at > now() - interval '12 months'))
        ORDER BY account_id, created_at DESC`,
      [accountIds, regionId, organizationIds],
    );
    return new Map(rows.map((r) => [r.accountId, r]));
  }

  async journey(accountId: string, regionId: string): Promise<JourneyRow | null> {
    if (!isId(accountId) || !isId(regionId)) return null;
    const [row] = await this.db.query(
      `SELECT ${JOURNEY_COLUMNS} FROM support.journey j LEFT JOIN support.journey_person p ON p.account_id = j.account_id
        WHERE j.account_id = $1 AND j.region_id = $2`,
      [accountId, regionId],
    );
    return row ?? null;
  }

  /** The modules through which `organizationIds` serve each person in the region now. */
  async servingModules(regionId: string, organizationIds: readonly string[], accountIds: readonly string[]): Promise<Map<string, string[]>> {
    if (organizationIds.length === 0 || accountIds.length === 0) return new Map();
    const rows: Array<{ account_id: string; modules: string[] }> = await this.db.query(
      `SELECT s.account_id, array_agg(DISTINCT s.module ORDER BY s.module) AS modules
         FROM support.journey_service s
        WHERE s.account_id = ANY($3::uuid[]) AND s.region_id = $1 AND s.active
          AND (s.organization_id = ANY($2::uuid[]) OR s.organization_id = '${ANY_ORGANIZATION}')
          AND (s.module <> 'support' OR s.since > now() - interval '12 months')
        GROUP BY s.account_id`,
      [regionId, organizationIds, accountIds],
    );
    return new Map(rows.map((r) => [r.account_id, r.modules]));
  }

  /**
   * The people among `accountIds` who share their whole journey (CONSORTIUM_SHARING) with at
   * least one of `organizationIds` (the caller's organizations of the journey's region).
   */
  async sharingWith(organizationIds: readonly string[], accountIds: readonly string[]): Promise<Set<string>> {
    if (organizationIds.length === 0 || accountIds.length === 0) return new Set();
    const rows: Array<{ account_id: string }> = await this.db.query(
      `SELECT a AS account_id FROM unnest($2::uuid[]) a WHERE ${SHARES('a', '$1')}`,
      [organizationIds, [...new Set(accountIds)]],
    );
    return new Set(rows.map((r) => r.account_id));
  }

  /**
   * The region's journeys a caller may see (organizationIds null: all, for an ADMIN): those
   * their organizations serve, and those whose person shares them (CONSORTIUM_SHARING); most
   * recently active first.
   */
  async journeys(
    regionId: string, organizationIds: string[] | null, stageRanks: number[] | null, first: number, after?: string | null,
  ): Promise<ConnectionShape<JourneyRow>> {
    const [afterAt, afterId] = after ? decodeTimeCursor(after) : [null, null];
    const where = `j.region_id = $1 AND ($3::int[] IS NULL OR j.stage_rank = ANY($3::int[]))
      AND ($2::uuid[] IS NULL OR EXISTS (SELECT 1 FROM support.journey_service s WHERE ${SERVES('$2')}) OR ${SHARES('j.account_id', '$2')})`;
    const params = [regionId, organizationIds, stageRanks];
    const rows: JourneyRow[] = await this.db.query(
      `SELECT ${JOURNEY_COLUMNS} FROM support.journey j LEFT JOIN support.journey_person p ON p.account_id = j.account_id
        WHERE ${where} AND ($4::timestamptz IS NULL OR (j.updated_at, j.account_id) < ($4::timestamptz, $5::uuid))
        ORDER BY j.updated_at DESC, j.account_id DESC LIMIT $6`,
      [...params, afterAt, afterId, first + 1],
    );
    return toConnection(rows, first, after, async () => {
      const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM support.journey j WHERE ${where}`, params);
      return n as number;
    }, (r) => [r.updatedKey, r.accountId]);
  }

  /** Everything support holds about the account: the rows of its tables and read models keyed by it. */
  async personalData(accountId: string): Promise<PersonalDataRows> {
    if (!isId(accountId)) return { consultations: [], person: null, journeys: [], entries: [], services: [], consents: [] };
    const q = (sql: string) => this.db.query(sql, [accountId]);
    const [consultations, [person], journeys, entries, services, consents] = await Promise.all([
      q(`SELECT c.*, s.organization_id AS slot_organization_id, s.starts_at AS slot_starts_at, s.ends_at AS slot_ends_at
           FROM support.consultation c LEFT JOIN support.consultation_slot s ON s.id = c.slot_id
          WHERE c.account_id = $1 ORDER BY c.created_at, c.id`),
      q(`SELECT display_name, email, registered_at FROM support.journey_person WHERE account_id = $1`),
      q(`SELECT region_id, stage_rank, facts, updated_at FROM support.journey WHERE account_id = $1 ORDER BY region_id`),
      q(`SELECT e.region_id AS "regionId", e.event_id AS "eventId", e.at, e.at::text AS "atKey", e.module, e.kind,
                e.subject_id AS "subjectId", t.title, e.detail
           FROM support.journey_entry e
           LEFT JOIN support.journey_title t ON t.ref_kind = e.ref_kind AND t.ref_id = e.ref_id
          WHERE e.account_id = $1 ORDER BY e.region_id, e.at, e.event_id`),
      q(`SELECT region_id, module, subject_id, organization_id, active, since FROM support.journey_service
          WHERE account_id = $1 ORDER BY region_id, since, module, subject_id, organization_id`),
      q(`SELECT organization_id, granted, at FROM support.consent WHERE account_id = $1 ORDER BY at, organization_id`),
    ]);
    return { consultations, person: person ?? null, journeys, entries, services, consents };
  }

  /**
   * The entries of several journeys (each of its `modules`, null: all), newest first, one page
   * of `first` after `after` each: one statement for all of them (a page of journeys with their
   * entries is not one query per journey). Each count runs when asked, all together as well.
   */
  async entriesOfMany(
    journeys: ReadonlyArray<{ accountId: string; regionId: string; modules: string[] | null }>,
    first: number,
    after: string | null | undefined,
    count: (journey: { accountId: string; regionId: string; modules: string[] | null }) => Promise<number>,
  ): Promise<Array<ConnectionShape<EntryRow>>> {
    const [afterAt, afterId] = after ? decodeTimeCursor(after) : [null, null];
    const rows: Array<EntryRow & { n: string }> = await this.db.query(
      `SELECT j.n::text AS n, x.*
         FROM unnest($1::uuid[], $2::uuid[], $3::text[]) WITH ORDINALITY AS j(account_id, region_id, modules, n)
         CROSS JOIN LATERAL (
           SELECT e.event_id AS "eventId", e.at, e.at::text AS "atKey", e.module, e.kind, e.subject_id AS "subjectId", t.title, e.detail
             FROM support.journey_entry e
             LEFT JOIN support.journey_title t ON t.ref_kind = e.ref_kind AND t.ref_id = e.ref_id
            WHERE e.account_id = j.account_id AND e.region_id = j.region_id
              AND (j.modules IS NULL OR e.module = ANY(ARRAY(SELECT jsonb_array_elements_text(j.modules::jsonb))))
              AND ($4::timestamptz IS NULL OR (e.at, e.event_id) < ($4::timestamptz, $5::uuid))
            ORDER BY e.at DESC, e.event_id DESC LIMIT $6) x`,
      [journeys.map((j) => j.accountId), journeys.map((j) => j.regionId), journeys.map((j) => (j.modules ? JSON.stringify(j.modules) : null)),
        afterAt, afterId, first + 1],
    );
    const byJourney = journeys.map(() => [] as EntryRow[]);
    for (const { n, ...row } of rows) byJourney[Number(n) - 1].push(row);
    return journeys.map((j, i) => toConnection(byJourney[i], first, after, () => count(j), (r) => [r.atKey, r.eventId]));
  }

  /** How many entries each journey has (of its `modules`), in the order asked: one statement. */
  async entryCounts(journeys: ReadonlyArray<{ accountId: string; regionId: string; modules: string[] | null }>): Promise<number[]> {
    const rows: Array<{ n: string; count: number }> = await this.db.query(
      `SELECT j.n::text AS n,
              (SELECT count(*)::int FROM support.journey_entry e
                WHERE e.account_id = j.account_id AND e.region_id = j.region_id
                  AND (j.modules IS NULL OR e.module = ANY(ARRAY(SELECT jsonb_array_elements_text(j.modules::jsonb))))) AS count
         FROM unnest($1::uuid[], $2::uuid[], $3::text[]) WITH ORDINALITY AS j(account_id, region_id, modules, n)`,
      [journeys.map((j) => j.accountId), journeys.map((j) => j.regionId), journeys.map((j) => (j.modules ? JSON.stringify(j.modules) : null))],
    );
    const counts = journeys.map(() => 0);
    for (const r of rows) counts[Number(r.n) - 1] = r.count;
    return counts;
  }

}
