import { Injectable } from '@nestjs/common';
import { daysBetween, isCalendarDay, type CalendarDay, type DayRange } from '#libs/ddd/calendar-day.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { isId } from '#libs/ddd/ids.js';
import { decodeCursor, decodeTimeCursor } from '#libs/graphql/connection.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { textSearchPredicates } from '#libs/search/text-search.js';
import { BOOKABLE_KINDS, type ListingKind } from '#libs/contracts/housing/enums.js';
import type { ListingVisibility } from '../application/housing.policy.js';
import { MAX_RANGE_DAYS } from '../domain/listing.aggregate.js';
import { effectiveStayStatus } from '../domain/stay.aggregate.js';
import type { BlockView, ListingCriteria, ListingView, StayView, ViewingView } from '../application/queries/housing.views.js';
export type { BlockView, ListingCriteria, ListingView, StayView, ViewingView };
import { LISTING_COLUMNS, STAY_COLUMNS, VIEWING_COLUMNS, type ListingRow, type StayRow, type ViewingRow } from './housing.repository.js';

export const listingView = (r: ListingRow): ListingView => ({
  id: r.id, organizationId: r.organization_id, regionId: r.region_id, kind: r.kind, status: r.status, title: r.title,
  description: r.description, district: r.district, streetAddress: r.address, layout: r.layout, floorAreaSqm: r.floor_area_sqm,
  salePriceYen: r.sale_price_yen, monthlyRentYen: r.monthly_rent_yen, nightlyRateYen: r.nightly_rate_yen, capacity: r.capacity,
  minNights: r.min_nights, maxNights: r.max_nights, petsAllowed: r.pets_allowed, access: r.access, photoUrls: r.photo_urls,
  createdAt: r.created_at, updatedAt: r.updated_at,
});

export const stayView = (r: StayRow, today: CalendarDay): StayView => ({
  id: r.id, listingId: r.listing_id, organizationId: r.organization_id, regionId: r.region_id,
  guest: { accountId: r.guest_account_id, displayName: r.guest_display_name, email: r.guest_email, fullName: r.guest_full_name, phone: r.guest_phone },
  checkIn: r.check_in, checkOut: r.check_out, nights: daysBetween(r.check_in, r.check_out), partySize: r.party_size, purpose: r.purpose,
  priceYen: r.price_yen, status: effectiveStayStatus(r.status, r.check_in, today), createdAt: r.created_at, updatedAt: r.updated_at,
});

export const viewingView = (r: ViewingRow): ViewingView => ({
  id: r.id, listingId: r.listing_id, organizationId: r.organization_id, regionId: r.region_id,
  requester: {
    accountId: r.requester_account_id, displayName: r.requester_display_name, email: r.requester_email,
    fullName: r.requester_full_name, phone: r.requester_phone,
  },
  preferredDates: r.preferred_dates, message: r.message, status: r.status, scheduledAt: r.scheduled_at, createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** A listing's public facts, beside a person's own stay or viewing in their export. */
export interface ListingFactsView {
  title: string;
  kind: ListingKind;
  district: string;
}
interface ListingFactsRow {
  l_title: string;
  l_kind: ListingKind;
  l_district: string;
}

/** A column list of the repository's (`a, b::text[] AS b`) with every column taken from `alias`. */
const qualified = (columns: string, alias: string) => columns.split(',').map((c) => `${alias}.${c.trim()}`).join(', ');

/** Checks an optional free period of a search: both ends or neither, start < end, at most 366 days. */
function period(criteria: ListingCriteria): DayRange | null {
  const { availableFrom: from, availableTo: to } = criteria;
  if (from == null && to == null) return null;
  if (from == null) throw InvalidInputError.field('availableFrom', 'is needed with availableTo');
  if (to == null) throw InvalidInputError.field('availableTo', 'is needed with availableFrom');
  if (to <= from) throw InvalidInputError.field('availableTo', 'must be after availableFrom');
  if (daysBetween(from, to) > MAX_RANGE_DAYS) throw InvalidInputError.field('availableTo', `at most ${MAX_RANGE_DAYS} days after availableFrom`);
  return { start: from, end: to };
}

type Sql = { text: string; values: unknown[] };

/**
 * The SQL of a listing search: newest first by (listed_at, id), keyset after the cursor; the
 * count ignores the cursor. Text: libs/search's bigram predicates. A free period: no hold of
 * the listing overlaps it (the GiST index of night_hold answers per listing).
 */
export function buildListingSearch(criteria: ListingCriteria, visibility: ListingVisibility, first: number, after?: string | null): {
  page: Sql; count: Sql; empty: boolean;
} {
  const where: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  let empty = false;
  if (criteria.statuses?.length) where.push(`l.status = ANY(${param(criteria.statuses)}::text[])`);
  if (!visibility.all) {
    if (visibility.organizations.length === 0) where.push(`l.status = 'PUBLISHED'`);
    else where.push(`(l.status = 'PUBLISHED' OR l.organization_id = ANY(${param(visibility.organizations)}::uuid[]))`);
  }
  if (criteria.regionId != null) {
    if (isId(criteria.regionId)) where.push(`l.region_id = ${param(criteria.regionId)}`);
    else empty = true;
  }
  if (criteria.kinds?.length) where.push(criteria.kinds.length === 1 ? `l.kind = ${param(criteria.kinds[0])}` : `l.kind = ANY(${param(criteria.kinds)}::text[])`);
  if (criteria.maxMonthlyRentYen != null) where.push(`l.monthly_rent_yen <= ${param(criteria.maxMonthlyRentYen)}`);
  if (criteria.maxNightlyRateYen != null) where.push(`l.nightly_rate_yen <= ${param(criteria.maxNightlyRateYen)}`);
  if (criteria.minCapacity != null) where.push(`l.capacity >= ${param(criteria.minCapacity)}`);
  if (criteria.petsAllowed != null) where.push(`l.pets_allowed = ${param(criteria.petsAllowed)}`);
  const free = period(criteria);
  if (free) {
    where.push(`l.kind = ANY(${param(BOOKABLE_KINDS)}::text[])`);
    where.push(`NOT EXISTS (SELECT 1 FROM housing.night_hold h WHERE h.listing_id = l.id
      AND h.nights && daterange(${param(free.start)}::date, ${param(free.end)}::date))`);
  }
  where.push(...textSearchPredicates('housing', 'l', criteria.text, param));
  const filters = where.length > 0 ? where.join(' AND ') : 'TRUE';
  const count = { text: `SELECT count(*)::int AS total FROM housing.listing l WHERE ${filters}`, values: [...values] };
  const pageWhere = [filters];
  if (after) {
    const [key, id] = decodeTimeCursor(after);
    pageWhere.push(`(l.listed_at, l.id) < (${param(key)}::timestamptz, ${param(id)}::uuid)`);
  }
  const page = {
    text: `SELECT ${LISTING_COLUMNS.map((c) => `l.${c}`).join(', ')}, l.listed_at::text AS listed_key FROM housing.listing l
            WHERE ${pageWhere.join(' AND ')} ORDER BY l.listed_at DESC, l.id DESC LIMIT ${param(first + 1)}`,
    values,
  };
  return { page, count, empty };
}

/** Decodes a stay-calendar cursor: [check-in day, stay id]. */
function decodeDayCursor(after: string): [string, string] {
  const [day, id] = decodeCursor(after, 2);
  if (!isCalendarDay(day) || !isId(id)) throw InvalidInputError.field('after', 'is not a cursor from this list');
  return [day, id];
}

/** Housing's read side: typed rows, plain SQL, never a write. */
@Injectable()
export class HousingReadModel {
  constructor(private readonly uow: UnitOfWork) {}

  private get db() {
    return this.uow;
  }

  async searchListings(criteria: ListingCriteria, visibility: ListingVisibility, first: number, after?: string | null) {
    const sql = buildListingSearch(criteria, visibility, first, after);
    if (sql.empty) return { rows: [] as Array<ListingView & { listedKey: string }>, total: async () => 0 };
    const rows: Array<ListingRow & { listed_key: string }> = await this.db.query(sql.page.text, sql.page.values);
    return {
      rows: rows.map((r) => ({ ...listingView(r), listedKey: r.listed_key })),
      total: async () => ((await this.db.query(sql.count.text, sql.count.values)) as Array<{ total: number }>)[0].total,
    };
  }

  async listingsByIds(ids: readonly string[]): Promise<ListingView[]> {
    const valid = ids.filter(isId);
    if (valid.length === 0) return [];
    const rows: ListingRow[] = await this.db.query(`SELECT ${LISTING_COLUMNS.join(', ')} FROM housing.listing WHERE id = ANY($1::uuid[])`, [valid]);
    return rows.map(listingView);
  }

  /**
   * The free nights of [from, to) as maximal ranges, ascending: the range minus the union of
   * the listing's holds (CONFIRMED and CHECKED_IN stays, blocks), in one statement.
   */
  /**
   * The free nights in [from, to) of each listing, in one statement: the range as a
   * multirange minus the listing's holds. A listing with no free night has no entry.
   */
  async availability(listingIds: readonly string[], from: CalendarDay, to: CalendarDay): Promise<Map<string, DayRange[]>> {
    const free = new Map<string, DayRange[]>();
    if (listingIds.length === 0) return free;
    const rows: Array<{ listing_id: string; start: string; end: string }> = await this.db.query(
      `SELECT l.id AS listing_id, lower(r)::text AS start, upper(r)::text AS "end"
         FROM unnest($1::uuid[]) AS l(id)
        CROSS JOIN LATERAL unnest(datemultirange(daterange($2::date, $3::date)) - coalesce(
                (SELECT range_agg(h.nights) FROM housing.night_hold h WHERE h.listing_id = l.id AND h.nights && daterange($2::date, $3::date)),
                '{}'::datemultirange)) AS r
        ORDER BY 1, 2`,
      [listingIds.filter(isId), from, to],
    );
    for (const r of rows) {
      const ranges = free.get(r.listing_id) ?? [];
      ranges.push({ start: r.start, end: r.end });
      free.set(r.listing_id, ranges);
    }
    return free;
  }

  /** Of `listingIds`, those where the account has a CONFIRMED or CHECKED_IN stay or a SCHEDULED viewing. */
  async addressHolders(accountId: string, listingIds: readonly string[]): Promise<Set<string>> {
    const rows: Array<{ listing_id: string }> = await this.db.query(
      `SELECT listing_id FROM housing.stay
        WHERE guest_account_id = $1 AND listing_id = ANY($2::uuid[]) AND status IN ('CONFIRMED', 'CHECKED_IN')
       UNION
       SELECT listing_id FROM housing.viewing_request
        WHERE requester_account_id = $1 AND listing_id = ANY($2::uuid[]) AND status = 'SCHEDULED'`,
      [accountId, listingIds.filter(isId)],
    );
    return new Set(rows.map((r) => r.listing_id));
  }

  /** Whether the account has any stay or viewing request at the listing (a guest always sees it). */
  async isGuestOf(accountId: string, listingId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM housing.stay WHERE guest_account_id = $1 AND listing_id = $2
       UNION ALL SELECT 1 FROM housing.viewing_request WHERE requester_account_id = $1 AND listing_id = $2 LIMIT 1`,
      [accountId, listingId],
    );
    return rows.length > 0;
  }

  async stay(id: string, today: CalendarDay): Promise<StayView | null> {
    if (!isId(id)) return null;
    const rows: StayRow[] = await this.db.query(`SELECT ${STAY_COLUMNS} FROM housing.stay WHERE id = $1`, [id]);
    return rows[0] ? stayView(rows[0], today) : null;
  }

  /** The guest's stays, soonest check-in first. */
  async staysOfGuest(accountId: string, today: CalendarDay): Promise<StayView[]> {
    const rows: StayRow[] = await this.db.query(
      `SELECT ${STAY_COLUMNS} FROM housing.stay WHERE guest_account_id = $1 ORDER BY check_in, id LIMIT 500`,
      [accountId],
    );
    return rows.map((r) => stayView(r, today));
  }

  /** A listing's stays by check-in, keyset after (check_in, id). */
  async staysOfListing(listingId: string, first: number, after: string | null | undefined, today: CalendarDay) {
    const values: unknown[] = [listingId];
    let keyset = '';
    if (after) {
      const [day, id] = decodeDayCursor(after);
      values.push(day, id);
      keyset = `AND (check_in, id) > ($2::date, $3::uuid)`;
    }
    values.push(first + 1);
    const rows: StayRow[] = await this.db.query(
      `SELECT ${STAY_COLUMNS} FROM housing.stay WHERE listing_id = $1 ${keyset} ORDER BY check_in, id LIMIT $${values.length}`,
      values,
    );
    return {
      rows: rows.map((r) => stayView(r, today)),
      total: async () =>
        ((await this.db.query(`SELECT count(*)::int AS total FROM housing.stay WHERE listing_id = $1`, [listingId])) as Array<{ total: number }>)[0].total,
    };
  }

  async viewing(id: string): Promise<ViewingView | null> {
    if (!isId(id)) return null;
    const rows: ViewingRow[] = await this.db.query(`SELECT ${VIEWING_COLUMNS} FROM housing.viewing_request WHERE id = $1`, [id]);
    return rows[0] ? viewingView(rows[0]) : null;
  }

  /** The requester's viewing requests, newest first. */
  async viewingsOfRequester(accountId: string): Promise<ViewingView[]> {
    const rows: ViewingRow[] = await this.db.query(
      `SELECT ${VIEWING_COLUMNS} FROM housing.viewing_request WHERE requester_account_id = $1 ORDER BY created_at DESC, id DESC LIMIT 500`,
      [accountId],
    );
    return rows.map(viewingView);
  }

  /** A listing's viewing requests, newest first, keyset after (created_at, id). */
  async viewingsOfListing(listingId: string, first: number, after: string | null | undefined) {
    const values: unknown[] = [listingId];
    let keyset = '';
    if (after) {
      const [key, id] = decodeTimeCursor(after);
      values.push(key, id);
      keyset = `AND (created_at, id) < ($2::timestamptz, $3::uuid)`;
    }
    values.push(first + 1);
    const rows: Array<ViewingRow & { created_key: string }> = await this.db.query(
      `SELECT ${VIEWING_COLUMNS}, created_at::text AS created_key FROM housing.viewing_request
        WHERE listing_id = $1 ${keyset} ORDER BY created_at DESC, id DESC LIMIT $${values.length}`,
      values,
    );
    return {
      rows: rows.map((r) => ({ ...viewingView(r), createdKey: r.created_key })),
      total: async () =>
        ((await this.db.query(`SELECT count(*)::int AS total FROM housing.viewing_request WHERE listing_id = $1`, [listingId])) as Array<{ total: number }>)[0].total,
    };
  }

  /**
   * Everything housing holds about an account (its export, contract 90-privacy): its stays,
   * soonest check-in first, and its viewing requests, oldest first, each with its listing's
   * public facts. Ids, not other people's data.
   */
  async personalDataOf(accountId: string, today: CalendarDay): Promise<{
    stays: Array<StayView & { listing: ListingFactsView }>;
    viewingRequests: Array<ViewingView & { listing: ListingFactsView }>;
  }> {
    if (!isId(accountId)) return { stays: [], viewingRequests: [] };
    const listingColumns = `l.title AS l_title, l.kind AS l_kind, l.district AS l_district`;
    const stays: Array<StayRow & ListingFactsRow> = await this.db.query(
      `SELECT ${qualified(STAY_COLUMNS, 's')}, ${listingColumns}
         FROM housing.stay s JOIN housing.listing l ON l.id = s.listing_id
        WHERE s.guest_account_id = $1 ORDER BY s.check_in, s.id`,
      [accountId],
    );
    const viewings: Array<ViewingRow & ListingFactsRow> = await this.db.query(
      `SELECT ${qualified(VIEWING_COLUMNS, 'v')}, ${listingColumns}
         FROM housing.viewing_request v JOIN housing.listing l ON l.id = v.listing_id
        WHERE v.requester_account_id = $1 ORDER BY v.created_at, v.id`,
      [accountId],
    );
    const listing = (r: ListingFactsRow): ListingFactsView => ({ title: r.l_title, kind: r.l_kind, district: r.l_district });
    return {
      stays: stays.map((r) => ({ ...stayView(r, today), listing: listing(r) })),
      viewingRequests: viewings.map((r) => ({ ...viewingView(r), listing: listing(r) })),
    };
  }

  /** A listing's blocks, by first night. */
  async blocksOfListing(listingId: string): Promise<BlockView[]> {
    const rows: Array<{ id: string; start: string; end: string; note: string | null }> = await this.db.query(
      `SELECT id, lower(nights)::text AS start, upper(nights)::text AS "end", note FROM housing.night_hold
        WHERE listing_id = $1 AND stay_id IS NULL ORDER BY lower(nights), id`,
      [listingId],
    );
    return rows.map((r) => ({ id: r.id, nights: { start: r.start, end: r.end }, note: r.note }));
  }
}
