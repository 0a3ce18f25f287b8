import { Injectable } from '@nestjs/common';
import type { CalendarDay } from '#libs/ddd/calendar-day.js';
import { isId } from '#libs/ddd/ids.js';
import { AggregateStore } from '#libs/messaging/aggregate-store.js';
import { ErasedAccounts } from '#libs/messaging/erased-accounts.js';
import { UnitOfWork, pgErrorCode } from '#libs/messaging/unit-of-work.js';
import type { ListingKind, ListingStatus, StayStatus, ViewingStatus } from '#libs/contracts/housing/enums.js';
import { DatesTaken, GuestDoubleBooked, ListingNotEditable } from '../domain/housing.errors.js';
import { Listing } from '../domain/listing.aggregate.js';
import { Stay } from '../domain/stay.aggregate.js';
import { ViewingRequest } from '../domain/viewing-request.aggregate.js';

const SOURCE = 'housing';

export interface ListingRow {
  id: string;
  organization_id: string;
  region_id: string;
  kind: ListingKind;
  status: ListingStatus;
  title: string;
  description: string;
  district: string;
  address: string;
  layout: string | null;
  floor_area_sqm: number | null;
  sale_price_yen: number | null;
  monthly_rent_yen: number | null;
  nightly_rate_yen: number | null;
  capacity: number;
  min_nights: number | null;
  max_nights: number | null;
  pets_allowed: boolean;
  access: string | null;
  photo_urls: string[];
  published_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export interface StayRow {
  id: string;
  listing_id: string;
  region_id: string;
  organization_id: string;
  listing_kind: ListingKind;
  guest_account_id: string;
  guest_display_name: string;
  guest_email: string;
  guest_full_name: string;
  guest_phone: string;
  check_in: string;
  check_out: string;
  party_size: number;
  purpose: string | null;
  price_yen: number;
  status: StayStatus;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export interface ViewingRow {
  id: string;
  listing_id: string;
  region_id: string;
  organization_id: string;
  listing_kind: ListingKind;
  requester_account_id: string;
  requester_display_name: string;
  requester_email: string;
  requester_full_name: string;
  requester_phone: string;
  preferred_dates: string[];
  message: string | null;
  status: ViewingStatus;
  scheduled_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

/** The columns a listing row is read with (not the search columns, a row's widest part). */
export const LISTING_COLUMNS = [
  'id', 'organization_id', 'region_id', 'kind', 'status', 'title', 'description', 'district', 'address', 'layout', 'floor_area_sqm',
  'sale_price_yen', 'monthly_rent_yen', 'nightly_rate_yen', 'capacity', 'min_nights', 'max_nights', 'pets_allowed', 'access',
  'photo_urls', 'published_at', 'created_at', 'updated_at', 'version',
];
export const VIEWING_COLUMNS = `id, listing_id, region_id, organization_id, listing_kind, requester_account_id, requester_display_name,
  requester_email, requester_full_name, requester_phone, preferred_dates::text[] AS preferred_dates, message, status, scheduled_at,
  created_at, updated_at, version`;
export const STAY_COLUMNS = `id, listing_id, region_id, organization_id, listing_kind, guest_account_id, guest_display_name, guest_email,
  guest_full_name, guest_phone, check_in, check_out, party_size, purpose, price_yen, status, created_at, updated_at, version`;

const toListing = (r: ListingRow) =>
  Listing.restore({
    id: r.id, organizationId: r.organization_id, regionId: r.region_id, kind: r.kind, status: r.status, title: r.title,
    description: r.description, district: r.district, address: r.address, layout: r.layout, floorAreaSqm: r.floor_area_sqm,
    salePriceYen: r.sale_price_yen, monthlyRentYen: r.monthly_rent_yen, nightlyRateYen: r.nightly_rate_yen, capacity: r.capacity,
    minNights: r.min_nights, maxNights: r.max_nights, petsAllowed: r.pets_allowed, access: r.access, photoUrls: r.photo_urls,
    publishedAt: r.published_at, createdAt: r.created_at, updatedAt: r.updated_at, version: r.version,
  });

const toStay = (r: StayRow) =>
  Stay.restore({
    id: r.id, listingId: r.listing_id, organizationId: r.organization_id, regionId: r.region_id, listingKind: r.listing_kind,
    guest: { accountId: r.guest_account_id, displayName: r.guest_display_name, email: r.guest_email, fullName: r.guest_full_name, phone: r.guest_phone },
    checkIn: r.check_in, checkOut: r.check_out, partySize: r.party_size, purpose: r.purpose, priceYen: r.price_yen, status: r.status,
    createdAt: r.created_at, updatedAt: r.updated_at, version: r.version,
  });

const toViewing = (r: ViewingRow) =>
  ViewingRequest.restore({
    id: r.id, listingId: r.listing_id, organizationId: r.organization_id, regionId: r.region_id, listingKind: r.listing_kind,
    requester: {
      accountId: r.requester_account_id, displayName: r.requester_display_name, email: r.requester_email,
      fullName: r.requester_full_name, phone: r.requester_phone,
    },
    preferredDates: r.preferred_dates, message: r.message, status: r.status, scheduledAt: r.scheduled_at, createdAt: r.created_at,
    updatedAt: r.updated_at, version: r.version,
  });

/**
 * The refusals of the housing migration's constraints (exclusion 23P01; the trigger's
 * check_violation 23514), as the contract names them. Any other is not ours to explain.
 */
export function nightsRefusal(error: unknown): Error | null {
  const code = pgErrorCode(error);
  if (code !== '23P01' && code !== '23514') return null;
  const driver = (error as { driverError?: { constraint?: string }; constraint?: string });
  const constraint = driver.driverError?.constraint ?? driver.constraint;
  if (code === '23P01' && constraint === 'night_hold_one_per_night') return new DatesTaken();
  if (code === '23P01' && constraint === 'stay_guest_one_active_stay') return new GuestDoubleBooked();
  if (code === '23514' && constraint === 'stay_listing_not_archived') return new ListingNotEditable();
  return null;
}

async function refusingTakenNights(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    throw nightsRefusal(error) ?? error;
  }
}

/** The housing aggregates (schema `housing`); saving writes their events to the outbox. */
@Injectable()
export class HousingRepository {
  private readonly store: AggregateStore;

  /** The person's lock and the erased accounts of schema `housing` (contract 90-privacy). */
  private readonly erased: ErasedAccounts;

  constructor(private readonly uow: UnitOfWork) {
    this.erased = new ErasedAccounts(uow, 'housing');
    this.store = new AggregateStore(uow, SOURCE);
  }

  private get db() {
    return this.uow.manager;
  }

  async findListing(id: string): Promise<Listing | null> {
    if (!isId(id)) return null;
    const rows: ListingRow[] = await this.db.query(`SELECT ${LISTING_COLUMNS.join(', ')} FROM housing.listing WHERE id = $1`, [id]);
    return rows.length === 0 ? null : toListing(rows[0]);
  }

  /** The listing a block belongs to, if the block exists. */
  async listingOfBlock(blockId: string): Promise<string | null> {
    if (!isId(blockId)) return null;
    const rows: Array<{ listing_id: string }> = await this.db.query(
      'SELECT listing_id FROM housing.night_hold WHERE id = $1 AND stay_id IS NULL',
      [blockId],
    );
    return rows[0]?.listing_id ?? null;
  }

  /** Saves the listing with the blocks added or removed; a block on held nights is DATES_TAKEN. */
  async saveListing(listing: Listing): Promise<void> {
    const s = listing.data;
    const blocks = listing.blockChanges;
    await refusingTakenNights(() =>
      this.store.save(listing, {
        table: 'housing.listing',
        what: 'The listing',
        columns: {
          status: s.status, title: s.title, description: s.description, district: s.district, address: s.address, layout: s.layout,
          floor_area_sqm: s.floorAreaSqm, sale_price_yen: s.salePriceYen, monthly_rent_yen: s.monthlyRentYen,
          nightly_rate_yen: s.nightlyRateYen, capacity: s.capacity, min_nights: s.minNights, max_nights: s.maxNights,
          pets_allowed: s.petsAllowed, access: s.access, photo_urls: s.photoUrls, published_at: s.publishedAt, updated_at: s.updatedAt,
        },
        insertOnly: { organization_id: s.organizationId, region_id: s.regionId, kind: s.kind, created_at: s.createdAt },
        alsoWrite: async () => {
          for (const id of blocks.removed) {
            await this.db.query('DELETE FROM housing.night_hold WHERE id = $1 AND listing_id = $2 AND stay_id IS NULL', [id, s.id]);
          }
          for (const b of blocks.added) {
            await this.db.query(
              `INSERT INTO housing.night_hold (id, listing_id, nights, note, created_at) VALUES ($1, $2, daterange($3::date, $4::date), $5, $6)`,
              [b.id, s.id, b.nights.start, b.nights.end, b.note, s.updatedAt],
            );
          }
        },
      }),
    );
  }

  /**
   * Locks the listing's row until the transaction ends: archiving takes it before looking for
   * stays ahead, so a confirmation (whose trigger takes it FOR SHARE) is either seen or refused.
   */
  async lockListing(id: string): Promise<void> {
    await this.db.query('SELECT 1 FROM housing.listing WHERE id = $1 FOR UPDATE', [id]);
  }

  /** Whether a CONFIRMED or CHECKED_IN stay of the listing has nights from `today` on. */
  async hasStaysAhead(listingId: string, today: CalendarDay): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM housing.stay WHERE listing_id = $1 AND status IN ('CONFIRMED', 'CHECKED_IN') AND check_out > $2::date LIMIT 1`,
      [listingId, today],
    );
    return rows.length > 0;
  }

  /** Whether any of the nights [from, to) is held (a CONFIRMED or CHECKED_IN stay, or a block). */
  async nightsTaken(listingId: string, from: CalendarDay, to: CalendarDay): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM housing.night_hold WHERE listing_id = $1 AND nights && daterange($2::date, $3::date) LIMIT 1`,
      [listingId, from, to],
    );
    return rows.length > 0;
  }

  async findStay(id: string): Promise<Stay | null> {
    if (!isId(id)) return null;
    const rows: StayRow[] = await this.db.query(`SELECT ${STAY_COLUMNS} FROM housing.stay WHERE id = $1`, [id]);
    return rows.length === 0 ? null : toStay(rows[0]);
  }

  /**
   * Saves a stay. The database holds its nights when it is CONFIRMED or CHECKED_IN (the
   * trigger of the migration) and refuses a night held twice or a guest's second active stay
   * for a night: DATES_TAKEN or GUEST_DOUBLE_BOOKED.
   */
  async saveStay(stay: Stay): Promise<void> {
    const s = stay.data;
    await refusingTakenNights(() =>
      this.store.save(stay, {
        table: 'housing.stay',
        what: 'The stay',
        // The register and the purpose change only on erasure; written with every change all the same.
        columns: {
          status: s.status, updated_at: s.updatedAt, guest_display_name: s.guest.displayName, guest_email: s.guest.email,
          guest_full_name: s.guest.fullName, guest_phone: s.guest.phone, purpose: s.purpose,
        },
        insertOnly: {
          listing_id: s.listingId, region_id: s.regionId, organization_id: s.organizationId, listing_kind: s.listingKind,
          guest_account_id: s.guest.accountId, check_in: s.checkIn, check_out: s.checkOut, party_size: s.partySize,
          price_yen: s.priceYen, created_at: s.createdAt,
        },
      }),
    );
  }

  /** Takes the person's lock and refuses an erased account (ErasedAccounts). */
  refuseErased(accountId: string): Promise<void> {
    return this.erased.refuseErased(accountId);
  }

  /** Notes the erasure (once; the first time is kept). */
  markErased(accountId: string, at: Date): Promise<void> {
    return this.erased.markErased(accountId, at);
  }

  /**
   * An erased account's stays and viewing requests that still hold something: open, or with
   * a register or text not yet emptied (none, on a redelivery of the erasure).
   */
  async erasureTargetsOf(accountId: string, erasedName: string): Promise<Array<{ kind: 'STAY' | 'VIEWING'; id: string }>> {
    if (!isId(accountId)) return [];
    return this.db.query(
      `SELECT 'STAY' AS kind, id FROM housing.stay
        WHERE guest_account_id = $1
          AND (status IN ('REQUESTED', 'CONFIRMED') OR guest_display_name <> $2 OR guest_email <> '' OR guest_full_name <> ''
               OR guest_phone <> '' OR purpose IS NOT NULL)
       UNION ALL
       SELECT 'VIEWING', id FROM housing.viewing_request
        WHERE requester_account_id = $1
          AND (status IN ('REQUESTED', 'SCHEDULED') OR requester_display_name <> $2 OR requester_email <> ''
               OR requester_full_name <> '' OR requester_phone <> '' OR message IS NOT NULL)
       ORDER BY 1, 2`,
      [accountId, erasedName],
    );
  }

  /** A listing's REQUESTED stays and REQUESTED or SCHEDULED viewings (released when it is archived). */
  async openRequestsOf(listingId: string): Promise<Array<{ kind: 'STAY' | 'VIEWING'; id: string }>> {
    return this.db.query(
      `SELECT 'STAY' AS kind, id FROM housing.stay WHERE listing_id = $1 AND status = 'REQUESTED'
       UNION ALL
       SELECT 'VIEWING', id FROM housing.viewing_request WHERE listing_id = $1 AND status IN ('REQUESTED', 'SCHEDULED')`,
      [listingId],
    );
  }

  /** REQUESTED stays whose check-in day has begun (of one guest, or of anyone), oldest first. */
  async lapsedStayIds(today: CalendarDay, limit: number, guestAccountId?: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM housing.stay WHERE status = 'REQUESTED' AND check_in <= $1::date
          AND ($2::uuid IS NULL OR guest_account_id = $2::uuid)
        ORDER BY check_in, id LIMIT $3`,
      [today, guestAccountId ?? null, limit],
    );
    return rows.map((r) => r.id);
  }

  async findViewing(id: string): Promise<ViewingRequest | null> {
    if (!isId(id)) return null;
    const rows: ViewingRow[] = await this.db.query(`SELECT ${VIEWING_COLUMNS} FROM housing.viewing_request WHERE id = $1`, [id]);
    return rows.length === 0 ? null : toViewing(rows[0]);
  }

  async saveViewing(viewing: ViewingRequest): Promise<void> {
    const s = viewing.data;
    await this.store.save(viewing, {
      table: 'housing.viewing_request',
      what: 'The viewing request',
      // The register and the message change only on erasure; written with every change all the same.
      columns: {
        status: s.status, scheduled_at: s.scheduledAt, updated_at: s.updatedAt, requester_display_name: s.requester.displayName,
        requester_email: s.requester.email, requester_full_name: s.requester.fullName, requester_phone: s.requester.phone,
        message: s.message,
      },
      insertOnly: {
        listing_id: s.listingId, region_id: s.regionId, organization_id: s.organizationId, listing_kind: s.listingKind,
        requester_account_id: s.requester.accountId, preferred_dates: s.preferredDates, created_at: s.createdAt,
      },
    });
  }
}
