import type { MigrationInterface, QueryRunner } from 'typeorm';
import { searchColumnsSql, searchFunctionsSql, searchIndexSql } from '#libs/search/text-search.js';

/**
 * The housing module (schema `housing`): listings, the nights they hold, stays and viewing
 * requests.
 *
 * No double booking, decided by PostgreSQL whatever the concurrency (contract 50-housing):
 * - `night_hold` holds a listing's nights: one row per blocked range (a ListingBlock, no
 *   stay) and one per CONFIRMED or CHECKED_IN stay. Its exclusion constraint
 *   `night_hold_one_per_night` (btree_gist: listing id with =, daterange with &&) refuses a
 *   second holder of any night, so a block and a confirmation racing for one night cannot
 *   both commit: the second waits for the first and fails with 23P01.
 * - A stay's hold is kept by a trigger on `stay` (`stay_holds_nights`), not by the code:
 *   a stay moved to CONFIRMED or CHECKED_IN inserts its hold in the same statement, any
 *   other status removes it. No path can confirm a stay without its nights being held.
 * - `stay_guest_one_active_stay` refuses a guest's second active (REQUESTED, CONFIRMED,
 *   CHECKED_IN) stay sharing a night, across listings.
 * - The same trigger refuses nights newly held on an ARCHIVED listing (`stay_listing_not_archived`),
 *   under a share lock of the listing row, so an archiving (which locks it first, then looks
 *   for stays ahead) and a confirmation never both succeed.
 * The repository turns each constraint's 23P01 into CONFLICT DATES_TAKEN or GUEST_DOUBLE_BOOKED.
 *
 * Availability is the [from, to) range minus the union of the holds (datemultirange), in
 * one statement reading the GiST index.
 */
export class Housing1765000000000 implements MigrationInterface {
  name = 'Housing1765000000000';

  async up(q: QueryRunner): Promise<void> {
    // Database-wide; other modules may create it too (IF NOT EXISTS), so down() keeps it.
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`CREATE SCHEMA IF NOT EXISTS housing`);
    for (const sql of searchFunctionsSql('housing')) await q.query(sql);
    await q.query(`
      CREATE TABLE housing.listing (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        region_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('AKIYA_SALE', 'AKIYA_RENT', 'RENTAL', 'TRIAL_STAY', 'SHARED_HOUSE')),
        status text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
        title text NOT NULL,
        description text NOT NULL,
        district text NOT NULL,
        address text NOT NULL,
        layout text,
        floor_area_sqm double precision,
        sale_price_yen int,
        monthly_rent_yen int,
        nightly_rate_yen int,
        capacity int NOT NULL CHECK (capacity >= 1),
        min_nights int,
        max_nights int,
        pets_allowed boolean NOT NULL,
        access text,
        photo_urls text[] NOT NULL,
        published_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL,
        -- The kind rules of the contract, kept by the database as well as by the aggregate.
        CHECK (kind <> 'AKIYA_SALE' OR sale_price_yen IS NOT NULL),
        CHECK (kind NOT IN ('AKIYA_RENT', 'RENTAL') OR monthly_rent_yen IS NOT NULL),
        CHECK (kind NOT IN ('TRIAL_STAY', 'SHARED_HOUSE') OR (nightly_rate_yen IS NOT NULL AND min_nights IS NOT NULL AND max_nights IS NOT NULL AND 1 <= min_nights AND min_nights <= max_nights AND max_nights <= 90)),
        -- Newest first: published ones by when they were (last) published, others by creation.
        listed_at timestamptz GENERATED ALWAYS AS (COALESCE(published_at, created_at)) STORED,
        ${searchColumnsSql('housing', `title || ' ' || description || ' ' || district || ' ' || coalesce(access, '')`)}
      )`);
    await q.query(`CREATE INDEX listing_public ON housing.listing (listed_at DESC, id DESC) WHERE status = 'PUBLISHED'`);
    await q.query(`CREATE INDEX listing_public_region ON housing.listing (region_id, listed_at DESC, id DESC) WHERE status = 'PUBLISHED'`);
    await q.query(`CREATE INDEX listing_public_kind ON housing.listing (kind, listed_at DESC, id DESC) WHERE status = 'PUBLISHED'`);
    await q.query(`CREATE INDEX listing_organization ON housing.listing (organization_id, listed_at DESC, id DESC)`);
    await q.query(searchIndexSql('housing', 'listing'));

    await q.query(`
      CREATE TABLE housing.stay (
        id uuid PRIMARY KEY,
        listing_id uuid NOT NULL REFERENCES housing.listing (id),
        region_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        listing_kind text NOT NULL,
        guest_account_id uuid NOT NULL,
        guest_display_name text NOT NULL,
        guest_email text NOT NULL,
        guest_full_name text NOT NULL,
        guest_phone text NOT NULL,
        check_in date NOT NULL,
        check_out date NOT NULL,
        nights daterange GENERATED ALWAYS AS (daterange(check_in, check_out)) STORED,
        party_size int NOT NULL CHECK (party_size >= 1),
        purpose text,
        price_yen int NOT NULL CHECK (price_yen >= 0),
        status text NOT NULL CHECK (status IN ('REQUESTED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED', 'DECLINED', 'CANCELLED')),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL,
        CHECK (check_out > check_in),
        CONSTRAINT stay_guest_one_active_stay EXCLUDE USING gist (guest_account_id WITH =, nights WITH &&)
          WHERE (status IN ('REQUESTED', 'CONFIRMED', 'CHECKED_IN'))
      )`);
    await q.query(`CREATE INDEX stay_listing_calendar ON housing.stay (listing_id, check_in, id)`);
    await q.query(`CREATE INDEX stay_guest ON housing.stay (guest_account_id, check_in, id)`);
    await q.query(`CREATE INDEX stay_requested ON housing.stay (check_in) WHERE status = 'REQUESTED'`);

    await q.query(`
      CREATE TABLE housing.night_hold (
        id uuid PRIMARY KEY,
        listing_id uuid NOT NULL REFERENCES housing.listing (id),
        nights daterange NOT NULL CHECK (NOT isempty(nights) AND NOT lower_inf(nights) AND NOT upper_inf(nights)),
        -- A CONFIRMED or CHECKED_IN stay's nights; NULL for a block (managing staff's "nobody may book").
        stay_id uuid UNIQUE REFERENCES housing.stay (id) ON DELETE CASCADE,
        note text,
        created_at timestamptz NOT NULL,
        CONSTRAINT night_hold_one_per_night EXCLUDE USING gist (listing_id WITH =, nights WITH &&)
      )`);

    await q.query(`
      CREATE FUNCTION housing.stay_holds_nights() RETURNS trigger
      LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NEW.status IN ('CONFIRMED', 'CHECKED_IN') THEN
          -- Nights newly held on an ARCHIVED listing: refused. FOR SHARE waits for an archiving
          -- that locked the listing first (it then sees this stay and refuses HAS_ACTIVE_STAYS).
          IF TG_OP = 'INSERT' OR OLD.status NOT IN ('CONFIRMED', 'CHECKED_IN') THEN
            PERFORM 1 FROM housing.listing WHERE id = NEW.listing_id AND status <> 'ARCHIVED' FOR SHARE;
            IF NOT FOUND THEN
              RAISE EXCEPTION 'listing % is archived', NEW.listing_id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'stay_listing_not_archived';
            END IF;
          END IF;
          INSERT INTO housing.night_hold (id, listing_id, nights, stay_id, created_at)
          VALUES (gen_random_uuid(), NEW.listing_id, NEW.nights, NEW.id, now())
          ON CONFLICT (stay_id) DO UPDATE SET nights = EXCLUDED.nights;
        ELSE
          DELETE FROM housing.night_hold WHERE stay_id = NEW.id;
        END IF;
        RETURN NULL;
      END
      $fn$`);
    await q.query(`
      CREATE TRIGGER stay_holds_nights AFTER INSERT OR UPDATE OF status, check_in, check_out ON housing.stay
      FOR EACH ROW EXECUTE FUNCTION housing.stay_holds_nights()`);

    await q.query(`
      CREATE TABLE housing.viewing_request (
        id uuid PRIMARY KEY,
        listing_id uuid NOT NULL REFERENCES housing.listing (id),
        region_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        listing_kind text NOT NULL,
        requester_account_id uuid NOT NULL,
        requester_display_name text NOT NULL,
        requester_email text NOT NULL,
        requester_full_name text NOT NULL,
        requester_phone text NOT NULL,
        preferred_dates date[] NOT NULL,
        message text,
        status text NOT NULL CHECK (status IN ('REQUESTED', 'SCHEDULED', 'DONE', 'DECLINED', 'CANCELLED')),
        scheduled_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL
      )`);
    await q.query(`CREATE INDEX viewing_listing ON housing.viewing_request (listing_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX viewing_requester ON housing.viewing_request (requester_account_id, created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA housing CASCADE`);
  }
}
