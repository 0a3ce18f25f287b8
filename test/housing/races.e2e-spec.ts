import { rangesOverlap } from '#libs/ddd/calendar-day.js';
import { Client, TestApp, type GqlResult } from '../harness/harness.js';
import { ARCHIVE_LISTING, BLOCK, CONFIRM_STAY, REQUEST_STAY, day, publishedListing, stayInput } from './housing.fixtures.js';

type Staff = Client & { organizationId: string; regionId: string };
const reasonOf = (res: GqlResult) => res.errors?.[0]?.extensions?.reason;

/** Races on a real PostgreSQL: the exclusion constraints decide, whatever the interleaving. */
describe('housing races', () => {
  let t: TestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.staff(['HOUSING_MANAGE']);
  });
  afterAll(() => t.close());

  it('200 concurrent confirmations of overlapping stays: only non-overlapping ones end CONFIRMED, the rest DATES_TAKEN', async () => {
    const id = await publishedListing(staff, 'SHARED_HOUSE', { minNights: 1, maxNights: 30 });
    const guests: Client[] = [];
    for (let i = 0; i < 200; i++) guests.push(await t.candidate());
    const stays: Array<{ id: string; start: string; end: string }> = [];
    for (let i = 0; i < 200; i++) {
      // 200 stays of 2 to 5 nights starting on 40 different days: heavily overlapping.
      const [start, end] = [day(1 + ((i * 7) % 40)), day(1 + ((i * 7) % 40) + 2 + (i % 4))];
      const { requestStay } = await guests[i].ok(REQUEST_STAY, { input: stayInput(id, start, end) });
      stays.push({ id: requestStay.id, start, end });
    }
    const results = await Promise.all(stays.map((s) => staff.gql(CONFIRM_STAY, { id: s.id })));

    const confirmed = stays.filter((_, i) => !results[i].errors);
    const refused = stays.filter((_, i) => results[i].errors);
    for (const r of results) if (r.errors) expect(reasonOf(r)).toBe('DATES_TAKEN');
    for (const r of results) if (!r.errors) expect(r.data!.confirmStay.status).toBe('CONFIRMED');
    expect(confirmed.length).toBeGreaterThan(1);
    expect(refused.length).toBeGreaterThan(0);
    // No night held twice…
    for (let i = 0; i < confirmed.length; i++) {
      for (let j = i + 1; j < confirmed.length; j++) expect(rangesOverlap(confirmed[i], confirmed[j])).toBe(false);
    }
    // …and none refused for nothing: each refused stay overlaps a confirmed one.
    for (const s of refused) expect(confirmed.some((c) => rangesOverlap(c, s))).toBe(true);
    // The database agrees with the answers: statuses, holds and one event per confirmation.
    const rows = await t.sql(`SELECT id, status FROM housing.stay WHERE listing_id = $1`, [id]);
    expect(rows.filter((r) => r.status === 'CONFIRMED').map((r) => r.id).sort()).toEqual(confirmed.map((c) => c.id).sort());
    expect(rows.filter((r) => r.status === 'REQUESTED').map((r) => r.id).sort()).toEqual(refused.map((c) => c.id).sort());
    const holds = await t.sql(`SELECT stay_id FROM housing.night_hold WHERE listing_id = $1`, [id]);
    expect(holds.map((h) => h.stay_id).sort()).toEqual(confirmed.map((c) => c.id).sort());
    const events = await t.sql(`SELECT aggregate_id FROM messaging.outbox WHERE type = 'housing.stay.confirmed' AND aggregate_id = ANY($1::text[])`, [stays.map((s) => s.id)]);
    expect(events.map((e) => e.aggregate_id).sort()).toEqual(confirmed.map((c) => c.id).sort());
  });

  it('the same guest requesting many listings for the same night at once: exactly one request stands', async () => {
    const listings: string[] = [];
    for (let i = 0; i < 30; i++) listings.push(await publishedListing(staff, i % 2 ? 'TRIAL_STAY' : 'SHARED_HOUSE', { minNights: 1 }));
    for (let round = 0; round < 5; round++) {
      const guest = await t.candidate();
      const results = await Promise.all(listings.map((id) => guest.gql(REQUEST_STAY, { input: stayInput(id, day(50 + round), day(52 + round)) })));
      const ok = results.filter((r) => !r.errors);
      expect(ok).toHaveLength(1);
      for (const r of results) if (r.errors) expect(reasonOf(r)).toBe('GUEST_DOUBLE_BOOKED');
      expect(await t.sql(`SELECT status FROM housing.stay WHERE guest_account_id = $1`, [guest.accountId])).toEqual([{ status: 'REQUESTED' }]);
      const events = await t.sql(`SELECT 1 FROM messaging.outbox WHERE type = 'housing.stay.requested' AND payload->>'accountId' = $1`, [guest.accountId]);
      expect(events).toHaveLength(1);
    }
  });

  it('the same guest requesting two listings for the same night at once, 20 times: one each time', async () => {
    const [a, b] = [await publishedListing(staff, 'TRIAL_STAY', { minNights: 1 }), await publishedListing(staff, 'SHARED_HOUSE')];
    const guest = await t.candidate();
    for (let round = 0; round < 20; round++) {
      const nights = [day(60 + 3 * round), day(61 + 3 * round)];
      const [x, y] = await Promise.all([a, b].map((id) => guest.gql(REQUEST_STAY, { input: stayInput(id, nights[0], nights[1]) })));
      expect([x, y].filter((r) => !r.errors)).toHaveLength(1);
      expect(reasonOf(x.errors ? x : y)).toBe('GUEST_DOUBLE_BOOKED');
    }
    expect(await t.sql(`SELECT count(*)::int AS n FROM housing.stay WHERE guest_account_id = $1`, [guest.accountId])).toEqual([{ n: 20 }]);
  });

  it('a block and a confirmation racing for one night: exactly one wins, 20 times', async () => {
    const id = await publishedListing(staff, 'SHARED_HOUSE', { minNights: 1 });
    for (let round = 0; round < 20; round++) {
      const guest = await t.candidate();
      const [start, end] = [day(100 + 2 * round), day(101 + 2 * round)];
      const { requestStay } = await guest.ok(REQUEST_STAY, { input: stayInput(id, start, end) });
      const [confirm, block] = await Promise.all([
        staff.gql(CONFIRM_STAY, { id: requestStay.id }),
        staff.gql(BLOCK, { id, start, end }),
      ]);
      const winners = [confirm, block].filter((r) => !r.errors);
      // A lost version check (STALE_VERSION) cannot happen here: the two write different rows.
      expect(winners).toHaveLength(1);
      expect(reasonOf(confirm.errors ? confirm : block)).toBe('DATES_TAKEN');
      const holds = await t.sql(`SELECT count(*)::int AS n FROM housing.night_hold WHERE listing_id = $1 AND nights && daterange($2::date, $3::date)`, [id, start, end]);
      expect(holds).toEqual([{ n: 1 }]);
    }
  });

  it('archiving and a confirmation racing: never both, 20 times', async () => {
    for (let round = 0; round < 20; round++) {
      const id = await publishedListing(staff, 'TRIAL_STAY', { minNights: 1 });
      const guest = await t.candidate();
      const { requestStay } = await guest.ok(REQUEST_STAY, { input: stayInput(id, day(5), day(7)) });
      const [confirm, archive] = await Promise.all([staff.gql(CONFIRM_STAY, { id: requestStay.id }), staff.gql(ARCHIVE_LISTING, { id })]);
      expect([confirm, archive].filter((r) => !r.errors)).toHaveLength(1);
      if (confirm.errors) expect(reasonOf(confirm)).toBe('LISTING_ARCHIVED');
      else expect(reasonOf(archive)).toBe('HAS_ACTIVE_STAYS');
      const [row] = await t.sql(`SELECT l.status AS listing, s.status AS stay FROM housing.listing l JOIN housing.stay s ON s.listing_id = l.id WHERE s.id = $1`, [requestStay.id]);
      expect([['ARCHIVED', 'REQUESTED'], ['PUBLISHED', 'CONFIRMED']]).toContainEqual([row.listing, row.stay]);
    }
  });
});
