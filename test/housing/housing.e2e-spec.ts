import { StayLapses } from '../../src/modules/housing/application/commands/lapse-stay/stay-lapses.js';
import { Client, TestApp, codeOf, type GqlResult } from '../harness/harness.js';
import {
  ARCHIVE_LISTING, AVAILABILITY, BLOCK, BLOCKS, CANCEL_STAY, CANCEL_VIEWING, CHECK_IN_STAY, COMPLETE_STAY, COMPLETE_VIEWING, CONFIRM_STAY,
  CREATE_LISTING, DECLINE_STAY, DECLINE_VIEWING, LISTING, LISTING_STAYS, LISTING_VIEWINGS, LISTINGS, MY_STAYS, MY_VIEWINGS, PUBLISH_LISTING,
  REQUEST_STAY, REQUEST_VIEWING, SCHEDULE_VIEWING, STAY, UNBLOCK, UNPUBLISH_LISTING, UPDATE_LISTING, VIEWING, day, listingInput,
  publishedListing, stayInput,
} from './housing.fixtures.js';

type Staff = Client & { organizationId: string; regionId: string };

const fieldsOf = (res: GqlResult) => (res.errors?.[0]?.extensions?.fields ?? []).map((f: { field: string }) => f.field).sort();
const reasonOf = (res: GqlResult) => res.errors?.[0]?.extensions?.reason;

describe('housing', () => {
  let t: TestApp;
  let staff: Staff;
  let otherRegionStaff: Staff;
  let careersStaff: Staff;

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.staff(['HOUSING_MANAGE']);
    otherRegionStaff = await t.staff(['HOUSING_MANAGE']);
    careersStaff = await t.staff(['CAREERS_MANAGE'], staff.regionId);
  });
  afterAll(() => t.close());

  const outbox = (type: string, aggregateId: string) =>
    t.sql(`SELECT payload FROM messaging.outbox WHERE type = $1 AND aggregate_id = $2 ORDER BY position`, [type, aggregateId]);

  /**
   * Time passes for one stay: its nights move `n` days earlier, as if the calendar had moved
   * on (the production rules read today's date; no clock is faked). The trigger moves its hold.
   */
  const daysPass = (stayId: string, n: number) =>
    t.sql(`UPDATE housing.stay SET check_in = check_in - $2::int, check_out = check_out - $2::int WHERE id = $1 RETURNING id`, [stayId, n]);

  describe('listings', () => {
    it('creates each kind as a DRAFT in the organization\'s region, hidden from the public until published', async () => {
      for (const kind of ['AKIYA_SALE', 'AKIYA_RENT', 'RENTAL', 'TRIAL_STAY', 'SHARED_HOUSE']) {
        const { createListing } = await staff.ok(CREATE_LISTING, { input: listingInput(staff.organizationId, kind) });
        expect(createListing).toMatchObject({ kind, status: 'DRAFT', region: { id: staff.regionId }, manager: { id: staff.organizationId } });
        expect((await t.anonymous().ok(LISTING, { id: createListing.id })).listing).toBeNull();
        expect((await staff.ok(LISTING, { id: createListing.id })).listing.status).toBe('DRAFT');
        const { publishListing } = await staff.ok(PUBLISH_LISTING, { id: createListing.id });
        expect(publishListing.status).toBe('PUBLISHED');
        expect((await t.anonymous().ok(LISTING, { id: createListing.id })).listing).toMatchObject({ kind, status: 'PUBLISHED' });
        const [published] = await outbox('housing.listing.published', createListing.id);
        expect(published.payload).toMatchObject({ listingId: createListing.id, regionId: staff.regionId, organizationId: staff.organizationId, listingKind: kind });
      }
    });

    it('refuses the missing and contradictory fields of each kind, naming them, and writes nothing', async () => {
      const before = await t.sql(`SELECT count(*)::int AS n FROM housing.listing`);
      const cases: Array<[string, Record<string, unknown>, string[]]> = [
        ['AKIYA_SALE', { salePriceYen: null }, ['salePriceYen']],
        ['AKIYA_RENT', { monthlyRentYen: null }, ['monthlyRentYen']],
        ['RENTAL', { monthlyRentYen: null, minNights: 2 }, ['minNights', 'monthlyRentYen']],
        ['TRIAL_STAY', { nightlyRateYen: null, minNights: null, maxNights: null }, ['maxNights', 'minNights', 'nightlyRateYen']],
        ['SHARED_HOUSE', { minNights: 10, maxNights: 5 }, ['maxNights']],
        ['TRIAL_STAY', { maxNights: 91 }, ['maxNights']],
        ['TRIAL_STAY', { minNights: 0 }, ['minNights']],
        ['RENTAL', { capacity: 0, title: '  ' }, ['capacity', 'title']],
        ['RENTAL', { photoUrls: ['javascript:alert(1)'] }, ['photoUrls']],
      ];
      for (const [kind, overrides, fields] of cases) {
        const res = await staff.gql(CREATE_LISTING, { input: listingInput(staff.organizationId, kind, overrides) });
        expect(codeOf(res)).toBe('BAD_USER_INPUT');
        expect(fieldsOf(res)).toEqual(fields);
      }
      expect(await t.sql(`SELECT count(*)::int AS n FROM housing.listing`)).toEqual(before);
    });

    it('lets only staff of the organization, with HOUSING_MANAGE, create and manage its listings', async () => {
      const candidate = await t.candidate();
      const input = listingInput(staff.organizationId, 'RENTAL');
      expect(codeOf(await t.anonymous().gql(CREATE_LISTING, { input }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await candidate.gql(CREATE_LISTING, { input }))).toBe('FORBIDDEN');
      expect(codeOf(await otherRegionStaff.gql(CREATE_LISTING, { input }))).toBe('FORBIDDEN');
      expect(codeOf(await careersStaff.gql(CREATE_LISTING, { input: listingInput(careersStaff.organizationId, 'RENTAL') }))).toBe('FORBIDDEN');
      const id = await publishedListing(staff, 'RENTAL');
      for (const caller of [candidate, otherRegionStaff, careersStaff, await t.admin()]) {
        expect(codeOf(await caller.gql(UPDATE_LISTING, { input: { listingId: id, title: '乗っ取り' } }))).toBe('FORBIDDEN');
        expect(codeOf(await caller.gql(UNPUBLISH_LISTING, { id }))).toBe('FORBIDDEN');
        expect(codeOf(await caller.gql(ARCHIVE_LISTING, { id }))).toBe('FORBIDDEN');
      }
      expect(codeOf(await staff.gql(UPDATE_LISTING, { input: { listingId: '00000000-0000-4000-8000-000000000000', title: 'x' } }))).toBe('NOT_FOUND');
    });

    it('edits any field but kind and organization until ARCHIVED; moves DRAFT -> PUBLISHED -> DRAFT -> ARCHIVED', async () => {
      const id = await publishedListing(staff, 'TRIAL_STAY');
      const { updateListing } = await staff.ok(UPDATE_LISTING, { input: { listingId: id, title: '唐桑の家(改装済み)', nightlyRateYen: 2500, maxNights: 7 } });
      expect(updateListing).toMatchObject({ title: '唐桑の家(改装済み)', nightlyRateYen: 2500, maxNights: 7, kind: 'TRIAL_STAY' });
      const cleared = await staff.gql(UPDATE_LISTING, { input: { listingId: id, nightlyRateYen: null } });
      expect(fieldsOf(cleared)).toEqual(['nightlyRateYen']);
      expect(reasonOf(await staff.gql(PUBLISH_LISTING, { id }))).toBe('INVALID_STATUS_TRANSITION');
      expect((await staff.ok(UNPUBLISH_LISTING, { id })).unpublishListing.status).toBe('DRAFT');
      expect((await t.anonymous().ok(LISTING, { id })).listing).toBeNull();
      expect((await staff.ok(ARCHIVE_LISTING, { id })).archiveListing.status).toBe('ARCHIVED');
      expect(reasonOf(await staff.gql(UPDATE_LISTING, { input: { listingId: id, title: 'x' } }))).toBe('LISTING_ARCHIVED');
      expect(reasonOf(await staff.gql(ARCHIVE_LISTING, { id }))).toBe('INVALID_STATUS_TRANSITION');
      expect(await outbox('housing.listing.unpublished', id)).toHaveLength(1);
      expect(await outbox('housing.listing.archived', id)).toHaveLength(1);
    });
  });

  describe('search', () => {
    let region: string;
    let s: Staff;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      region = (await t.region()).id;
      s = await t.staff(['HOUSING_MANAGE'], region);
      ids.trial = await publishedListing(s, 'TRIAL_STAY', { title: 'オーシャンビューの家', capacity: 2, nightlyRateYen: 2000 });
      ids.shared = await publishedListing(s, 'SHARED_HOUSE', { title: 'シェアハウス港', capacity: 1, nightlyRateYen: 4000, petsAllowed: true });
      ids.rental = await publishedListing(s, 'RENTAL', { title: '駅前の1LDK', monthlyRentYen: 50000, capacity: 2, district: '気仙沼市南町' });
      ids.akiya = await publishedListing(s, 'AKIYA_RENT', { title: '大島の古民家', monthlyRentYen: 30000, capacity: 6, petsAllowed: true, access: 'ＢＲＴ大島駅から徒歩' });
      const { createListing } = await s.ok(CREATE_LISTING, { input: listingInput(s.organizationId, 'RENTAL', { title: '下書きの家' }) });
      ids.draft = createListing.id;
    });

    const search = async (client: Client, filter: Record<string, unknown>) =>
      (await client.ok(LISTINGS, { filter: { regionId: region, ...filter }, first: 50 })).listings.edges.map((e: any) => e.node.id).sort();

    it('filters by kinds, rent and nightly caps, capacity and pets, newest first, PUBLISHED only for the public', async () => {
      const pub = t.anonymous();
      const all = await pub.ok(LISTINGS, { filter: { regionId: region }, first: 50 });
      expect(all.listings.edges.map((e: any) => e.node.id)).toEqual([ids.akiya, ids.rental, ids.shared, ids.trial]);
      expect(all.listings.totalCount).toBe(4);
      expect(await search(pub, { kinds: ['TRIAL_STAY', 'SHARED_HOUSE'] })).toEqual([ids.trial, ids.shared].sort());
      expect(await search(pub, { maxMonthlyRentYen: 40000 })).toEqual([ids.akiya]);
      expect(await search(pub, { maxNightlyRateYen: 3000 })).toEqual([ids.trial]);
      expect(await search(pub, { minCapacity: 3 })).toEqual([ids.akiya]);
      expect(await search(pub, { petsAllowed: true })).toEqual([ids.akiya, ids.shared].sort());
      expect(await search(pub, { statuses: ['DRAFT'] })).toEqual([]);
      expect(await search(s, { statuses: ['DRAFT'] })).toEqual([ids.draft]);
      expect(await search(otherRegionStaff, { statuses: ['DRAFT'] })).toEqual([]);
    });

    it('finds Japanese text by any part of a word, full and half width alike, in title, description, district and access', async () => {
      const pub = t.anonymous();
      expect(await search(pub, { text: 'オーシャン' })).toEqual([ids.trial]);
      expect(await search(pub, { text: 'ｵｰｼｬﾝ' })).toEqual([ids.trial]);
      expect(await search(pub, { text: '南町' })).toEqual([ids.rental]);
      expect(await search(pub, { text: 'brt' })).toEqual([ids.akiya]);
      expect(await search(pub, { text: '古民家 大島' })).toEqual([ids.akiya]);
      expect(await search(pub, { text: '100%' })).toEqual([]);
    });

    it('keeps only bookable listings free for every night of a period', async () => {
      const candidate = await t.candidate();
      const { requestStay } = await candidate.ok(REQUEST_STAY, { input: stayInput(ids.trial, day(10), day(13)) });
      expect(await search(t.anonymous(), { availableFrom: day(12), availableTo: day(14) })).toEqual([ids.trial, ids.shared].sort());
      await s.ok(CONFIRM_STAY, { id: requestStay.id });
      expect(await search(t.anonymous(), { availableFrom: day(12), availableTo: day(14) })).toEqual([ids.shared]);
      expect(await search(t.anonymous(), { availableFrom: day(13), availableTo: day(15) })).toEqual([ids.trial, ids.shared].sort());
      const half = await t.anonymous().gql(LISTINGS, { filter: { availableFrom: day(1) } });
      expect(fieldsOf(half)).toEqual(['availableTo']);
      const backwards = await t.anonymous().gql(LISTINGS, { filter: { availableFrom: day(5), availableTo: day(5) } });
      expect(fieldsOf(backwards)).toEqual(['availableTo']);
    });

    it('pages by keyset cursors without repeating or skipping', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: any = (await t.anonymous().ok(LISTINGS, { filter: { regionId: region }, first: 1, after })).listings;
        seen.push(...page.edges.map((e: any) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual([ids.akiya, ids.rental, ids.shared, ids.trial]);
      expect(codeOf(await t.anonymous().gql(LISTINGS, { after: 'not-a-cursor' }))).toBe('BAD_USER_INPUT');
    });
  });

  describe('stays', () => {
    it('requests a stay: REQUESTED, price fixed at nights x nightly rate, the register kept, StayRequested out', async () => {
      const id = await publishedListing(staff, 'TRIAL_STAY', { nightlyRateYen: 2500, minNights: 2, maxNights: 14 });
      const candidate = await t.candidate('山田 花子');
      const { requestStay } = await candidate.ok(REQUEST_STAY, { input: stayInput(id, day(5), day(8), { partySize: 2 }) });
      expect(requestStay).toMatchObject({
        checkIn: day(5), checkOut: day(8), nights: 3, partySize: 2, priceYen: 7500, status: 'REQUESTED', listing: { id },
        guest: { accountId: candidate.accountId, displayName: '山田 花子', fullName: '佐藤 真理子', phone: '090-1234-5678' },
      });
      expect(requestStay.guest.email).toMatch(/@test\.minato\.example$/);
      // The price stays as requested when the rate changes.
      await staff.ok(UPDATE_LISTING, { input: { listingId: id, nightlyRateYen: 9999 } });
      expect((await candidate.ok(STAY, { id: requestStay.id })).stay.priceYen).toBe(7500);
      const [event] = await outbox('housing.stay.requested', requestStay.id);
      expect(event.payload).toEqual({
        stayId: requestStay.id, listingId: id, regionId: staff.regionId, organizationId: staff.organizationId, listingKind: 'TRIAL_STAY',
        accountId: candidate.accountId, checkIn: day(5), checkOut: day(8), nights: 3, partySize: 2, priceYen: 7500,
        provided: [expect.objectContaining({ recipientOrganizationId: staff.organizationId, occasion: 'stay' })], // privacy.e2e-spec.ts
      });
      expect(JSON.stringify(event.payload)).not.toContain('佐藤');
    });

    it('refuses nights out of bounds, past dates, far dates and party sizes, naming the field', async () => {
      const id = await publishedListing(staff, 'TRIAL_STAY', { minNights: 3, maxNights: 5, capacity: 2 });
      const candidate = await t.candidate();
      const cases: Array<[Record<string, unknown>, string[]]> = [
        [stayInput(id, day(5), day(7)), ['checkOut']],
        [stayInput(id, day(5), day(11)), ['checkOut']],
        [stayInput(id, day(5), day(4)), ['checkOut']],
        [stayInput(id, day(0), day(3)), ['checkIn']],
        [stayInput(id, day(-3), day(0)), ['checkIn']],
        [stayInput(id, day(181), day(184)), ['checkIn']],
        [stayInput(id, day(5), day(8), { partySize: 3 }), ['partySize']],
        [stayInput(id, day(5), day(8), { partySize: 0 }), ['partySize']],
        [stayInput(id, day(5), day(8), { fullName: ' ', phone: 'call me' }), ['fullName', 'phone']],
      ];
      for (const [input, fields] of cases) {
        const res = await candidate.gql(REQUEST_STAY, { input });
        expect(codeOf(res)).toBe('BAD_USER_INPUT');
        expect(fieldsOf(res)).toEqual(fields);
      }
      expect((await candidate.ok(REQUEST_STAY, { input: stayInput(id, day(180), day(183)) })).requestStay.status).toBe('REQUESTED');
      expect(codeOf(await candidate.gql(REQUEST_STAY, { input: stayInput(id, '2026-02-30', day(3)) }))).toBe('BAD_USER_INPUT');
    });

    it('books only TRIAL_STAY and SHARED_HOUSE, PUBLISHED, by a CANDIDATE', async () => {
      const candidate = await t.candidate();
      const rental = await publishedListing(staff, 'RENTAL');
      expect(reasonOf(await candidate.gql(REQUEST_STAY, { input: stayInput(rental, day(5), day(8)) }))).toBe('NOT_BOOKABLE');
      const shared = await publishedListing(staff, 'SHARED_HOUSE');
      expect((await candidate.ok(REQUEST_STAY, { input: stayInput(shared, day(5), day(6)) })).requestStay.status).toBe('REQUESTED');
      const { createListing } = await staff.ok(CREATE_LISTING, { input: listingInput(staff.organizationId, 'TRIAL_STAY') });
      expect(codeOf(await candidate.gql(REQUEST_STAY, { input: stayInput(createListing.id, day(5), day(8)) }))).toBe('NOT_FOUND');
      expect(codeOf(await staff.gql(REQUEST_STAY, { input: stayInput(shared, day(20), day(21)) }))).toBe('FORBIDDEN');
      expect(codeOf(await t.anonymous().gql(REQUEST_STAY, { input: stayInput(shared, day(20), day(21)) }))).toBe('UNAUTHENTICATED');
    });

    it('confirms, checks in from the check-in day, completes; the nights are taken meanwhile', async () => {
      const id = await publishedListing(staff, 'TRIAL_STAY');
      const guest = await t.candidate();
      const { requestStay: stay } = await guest.ok(REQUEST_STAY, { input: stayInput(id, day(1), day(4)) });
      // Confirming is managing staff's: the guest may not, others do not see the stay at all.
      expect(codeOf(await guest.gql(CONFIRM_STAY, { id: stay.id }))).toBe('FORBIDDEN');
      expect(codeOf(await (await t.candidate()).gql(CONFIRM_STAY, { id: stay.id }))).toBe('NOT_FOUND');
      expect(codeOf(await otherRegionStaff.gql(CONFIRM_STAY, { id: stay.id }))).toBe('NOT_FOUND');
      expect(codeOf(await (await t.admin()).gql(CONFIRM_STAY, { id: stay.id }))).toBe('FORBIDDEN');
      expect((await staff.ok(CONFIRM_STAY, { id: stay.id })).confirmStay.status).toBe('CONFIRMED');
      expect(reasonOf(await staff.gql(CONFIRM_STAY, { id: stay.id }))).toBe('INVALID_STATUS_TRANSITION');
      const { listing } = await t.anonymous().ok(AVAILABILITY, { id, from: day(0), to: day(10) });
      expect(listing.availability).toEqual([{ start: day(0), end: day(1) }, { start: day(4), end: day(10) }]);

      expect(reasonOf(await staff.gql(CHECK_IN_STAY, { id: stay.id }))).toBe('CHECK_IN_DAY_NOT_REACHED');
      expect(reasonOf(await staff.gql(COMPLETE_STAY, { id: stay.id }))).toBe('INVALID_STATUS_TRANSITION');
      expect(await daysPass(stay.id, 1)).toHaveLength(1); // tomorrow came: check-in day
      expect((await staff.ok(CHECK_IN_STAY, { id: stay.id })).checkInStay.status).toBe('CHECKED_IN');
      expect(reasonOf(await guest.gql(CANCEL_STAY, { id: stay.id }))).toBe('INVALID_STATUS_TRANSITION');
      expect((await t.anonymous().ok(AVAILABILITY, { id, from: day(0), to: day(3) })).listing.availability).toEqual([]);
      expect((await staff.ok(COMPLETE_STAY, { id: stay.id })).completeStay.status).toBe('COMPLETED');
      for (const type of ['requested', 'confirmed', 'checked-in', 'completed']) {
        const [event] = await outbox(`housing.stay.${type}`, stay.id);
        expect(event.payload).toMatchObject({ stayId: stay.id, accountId: guest.accountId, regionId: staff.regionId, listingKind: 'TRIAL_STAY', nights: 3 });
      }
    });

    it('refuses nights a confirmed stay or a block holds (DATES_TAKEN) and a guest\'s second stay for a night (GUEST_DOUBLE_BOOKED)', async () => {
      const id = await publishedListing(staff, 'SHARED_HOUSE');
      const other = await publishedListing(staff, 'SHARED_HOUSE');
      const [a, b] = [await t.candidate(), await t.candidate()];
      const { requestStay: first } = await a.ok(REQUEST_STAY, { input: stayInput(id, day(10), day(13)) });
      const { requestStay: second } = await b.ok(REQUEST_STAY, { input: stayInput(id, day(12), day(14)) });
      await staff.ok(CONFIRM_STAY, { id: first.id });
      expect(reasonOf(await staff.gql(CONFIRM_STAY, { id: second.id }))).toBe('DATES_TAKEN');
      expect((await staff.ok(STAY, { id: second.id })).stay.status).toBe('REQUESTED');
      expect(reasonOf(await (await t.candidate()).gql(REQUEST_STAY, { input: stayInput(id, day(12), day(13)) }))).toBe('DATES_TAKEN');
      // b's own REQUESTED stay [12, 14) keeps b from a second stay on night 13, here or elsewhere.
      expect(reasonOf(await b.gql(REQUEST_STAY, { input: stayInput(id, day(13), day(15)) }))).toBe('GUEST_DOUBLE_BOOKED');
      expect(reasonOf(await b.gql(REQUEST_STAY, { input: stayInput(other, day(13), day(14)) }))).toBe('GUEST_DOUBLE_BOOKED');
      await b.ok(CANCEL_STAY, { id: second.id });
      // Back to back with the confirmed [10, 13) is fine: the nights are [checkIn, checkOut).
      expect((await b.ok(REQUEST_STAY, { input: stayInput(id, day(13), day(15)) })).requestStay.status).toBe('REQUESTED');
      expect(reasonOf(await a.gql(REQUEST_STAY, { input: stayInput(other, day(11), day(12)) }))).toBe('GUEST_DOUBLE_BOOKED');

      // Blocks are held by the same rule.
      expect(reasonOf(await staff.gql(BLOCK, { id, start: day(12), end: day(20) }))).toBe('DATES_TAKEN');
      const { blockListingNights: block } = await staff.ok(BLOCK, { id, start: day(20), end: day(25), note: '屋根の修理' });
      expect(block).toMatchObject({ nights: { start: day(20), end: day(25) }, note: '屋根の修理' });
      expect(reasonOf(await (await t.candidate()).gql(REQUEST_STAY, { input: stayInput(id, day(24), day(26)) }))).toBe('DATES_TAKEN');
      expect((await staff.ok(BLOCKS, { id })).listingBlocks).toEqual([block]);
      expect((await t.anonymous().ok(AVAILABILITY, { id, from: day(9), to: day(30) })).listing.availability).toEqual([
        { start: day(9), end: day(10) }, { start: day(13), end: day(20) }, { start: day(25), end: day(30) },
      ]);
      expect(await staff.ok(UNBLOCK, { id: block.id })).toEqual({ unblockListingNights: true });
      expect((await staff.ok(BLOCKS, { id })).listingBlocks).toEqual([]);
      expect(codeOf(await staff.gql(UNBLOCK, { id: block.id }))).toBe('NOT_FOUND');
    });

    it('refuses blocks that are not managing staff\'s, backwards, in the past or on a listing not booked by the night', async () => {
      const id = await publishedListing(staff, 'TRIAL_STAY');
      expect(codeOf(await otherRegionStaff.gql(BLOCK, { id, start: day(3), end: day(5) }))).toBe('FORBIDDEN');
      expect(codeOf(await (await t.candidate()).gql(BLOCK, { id, start: day(3), end: day(5) }))).toBe('FORBIDDEN');
      expect(codeOf(await otherRegionStaff.gql(BLOCKS, { id }))).toBe('FORBIDDEN');
      expect(fieldsOf(await staff.gql(BLOCK, { id, start: day(5), end: day(5) }))).toEqual(['nights']);
      expect(fieldsOf(await staff.gql(BLOCK, { id, start: day(-2), end: day(1) }))).toEqual(['nights']);
      const rental = await publishedListing(staff, 'RENTAL');
      expect(reasonOf(await staff.gql(BLOCK, { id: rental, start: day(3), end: day(5) }))).toBe('NOT_BOOKABLE');
      const { blockListingNights } = await staff.ok(BLOCK, { id, start: day(3), end: day(5) });
      expect(codeOf(await otherRegionStaff.gql(UNBLOCK, { id: blockListingNights.id }))).toBe('FORBIDDEN');
    });

    it('answers availability for bookable kinds only, within at most 366 days', async () => {
      const id = await publishedListing(staff, 'TRIAL_STAY');
      expect((await t.anonymous().ok(AVAILABILITY, { id, from: day(0), to: day(366) })).listing.availability).toEqual([{ start: day(0), end: day(366) }]);
      expect(fieldsOf(await t.anonymous().gql(AVAILABILITY, { id, from: day(0), to: day(367) }))).toEqual(['to']);
      expect(fieldsOf(await t.anonymous().gql(AVAILABILITY, { id, from: day(3), to: day(3) }))).toEqual(['to']);
      const rental = await publishedListing(staff, 'RENTAL');
      expect((await t.anonymous().ok(AVAILABILITY, { id: rental, from: day(0), to: day(30) })).listing.availability).toEqual([]);
    });

    it("answers a page's availability in one statement, each listing its own free nights", async () => {
      const open = await publishedListing(staff, 'TRIAL_STAY', { title: '空いている家' });
      const blocked = await publishedListing(staff, 'SHARED_HOUSE', { title: '一部ふさがった家' });
      await staff.ok(BLOCK, { id: blocked, start: day(4), end: day(6) });
      const rental = await publishedListing(staff, 'RENTAL', { title: '賃貸' });
      const ids = [open, blocked, rental];
      const { result, statements } = await t.recordSql(() =>
        t.anonymous().ok(
          `query($from: Date!, $to: Date!) { listings(first: 50) { edges { node { id availability(from: $from, to: $to) { start end } } } } }`,
          { from: day(1), to: day(10) },
        ),
      );
      const free = Object.fromEntries(
        result.listings.edges.filter((e: any) => ids.includes(e.node.id)).map((e: any) => [e.node.id, e.node.availability]),
      );
      expect(free).toEqual({
        [open]: [{ start: day(1), end: day(10) }],
        [blocked]: [{ start: day(1), end: day(4) }, { start: day(6), end: day(10) }],
        [rental]: [],
      });
      expect(statements.filter((q) => q.includes('range_agg'))).toHaveLength(1);
    });

    it('declines and cancels: the guest or managing staff cancel, only staff decline; cancelled nights are free again', async () => {
      const id = await publishedListing(staff, 'TRIAL_STAY');
      const guest = await t.candidate();
      const { requestStay: s1 } = await guest.ok(REQUEST_STAY, { input: stayInput(id, day(3), day(6)) });
      expect(codeOf(await guest.gql(DECLINE_STAY, { id: s1.id }))).toBe('FORBIDDEN');
      expect((await staff.ok(DECLINE_STAY, { id: s1.id })).declineStay.status).toBe('DECLINED');
      expect(reasonOf(await guest.gql(CANCEL_STAY, { id: s1.id }))).toBe('INVALID_STATUS_TRANSITION');
      const { requestStay: s2 } = await guest.ok(REQUEST_STAY, { input: stayInput(id, day(3), day(6)) });
      await staff.ok(CONFIRM_STAY, { id: s2.id });
      const { cancelStay } = await guest.ok(CANCEL_STAY, { id: s2.id });
      expect(cancelStay.status).toBe('CANCELLED');
      expect((await outbox('housing.stay.cancelled', s2.id))[0].payload).toMatchObject({ previousStatus: 'CONFIRMED', cancelledBy: 'GUEST' });
      expect((await t.anonymous().ok(AVAILABILITY, { id, from: day(3), to: day(6) })).listing.availability).toEqual([{ start: day(3), end: day(6) }]);
      const { requestStay: s3 } = await guest.ok(REQUEST_STAY, { input: stayInput(id, day(3), day(6)) });
      expect((await staff.ok(CANCEL_STAY, { id: s3.id })).cancelStay.status).toBe('CANCELLED');
      expect((await outbox('housing.stay.cancelled', s3.id))[0].payload).toMatchObject({ previousStatus: 'REQUESTED', cancelledBy: 'STAFF' });
      expect((await outbox('housing.stay.declined', s1.id))).toHaveLength(1);
      expect(codeOf(await (await t.candidate()).gql(CANCEL_STAY, { id: s3.id }))).toBe('NOT_FOUND');
    });

    it('cancels a stay still REQUESTED when its check-in day begins: on read at once, written by the sweep', async () => {
      const id = await publishedListing(staff, 'TRIAL_STAY');
      const guest = await t.candidate();
      const { requestStay: stay } = await guest.ok(REQUEST_STAY, { input: stayInput(id, day(1), day(4)) });
      await daysPass(stay.id, 1); // its check-in day began, nobody confirmed
      expect((await guest.ok(STAY, { id: stay.id })).stay.status).toBe('CANCELLED');
      expect((await staff.ok(LISTING_STAYS, { id })).listingStays.edges[0].node.status).toBe('CANCELLED');
      expect(reasonOf(await staff.gql(CONFIRM_STAY, { id: stay.id }))).toBe('INVALID_STATUS_TRANSITION');
      expect(await t.app.get(StayLapses).sweep()).toBeGreaterThanOrEqual(1);
      expect(await t.sql(`SELECT status FROM housing.stay WHERE id = $1`, [stay.id])).toEqual([{ status: 'CANCELLED' }]);
      const [event] = await outbox('housing.stay.cancelled', stay.id);
      expect(event.payload).toMatchObject({ previousStatus: 'REQUESTED', cancelledBy: 'SYSTEM', accountId: guest.accountId });
      expect(await t.app.get(StayLapses).sweep()).toBe(0);
    });

    it('lists stays: mine soonest first, the listing\'s by check-in for managing staff only', async () => {
      const [l1, l2] = [await publishedListing(staff, 'TRIAL_STAY'), await publishedListing(staff, 'SHARED_HOUSE')];
      const guest = await t.candidate();
      const late = (await guest.ok(REQUEST_STAY, { input: stayInput(l1, day(40), day(43)) })).requestStay.id;
      const soon = (await guest.ok(REQUEST_STAY, { input: stayInput(l2, day(20), day(21)) })).requestStay.id;
      expect((await guest.ok(MY_STAYS)).myStays.map((s: any) => s.id)).toEqual([soon, late]);
      const other = await t.candidate();
      const early = (await other.ok(REQUEST_STAY, { input: stayInput(l1, day(30), day(33)) })).requestStay.id;
      const page1 = (await staff.ok(LISTING_STAYS, { id: l1, first: 1 })).listingStays;
      expect(page1.edges.map((e: any) => e.node.id)).toEqual([early]);
      expect(page1.totalCount).toBe(2);
      const page2 = (await staff.ok(LISTING_STAYS, { id: l1, first: 1, after: page1.pageInfo.endCursor })).listingStays;
      expect(page2.edges.map((e: any) => e.node.id)).toEqual([late]);
      expect(page2.pageInfo.hasNextPage).toBe(false);
      expect(codeOf(await guest.gql(LISTING_STAYS, { id: l1 }))).toBe('FORBIDDEN');
      expect(codeOf(await otherRegionStaff.gql(LISTING_STAYS, { id: l1 }))).toBe('FORBIDDEN');
      expect(codeOf(await t.anonymous().gql(MY_STAYS))).toBe('UNAUTHENTICATED');
      expect((await other.ok(STAY, { id: late })).stay).toBeNull();
    });

    it('archives only when no CONFIRMED or CHECKED_IN stay is ahead', async () => {
      const id = await publishedListing(staff, 'TRIAL_STAY');
      const guest = await t.candidate();
      const { requestStay } = await guest.ok(REQUEST_STAY, { input: stayInput(id, day(5), day(8)) });
      await staff.ok(CONFIRM_STAY, { id: requestStay.id });
      expect(reasonOf(await staff.gql(ARCHIVE_LISTING, { id }))).toBe('HAS_ACTIVE_STAYS');
      await staff.ok(CANCEL_STAY, { id: requestStay.id });
      const { requestStay: pending } = await (await t.candidate()).ok(REQUEST_STAY, { input: stayInput(id, day(5), day(8)) });
      expect((await staff.ok(ARCHIVE_LISTING, { id })).archiveListing.status).toBe('ARCHIVED');
      // A request left on an archived listing is never confirmed: the code says so, and so does the database.
      expect(reasonOf(await staff.gql(CONFIRM_STAY, { id: pending.id }))).toBe('LISTING_ARCHIVED');
      await expect(t.sql(`UPDATE housing.stay SET status = 'CONFIRMED' WHERE id = $1`, [pending.id])).rejects.toMatchObject({
        code: '23514', constraint: 'stay_listing_not_archived',
      });
      // The guest still sees the listing of their own stay.
      expect((await guest.ok(STAY, { id: requestStay.id })).stay.listing.id).toBe(id);
      expect((await guest.ok(LISTING, { id })).listing.status).toBe('ARCHIVED');
      expect((await (await t.candidate()).ok(LISTING, { id })).listing).toBeNull();
    });
  });

  describe('personal data', () => {
    it('shows the street address to managing staff, an ADMIN and guests with a CONFIRMED stay; null to others', async () => {
      const id = await publishedListing(staff, 'TRIAL_STAY');
      const guest = await t.candidate();
      const stranger = await t.candidate();
      const addressFor = async (c: Client) => (await c.ok(LISTING, { id })).listing.address;
      expect(await addressFor(staff)).toBe('気仙沼市唐桑町宿浦1-2-3');
      expect(await addressFor(await t.admin())).toBe('気仙沼市唐桑町宿浦1-2-3');
      for (const c of [t.anonymous(), guest, stranger, otherRegionStaff]) expect(await addressFor(c)).toBeNull();
      const { requestStay } = await guest.ok(REQUEST_STAY, { input: stayInput(id, day(5), day(8)) });
      expect(requestStay.listing.address).toBeNull(); // REQUESTED is not enough
      const listed = await t.anonymous().ok(LISTINGS, { filter: { regionId: staff.regionId }, first: 100 });
      expect(listed.listings.edges.length).toBeGreaterThan(0);
      await staff.ok(CONFIRM_STAY, { id: requestStay.id });
      expect(await addressFor(guest)).toBe('気仙沼市唐桑町宿浦1-2-3');
      expect((await guest.ok(MY_STAYS)).myStays[0].listing.address).toBe('気仙沼市唐桑町宿浦1-2-3');
      expect(await addressFor(stranger)).toBeNull();
      await guest.ok(CANCEL_STAY, { id: requestStay.id });
      expect(await addressFor(guest)).toBeNull();
    });

    it("shows a guest's fullName, email and phone to the guest, an ADMIN, and managing staff while the stay is active", async () => {
      const id = await publishedListing(staff, 'TRIAL_STAY');
      const guest = await t.candidate('田中 健一');
      const { requestStay } = await guest.ok(REQUEST_STAY, { input: stayInput(id, day(5), day(8), { fullName: '田中 健一', phone: '080-9999-0000' }) });
      const cardFor = async (c: Client) => (await c.ok(STAY, { id: requestStay.id })).stay.guest;
      const full = { accountId: guest.accountId, displayName: '田中 健一', fullName: '田中 健一', phone: '080-9999-0000' };
      expect(await cardFor(guest)).toMatchObject(full);
      expect(await cardFor(staff)).toMatchObject(full);
      expect(await cardFor(await t.admin())).toMatchObject(full);
      expect((await cardFor(staff)).email).toMatch(/@test\.minato\.example$/);
      expect((await otherRegionStaff.ok(STAY, { id: requestStay.id })).stay).toBeNull();
      await staff.ok(DECLINE_STAY, { id: requestStay.id });
      expect(await cardFor(staff)).toEqual({ accountId: guest.accountId, displayName: '田中 健一', fullName: null, email: null, phone: null });
      expect(await cardFor(guest)).toMatchObject(full);
      expect(await cardFor(await t.admin())).toMatchObject(full);
    });
  });

  describe('viewings', () => {
    it('requests, schedules and completes a viewing; the requester sees the address once SCHEDULED', async () => {
      const id = await publishedListing(staff, 'AKIYA_SALE');
      const requester = await t.candidate('鈴木 由美');
      const input = { listingId: id, preferredDates: [day(7), day(3), day(3)], message: '週末に伺えます', fullName: '鈴木 由美', phone: '070-1111-2222' };
      const { requestViewing: v } = await requester.ok(REQUEST_VIEWING, { input });
      expect(v).toMatchObject({ preferredDates: [day(3), day(7)], status: 'REQUESTED', scheduledAt: null, listing: { id, address: null } });
      expect(v.requester).toMatchObject({ accountId: requester.accountId, fullName: '鈴木 由美', phone: '070-1111-2222' });
      expect(codeOf(await requester.gql(SCHEDULE_VIEWING, { id: v.id, at: new Date(Date.now() + 86_400_000).toISOString() }))).toBe('FORBIDDEN');
      expect(fieldsOf(await staff.gql(SCHEDULE_VIEWING, { id: v.id, at: new Date(Date.now() - 60_000).toISOString() }))).toEqual(['at']);
      expect(reasonOf(await staff.gql(COMPLETE_VIEWING, { id: v.id }))).toBe('INVALID_STATUS_TRANSITION');
      const at = new Date(Date.now() + 3 * 86_400_000);
      const { scheduleViewing } = await staff.ok(SCHEDULE_VIEWING, { id: v.id, at: at.toISOString() });
      expect(scheduleViewing).toMatchObject({ status: 'SCHEDULED', scheduledAt: at.toISOString() });
      expect((await requester.ok(VIEWING, { id: v.id })).viewingRequest.listing.address).toBe('気仙沼市唐桑町宿浦1-2-3');
      expect((await requester.ok(MY_VIEWINGS)).myViewingRequests.map((x: any) => x.id)).toEqual([v.id]);
      const listed = (await staff.ok(LISTING_VIEWINGS, { id })).listingViewingRequests;
      expect(listed.totalCount).toBe(1);
      expect(listed.edges[0].node.requester.phone).toBe('070-1111-2222');
      expect(codeOf(await requester.gql(LISTING_VIEWINGS, { id }))).toBe('FORBIDDEN');
      expect((await staff.ok(COMPLETE_VIEWING, { id: v.id })).completeViewing.status).toBe('DONE');
      expect((await requester.ok(VIEWING, { id: v.id })).viewingRequest.listing.address).toBeNull();
      for (const type of ['requested', 'scheduled', 'completed']) {
        const [event] = await outbox(`housing.viewing.${type}`, v.id);
        expect(event.payload).toMatchObject({ viewingRequestId: v.id, accountId: requester.accountId, listingKind: 'AKIYA_SALE', regionId: staff.regionId });
      }
    });

    it('schedules no viewing at a listing archived since it was requested (its address would be shown)', async () => {
      const id = await publishedListing(staff, 'AKIYA_RENT');
      const requester = await t.candidate();
      const input = { listingId: id, preferredDates: [day(5)], fullName: '鈴木 由美', phone: '０７０−１１１１−２２２２' };
      const { requestViewing: v } = await requester.ok(REQUEST_VIEWING, { input });
      expect(v.requester.phone).toBe('070-1111-2222'); // typed with a full-width minus, kept as digits and dashes
      await staff.ok(ARCHIVE_LISTING, { id });
      const refused = await staff.gql(SCHEDULE_VIEWING, { id: v.id, at: new Date(Date.now() + 86_400_000).toISOString() });
      expect(reasonOf(refused)).toBe('LISTING_ARCHIVED');
      expect((await requester.ok(VIEWING, { id: v.id })).viewingRequest).toMatchObject({ status: 'REQUESTED', listing: { address: null } });
    });

    it('releases the open requests of a listing when it is archived: stays DECLINED, viewings CANCELLED', async () => {
      const trial = await publishedListing(staff, 'TRIAL_STAY');
      const house = await publishedListing(staff, 'AKIYA_RENT');
      const guest = await t.candidate();
      const { requestStay } = await guest.ok(REQUEST_STAY, { input: stayInput(trial, day(20), day(23)) });
      const { requestViewing } = await guest.ok(REQUEST_VIEWING, {
        input: { listingId: house, preferredDates: [day(6)], fullName: '鈴木 由美', phone: '070-1111-2222' },
      });
      await staff.ok(ARCHIVE_LISTING, { id: trial });
      await staff.ok(ARCHIVE_LISTING, { id: house });
      await t.drainOutbox();
      expect((await guest.ok(STAY, { id: requestStay.id })).stay.status).toBe('DECLINED');
      expect((await guest.ok(VIEWING, { id: requestViewing.id })).viewingRequest.status).toBe('CANCELLED');
      // The guest's nights are free again for another house.
      const other = await publishedListing(staff, 'TRIAL_STAY');
      expect((await guest.ok(REQUEST_STAY, { input: stayInput(other, day(20), day(23)) })).requestStay.status).toBe('REQUESTED');
      expect((await outbox('housing.stay.declined', requestStay.id)).length).toBe(1);
    });

    it('refuses viewings of trial stays, bad dates and non-candidates; declines and cancels', async () => {
      const trial = await publishedListing(staff, 'TRIAL_STAY');
      const rental = await publishedListing(staff, 'RENTAL');
      const requester = await t.candidate();
      const input = (listingId: string, preferredDates: string[]) => ({ listingId, preferredDates, fullName: '高橋 正人', phone: '090-0000-1111' });
      expect(reasonOf(await requester.gql(REQUEST_VIEWING, { input: input(trial, [day(3)]) }))).toBe('NOT_VIEWABLE');
      expect(fieldsOf(await requester.gql(REQUEST_VIEWING, { input: input(rental, []) }))).toEqual(['preferredDates']);
      expect(fieldsOf(await requester.gql(REQUEST_VIEWING, { input: input(rental, [day(1), day(2), day(3), day(4)]) }))).toEqual(['preferredDates']);
      expect(fieldsOf(await requester.gql(REQUEST_VIEWING, { input: input(rental, [day(0)]) }))).toEqual(['preferredDates']);
      expect(codeOf(await staff.gql(REQUEST_VIEWING, { input: input(rental, [day(3)]) }))).toBe('FORBIDDEN');
      const { requestViewing: v1 } = await requester.ok(REQUEST_VIEWING, { input: input(rental, [day(3)]) });
      expect(codeOf(await requester.gql(DECLINE_VIEWING, { id: v1.id }))).toBe('FORBIDDEN');
      expect((await staff.ok(DECLINE_VIEWING, { id: v1.id })).declineViewing.status).toBe('DECLINED');
      expect((await staff.ok(VIEWING, { id: v1.id })).viewingRequest.requester.phone).toBeNull();
      const { requestViewing: v2 } = await requester.ok(REQUEST_VIEWING, { input: input(rental, [day(4)]) });
      expect(codeOf(await (await t.candidate()).gql(CANCEL_VIEWING, { id: v2.id }))).toBe('NOT_FOUND');
      expect((await requester.ok(CANCEL_VIEWING, { id: v2.id })).cancelViewing.status).toBe('CANCELLED');
      expect((await outbox('housing.viewing.cancelled', v2.id))[0].payload).toMatchObject({ previousStatus: 'REQUESTED', cancelledBy: 'REQUESTER' });
      expect(reasonOf(await staff.gql(CANCEL_VIEWING, { id: v2.id }))).toBe('INVALID_STATUS_TRANSITION');
      expect((await outbox('housing.viewing.declined', v1.id))).toHaveLength(1);
    });
  });
});
