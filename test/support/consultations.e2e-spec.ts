import { Client, TestApp, codeOf } from '../harness/harness.js';
import {
  BOOK, CANCEL, MINE, MISSING, OFFER, OUTCOME, QUEUE, REQUEST, SLOTS, fieldsOf, inHours, offer, reasonOf, requestInput,
} from './support.fixtures.js';

type Staff = Client & { organizationId: string; regionId: string };

/** Contract 70-support's slots and consultations through GraphQL: every operation and refusal. */
describe('support: slots and consultations', () => {
  let t: TestApp;
  let biz: Staff; // WORK (CAREERS_MANAGE)
  let city: Staff; // HOUSING, COMMUNITY, RELOCATION
  let eventsOnly: Staff; // handles no topic
  let elsewhere: Staff; // WORK in another region
  let regionId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    biz = await t.staff(['CAREERS_MANAGE']);
    regionId = biz.regionId;
    city = await t.staff(['HOUSING_MANAGE', 'COMMUNITY_MANAGE'], regionId);
    eventsOnly = await t.staff(['EVENTS_MANAGE'], regionId);
    elsewhere = await t.staff(['CAREERS_MANAGE', 'MATCHING_COORDINATE']);
  });
  afterAll(() => t.close());

  describe('offerConsultationSlots', () => {
    it('offers slots of one length for topics the organization handles', async () => {
      const starts = [inHours(26), inHours(27)];
      const slots = (await biz.ok(OFFER, { input: { organizationId: biz.organizationId, topics: ['WORK'], channel: 'PHONE', startsAt: starts, minutes: 45 } }))
        .offerConsultationSlots;
      expect(slots).toHaveLength(2);
      for (const [i, s] of slots.entries()) {
        expect(s).toMatchObject({ region: { id: regionId }, organization: { id: biz.organizationId }, topics: ['WORK'], channel: 'PHONE', booked: false });
        expect(new Date(s.startsAt).toISOString()).toBe(starts[i]);
        expect(new Date(s.endsAt).getTime() - new Date(s.startsAt).getTime()).toBe(45 * 60_000);
      }
      const relocation = await offer(city, { topics: ['HOUSING', 'COMMUNITY', 'RELOCATION'], channel: 'IN_PERSON' });
      expect(relocation).toHaveLength(1);
    });

    it('refuses other topics, other organizations, candidates and strangers, and bad input, writing nothing', async () => {
      const before = await t.sql(`SELECT count(*)::int AS n FROM support.consultation_slot`);
      const input = (over: Record<string, unknown> = {}) => ({
        input: { organizationId: biz.organizationId, topics: ['WORK'], channel: 'ONLINE', startsAt: [inHours(30)], minutes: 60, ...over },
      });
      expect(codeOf(await biz.gql(OFFER, input({ topics: ['WORK', 'HOUSING'] })))).toBe('FORBIDDEN');
      expect(codeOf(await eventsOnly.gql(OFFER, input()))).toBe('FORBIDDEN'); // not its organization
      expect(codeOf(await eventsOnly.gql(OFFER, input({ organizationId: eventsOnly.organizationId })))).toBe('FORBIDDEN'); // handles no topic
      expect(codeOf(await (await t.candidate()).gql(OFFER, input()))).toBe('FORBIDDEN');
      expect(codeOf(await (await t.admin()).gql(OFFER, input()))).toBe('FORBIDDEN');
      expect(codeOf(await t.anonymous().gql(OFFER, input()))).toBe('UNAUTHENTICATED');
      for (const [over, field] of [
        [{ minutes: 10 }, 'minutes'], [{ minutes: 181 }, 'minutes'], [{ startsAt: [inHours(-1)] }, 'startsAt'],
        [{ startsAt: [inHours(30), inHours(30)] }, 'startsAt'], [{ startsAt: [] }, 'startsAt'], [{ topics: [] }, 'topics'],
      ] as const) {
        const res = await biz.gql(OFFER, input(over));
        expect([codeOf(res), fieldsOf(res)]).toEqual(['BAD_USER_INPUT', expect.arrayContaining([expect.stringContaining(field)])]);
      }
      expect(await t.sql(`SELECT count(*)::int AS n FROM support.consultation_slot`)).toEqual(before);
    });
  });

  describe('consultationSlots (public)', () => {
    it('lists free future slots of the region, soonest first, filtered and paged', async () => {
      const own = await t.staff(['CAREERS_MANAGE', 'HOUSING_MANAGE']);
      const late = await offer(own, { startsAt: [inHours(100)], topics: ['WORK'], channel: 'ONLINE' });
      const early = await offer(own, { startsAt: [inHours(50)], topics: ['HOUSING'], channel: 'PHONE' });
      const middle = await offer(own, { startsAt: [inHours(70)], topics: ['WORK', 'HOUSING'], channel: 'ONLINE' });
      const anon = t.anonymous();
      const ids = async (filter: Record<string, unknown>) =>
        (await anon.ok(SLOTS, { filter: { regionId: own.regionId, ...filter } })).consultationSlots.edges.map((e: any) => e.node.id);
      expect(await ids({})).toEqual([early[0].id, middle[0].id, late[0].id]);
      expect(await ids({ topics: ['WORK'] })).toEqual([middle[0].id, late[0].id]);
      expect(await ids({ channel: 'PHONE' })).toEqual([early[0].id]);
      expect(await ids({ from: inHours(60), to: inHours(90) })).toEqual([middle[0].id]);

      const page1 = (await anon.ok(SLOTS, { filter: { regionId: own.regionId }, first: 2 })).consultationSlots;
      expect(page1.pageInfo.hasNextPage).toBe(true);
      expect(page1.totalCount).toBe(3);
      const page2 = (await anon.ok(SLOTS, { filter: { regionId: own.regionId }, first: 2, after: page1.pageInfo.endCursor })).consultationSlots;
      expect(page2.edges.map((e: any) => e.node.id)).toEqual([late[0].id]);
      expect(page2.pageInfo.hasNextPage).toBe(false);

      // A booked slot is no longer offered.
      const person = await t.candidate();
      await person.ok(REQUEST, { input: requestInput(own.regionId, { topics: ['HOUSING'], channel: 'PHONE', slotId: early[0].id }) });
      expect(await ids({})).toEqual([middle[0].id, late[0].id]);

      expect(codeOf(await anon.gql(SLOTS, { filter: { regionId: own.regionId }, first: 0 }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await anon.gql(SLOTS, { filter: { regionId: own.regionId }, after: 'nonsense' }))).toBe('BAD_USER_INPUT');
    });
  });

  describe('requestConsultation', () => {
    it('routes each topic to the region\'s organizations that handle it, fixed at request', async () => {
      const person = await t.candidate('相談する人');
      const c = (await person.ok(REQUEST, { input: requestInput(regionId, { topics: ['WORK', 'RELOCATION'] }) })).requestConsultation;
      expect(c).toMatchObject({
        region: { id: regionId }, topics: ['WORK', 'RELOCATION'], channel: 'ONLINE', status: 'REQUESTED', slot: null, outcome: null,
        person: { accountId: person.accountId, displayName: '相談する人', fullName: '佐藤 真理子', phone: '090-1234-5678', email: expect.stringContaining('@') },
      });
      expect(c.routedTo.map((o: any) => o.id).sort()).toEqual([biz.organizationId, city.organizationId].sort());

      // An organization created later does not join a consultation already requested.
      await t.staff(['HOUSING_MANAGE'], regionId);
      const mine = (await person.ok(MINE)).myConsultations;
      expect(mine.map((m: any) => m.routedTo.length)).toEqual([2]);

      const housing = (await person.ok(REQUEST, { input: requestInput(regionId, { topics: ['HOUSING'] }) })).requestConsultation;
      expect(housing.routedTo.map((o: any) => o.id)).not.toContain(biz.organizationId);
      expect(housing.routedTo.map((o: any) => o.id)).toContain(city.organizationId);
      expect((await person.ok(MINE)).myConsultations.map((m: any) => m.id)).toEqual([housing.id, c.id]); // newest first
    });

    it('books the slot given at once, when it fits', async () => {
      const [slot] = await offer(biz, { startsAt: [inHours(40)] });
      const person = await t.candidate();
      const c = (await person.ok(REQUEST, { input: requestInput(regionId, { slotId: slot.id }) })).requestConsultation;
      expect(c).toMatchObject({ status: 'BOOKED', slot: { id: slot.id, booked: true } });
      const other = await t.candidate();
      const taken = await other.gql(REQUEST, { input: requestInput(regionId, { slotId: slot.id }) });
      expect([codeOf(taken), reasonOf(taken)]).toEqual(['CONFLICT', 'SLOT_TAKEN']);
      expect((await other.ok(MINE)).myConsultations).toEqual([]); // nothing half-written
      const [phoneSlot] = await offer(biz, { startsAt: [inHours(41)], channel: 'PHONE' });
      const mismatch = await other.gql(REQUEST, { input: requestInput(regionId, { slotId: phoneSlot.id }) });
      expect([codeOf(mismatch), reasonOf(mismatch)]).toEqual(['CONFLICT', 'SLOT_MISMATCH']);
    });

    it('refuses strangers, staff, unknown regions and bad input', async () => {
      expect(codeOf(await t.anonymous().gql(REQUEST, { input: requestInput(regionId) }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await biz.gql(REQUEST, { input: requestInput(regionId) }))).toBe('FORBIDDEN');
      const person = await t.candidate();
      expect(codeOf(await person.gql(REQUEST, { input: requestInput(MISSING) }))).toBe('NOT_FOUND');
      for (const [over, field] of [
        [{ question: '  ' }, 'question'], [{ fullName: '' }, 'fullName'], [{ phone: 'call me' }, 'phone'], [{ topics: [] }, 'topics'],
        [{ slotId: MISSING }, 'slotId'],
      ] as const) {
        const res = await person.gql(REQUEST, { input: requestInput(regionId, over) });
        expect([codeOf(res), fieldsOf(res)]).toEqual(['BAD_USER_INPUT', expect.arrayContaining([expect.stringContaining(field)])]);
      }
      expect((await person.ok(MINE)).myConsultations).toEqual([]);
      expect(codeOf(await t.anonymous().gql(MINE))).toBe('UNAUTHENTICATED');
    });
  });

  describe('bookConsultationSlot', () => {
    it('books by the person or routed staff; refuses a slot taken, past or not fitting', async () => {
      const person = await t.candidate();
      const c = (await person.ok(REQUEST, { input: requestInput(regionId) })).requestConsultation;
      const [fits, fitsToo] = await offer(biz, { startsAt: [inHours(60), inHours(61)] });
      const [phone] = await offer(biz, { startsAt: [inHours(62)], channel: 'PHONE' });
      const [housing] = await offer(city, { startsAt: [inHours(63)], topics: ['HOUSING'] });
      const [farAway] = await offer(elsewhere, { startsAt: [inHours(64)] });
      const mismatch = async (slotId: string) => {
        const res = await person.gql(BOOK, { input: { consultationId: c.id, slotId } });
        return [codeOf(res), reasonOf(res)];
      };
      expect(await mismatch(phone.id)).toEqual(['CONFLICT', 'SLOT_MISMATCH']); // another channel
      expect(await mismatch(housing.id)).toEqual(['CONFLICT', 'SLOT_MISMATCH']); // an organization it is not routed to
      expect(await mismatch(farAway.id)).toEqual(['CONFLICT', 'SLOT_MISMATCH']); // another region
      const [past] = await offer(biz, { startsAt: [inHours(65)] });
      await t.sql(`UPDATE support.consultation_slot SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' WHERE id = $1`, [past.id]);
      expect(await mismatch(past.id)).toEqual(['CONFLICT', 'SLOT_PAST']);

      expect(codeOf(await (await t.candidate()).gql(BOOK, { input: { consultationId: c.id, slotId: fits.id } }))).toBe('FORBIDDEN');
      expect(codeOf(await eventsOnly.gql(BOOK, { input: { consultationId: c.id, slotId: fits.id } }))).toBe('FORBIDDEN');
      expect(codeOf(await t.anonymous().gql(BOOK, { input: { consultationId: c.id, slotId: fits.id } }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await person.gql(BOOK, { input: { consultationId: MISSING, slotId: fits.id } }))).toBe('NOT_FOUND');
      expect(codeOf(await person.gql(BOOK, { input: { consultationId: c.id, slotId: MISSING } }))).toBe('NOT_FOUND');
      expect((await person.ok(MINE)).myConsultations[0]).toMatchObject({ status: 'REQUESTED', slot: null });

      const booked = (await biz.ok(BOOK, { input: { consultationId: c.id, slotId: fits.id } })).bookConsultationSlot;
      expect(booked).toMatchObject({ status: 'BOOKED', slot: { id: fits.id, booked: true } });
      const again = await person.gql(BOOK, { input: { consultationId: c.id, slotId: fitsToo.id } });
      expect([codeOf(again), reasonOf(again)]).toEqual(['CONFLICT', 'INVALID_STATUS_TRANSITION']);

      const other = (await (await t.candidate()).ok(REQUEST, { input: requestInput(regionId) })).requestConsultation;
      const taken = await biz.gql(BOOK, { input: { consultationId: other.id, slotId: fits.id } });
      expect([codeOf(taken), reasonOf(taken)]).toEqual(['CONFLICT', 'SLOT_TAKEN']);
    });
  });

  describe('cancelConsultation', () => {
    it('cancels by the person or routed staff and frees the slot', async () => {
      const [slot] = await offer(biz, { startsAt: [inHours(80)] });
      const person = await t.candidate();
      const c = (await person.ok(REQUEST, { input: requestInput(regionId, { slotId: slot.id }) })).requestConsultation;
      expect(codeOf(await (await t.candidate()).gql(CANCEL, { input: { consultationId: c.id } }))).toBe('FORBIDDEN');
      expect(codeOf(await city.gql(CANCEL, { input: { consultationId: c.id } }))).toBe('FORBIDDEN'); // WORK goes to biz only
      expect(codeOf(await t.anonymous().gql(CANCEL, { input: { consultationId: c.id } }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await person.gql(CANCEL, { input: { consultationId: MISSING } }))).toBe('NOT_FOUND');

      const cancelled = (await person.ok(CANCEL, { input: { consultationId: c.id } })).cancelConsultation;
      expect(cancelled).toMatchObject({ status: 'CANCELLED', slot: { id: slot.id, booked: false } });
      const twice = await person.gql(CANCEL, { input: { consultationId: c.id } });
      expect([codeOf(twice), reasonOf(twice)]).toEqual(['CONFLICT', 'INVALID_STATUS_TRANSITION']);
      const free = (await t.anonymous().ok(SLOTS, { filter: { regionId } })).consultationSlots.edges.map((e: any) => e.node.id);
      expect(free).toContain(slot.id);

      // Someone else books the freed slot; routed staff cancel that one.
      const next = (await (await t.candidate()).ok(REQUEST, { input: requestInput(regionId, { slotId: slot.id }) })).requestConsultation;
      expect(next.status).toBe('BOOKED');
      expect((await biz.ok(CANCEL, { input: { consultationId: next.id } })).cancelConsultation.status).toBe('CANCELLED');
      const booked = async () => (await t.sql(`SELECT count(*)::int AS n FROM support.consultation WHERE slot_id = $1 AND status <> 'CANCELLED'`, [slot.id]))[0].n;
      expect(await booked()).toBe(0);
    });
  });

  describe('recordConsultationOutcome', () => {
    it('routed staff record DONE or NO_SHOW with notes only staff and ADMIN see', async () => {
      const person = await t.candidate();
      const c = (await person.ok(REQUEST, { input: requestInput(regionId) })).requestConsultation;
      const notes = '港町水産の工場長候補を紹介。12月の現地ツアーを案内';
      const input = (over: Record<string, unknown> = {}) => ({ input: { consultationId: c.id, status: 'DONE', outcome: notes, ...over } });
      expect(codeOf(await person.gql(OUTCOME, input()))).toBe('FORBIDDEN');
      expect(codeOf(await city.gql(OUTCOME, input()))).toBe('FORBIDDEN');
      expect(codeOf(await t.anonymous().gql(OUTCOME, input()))).toBe('UNAUTHENTICATED');
      expect(codeOf(await biz.gql(OUTCOME, input({ consultationId: MISSING })))).toBe('NOT_FOUND');
      const wrong = await biz.gql(OUTCOME, input({ status: 'BOOKED' }));
      expect([codeOf(wrong), fieldsOf(wrong)]).toEqual(['BAD_USER_INPUT', ['status']]);

      const done = (await biz.ok(OUTCOME, input())).recordConsultationOutcome;
      expect(done).toMatchObject({ status: 'DONE', outcome: notes });
      expect((await person.ok(MINE)).myConsultations[0]).toMatchObject({ id: c.id, status: 'DONE', outcome: null });
      const adminView = (await (await t.admin()).ok(QUEUE, { regionId })).consultationQueue.edges.find((e: any) => e.node.id === c.id);
      expect(adminView.node.outcome).toBe(notes);
      for (const res of [await biz.gql(OUTCOME, input()), await biz.gql(CANCEL, { input: { consultationId: c.id } })]) {
        expect([codeOf(res), reasonOf(res)]).toEqual(['CONFLICT', 'INVALID_STATUS_TRANSITION']);
      }
      const noShow = (await (await t.candidate()).ok(REQUEST, { input: requestInput(regionId) })).requestConsultation;
      expect((await biz.ok(OUTCOME, { input: { consultationId: noShow.id, status: 'NO_SHOW' } })).recordConsultationOutcome)
        .toMatchObject({ status: 'NO_SHOW', outcome: null });
    });
  });

  describe('consultationQueue', () => {
    it('shows each routed organization its consultations, open first then oldest; nobody else', async () => {
      const region = (await t.region()).id;
      const work = await t.staff(['MATCHING_COORDINATE'], region);
      const home = await t.staff(['HOUSING_MANAGE'], region);
      const idle = await t.staff(['EVENTS_MANAGE'], region);
      const person = await t.candidate('並ぶ人');
      const first = (await person.ok(REQUEST, { input: requestInput(region, { topics: ['WORK'] }) })).requestConsultation;
      const second = (await person.ok(REQUEST, { input: requestInput(region, { topics: ['WORK', 'HOUSING'] }) })).requestConsultation;
      const third = (await person.ok(REQUEST, { input: requestInput(region, { topics: ['HOUSING'] }) })).requestConsultation;
      await work.ok(OUTCOME, { input: { consultationId: first.id, status: 'DONE' } });

      const ids = async (c: Client, statuses?: string[]) =>
        (await c.ok(QUEUE, { regionId: region, statuses })).consultationQueue.edges.map((e: any) => e.node.id);
      expect(await ids(work)).toEqual([second.id, first.id]); // open first, then oldest first
      expect(await ids(work, ['DONE'])).toEqual([first.id]);
      expect(await ids(home)).toEqual([second.id, third.id]);
      expect(await ids(idle)).toEqual([]);
      expect(await ids(biz)).toEqual([]); // another region's staff
      expect(await ids(await t.admin())).toEqual([second.id, third.id, first.id]);
      expect(codeOf(await person.gql(QUEUE, { regionId: region }))).toBe('FORBIDDEN');
      expect(codeOf(await t.anonymous().gql(QUEUE, { regionId: region }))).toBe('UNAUTHENTICATED');

      // Routed staff see the person's contact details.
      const node = (await work.ok(QUEUE, { regionId: region })).consultationQueue.edges[0].node;
      expect(node.person).toMatchObject({ displayName: '並ぶ人', fullName: '佐藤 真理子', phone: '090-1234-5678', email: expect.stringContaining('@') });

      const page1 = (await home.ok(QUEUE, { regionId: region, first: 1 })).consultationQueue;
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const page2 = (await home.ok(QUEUE, { regionId: region, first: 1, after: page1.pageInfo.endCursor })).consultationQueue;
      expect(page2.edges.map((e: any) => e.node.id)).toEqual([third.id]);
      expect(codeOf(await home.gql(QUEUE, { regionId: region, after: 'bad' }))).toBe('BAD_USER_INPUT');
    });

    it('shows contact details to routed staff only while a consultation routes to them (not CANCELLED)', async () => {
      const region = (await t.region()).id;
      const work = await t.staff(['CAREERS_MANAGE'], region);
      const person = await t.candidate();
      const c = (await person.ok(REQUEST, { input: requestInput(region) })).requestConsultation;
      await person.ok(CANCEL, { input: { consultationId: c.id } });
      const node = (await work.ok(QUEUE, { regionId: region })).consultationQueue.edges[0].node;
      expect(node).toMatchObject({ id: c.id, status: 'CANCELLED', person: { fullName: null, email: null, phone: null } });
    });
  });

  describe('integration events', () => {
    it('publishes ConsultationRequested, Booked, Completed and Cancelled with region, topics, account and routing, and no personal data', async () => {
      const person = await t.candidate();
      const [slot] = await offer(biz, { startsAt: [inHours(90)] });
      const a = (await person.ok(REQUEST, { input: requestInput(regionId, { slotId: slot.id }) })).requestConsultation;
      await biz.ok(OUTCOME, { input: { consultationId: a.id, status: 'DONE', outcome: '秘密のメモ' } });
      const b = (await person.ok(REQUEST, { input: requestInput(regionId) })).requestConsultation;
      await person.ok(CANCEL, { input: { consultationId: b.id } });
      const rows = await t.sql<{ type: string; aggregate_id: string; payload: any }>(
        `SELECT type, aggregate_id, payload FROM messaging.outbox WHERE source = 'support' AND aggregate_id = ANY($1::text[]) ORDER BY position`,
        [[a.id, b.id]],
      );
      expect(rows.map((r) => [r.type, r.aggregate_id])).toEqual([
        ['support.consultation.requested', a.id], ['support.consultation.booked', a.id], ['support.consultation.completed', a.id],
        ['support.consultation.requested', b.id], ['support.consultation.cancelled', b.id],
      ]);
      for (const r of rows) {
        expect(r.payload).toMatchObject({ regionId, accountId: person.accountId, topics: ['WORK'], routedOrganizationIds: [biz.organizationId] });
        expect(JSON.stringify(r.payload)).not.toMatch(/佐藤|090-1234-5678|秘密|@/);
      }
      expect(rows[1].payload).toMatchObject({ slotId: slot.id, slotOrganizationId: biz.organizationId, bookedBy: 'PERSON' });
      expect(rows[2].payload).toMatchObject({ status: 'DONE' });
      expect(rows[4].payload).toMatchObject({ previousStatus: 'REQUESTED', cancelledBy: 'PERSON' });
    });
  });
});
