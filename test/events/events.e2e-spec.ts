import { TestApp, codeOf, type Client } from '../harness/harness.js';
import { ReadLogProbeModule, capturedReads } from '../matching/personal-data-reads.fixtures.js';
import {
  CANCEL_EVENT,
  CANCEL_REGISTRATION,
  CHECK_IN,
  CLOSE,
  COMPLETE,
  COUNTS,
  CREATE_EVENT,
  EVENT,
  EVENT_REGISTRATIONS,
  FEEDBACK,
  MY_REGISTRATIONS,
  OPEN,
  REGISTER,
  eventInput,
  fieldsOf,
  openEvent,
  reasonOf,
} from './events.fixtures.js';

type Staff = Client & { organizationId: string; regionId: string };
const MISSING = '00000000-0000-4000-8000-000000000000';
const DAY = 24 * 3600 * 1000;

describe('events through GraphQL', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    // Organizer staff's reads of attendeeEmail go to the access log: a probe takes them here.
    t = await TestApp.start({ extraModules: [ReadLogProbeModule] });
    staff = await t.staff(['EVENTS_MANAGE']);
  });
  afterAll(() => t.close());

  const outbox = (type: string, eventId: string) =>
    t.sql(`SELECT payload FROM messaging.outbox WHERE type = $1 AND aggregate_id = $2 ORDER BY position`, [type, eventId]);

  describe('createEvent', () => {
    it('lets organizer staff create a DRAFT in their organization’s region, with programme and speakers', async () => {
      const input = eventInput(staff.organizationId, {
        kind: 'TOUR',
        meetingPoint: '一ノ関駅',
        capacity: 20,
        allocation: 'LOTTERY',
        program: [{ title: '地域事業者見学' }, { title: '事業者・参加者交流', description: '地域事業者との無料マッチング' }],
        speakers: [{ name: '栗山 麗子', affiliation: '気仙沼ビズ', title: 'センター長' }, { name: '猪尾 愛隆', affiliation: 'JOINS' }],
      });
      const res = await staff.gql(CREATE_EVENT, { input });
      expect(res.errors).toBeUndefined();
      const event = res.data!.createEvent;
      expect(event).toMatchObject({
        kind: 'TOUR',
        status: 'DRAFT',
        capacity: 20,
        feeYen: 0,
        allocation: 'LOTTERY',
        meetingPoint: '一ノ関駅',
        applicationDeadline: null,
        venue: { name: 'MY Shokudo Hall & Kitchen', online: false },
        program: [
          { startsAt: null, title: '地域事業者見学', description: null },
          { startsAt: null, title: '事業者・参加者交流', description: '地域事業者との無料マッチング' },
        ],
        speakers: [
          { name: '栗山 麗子', affiliation: '気仙沼ビズ', title: 'センター長' },
          { name: '猪尾 愛隆', affiliation: 'JOINS', title: null },
        ],
        confirmedCount: 0,
        waitlistedCount: 0,
        appliedCount: 0,
        seatsLeft: 20,
        region: { id: staff.regionId },
        organizer: { id: staff.organizationId },
      });
      expect(new Date(event.startsAt).toISOString()).toBe(input.startsAt);
      const [created] = await outbox('events.event.created', event.id);
      expect(created.payload).toMatchObject({
        eventId: event.id,
        eventKind: 'TOUR',
        regionId: staff.regionId,
        organizerOrganizationId: staff.organizationId,
        status: 'DRAFT',
      });
    });

    it('refuses everyone else: FORBIDDEN signed in, UNAUTHENTICATED anonymous', async () => {
      const input = eventInput(staff.organizationId);
      const sameRegionOtherOrg = await t.staff(['EVENTS_MANAGE'], staff.regionId);
      const noCapability = await t.staff(['CAREERS_MANAGE']);
      for (const caller of [sameRegionOtherOrg, noCapability, await t.candidate(), await t.admin()]) {
        expect(codeOf(await caller.gql(CREATE_EVENT, { input }))).toBe('FORBIDDEN');
      }
      // Staff of an organization without EVENTS_MANAGE, for their own organization.
      expect(codeOf(await noCapability.gql(CREATE_EVENT, { input: eventInput(noCapability.organizationId) }))).toBe('FORBIDDEN');
      expect(codeOf(await t.anonymous().gql(CREATE_EVENT, { input }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await staff.gql(CREATE_EVENT, { input: eventInput(MISSING) }))).toBe('FORBIDDEN');
    });

    it('refuses invalid input with BAD_USER_INPUT naming the fields, and writes nothing', async () => {
      const before = await t.sql(`SELECT count(*)::int AS n FROM events.event`);
      const shape = await staff.gql(CREATE_EVENT, {
        input: eventInput(staff.organizationId, { capacity: 0, feeYen: -500, title: '', venue: { name: '', address: '東京' } }),
      });
      expect(codeOf(shape)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(shape).sort()).toEqual(['capacity', 'feeYen', 'title', 'venue.name']);

      const startsAt = new Date(Date.now() + 10 * DAY);
      const dates = await staff.gql(CREATE_EVENT, {
        input: eventInput(staff.organizationId, {
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() - 60_000).toISOString(),
          applicationDeadline: new Date(startsAt.getTime() + DAY).toISOString(),
          program: [{ title: '第1部', startsAt: new Date(startsAt.getTime() - DAY).toISOString() }],
        }),
      });
      expect(codeOf(dates)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(dates)).toEqual(['endsAt', 'applicationDeadline', 'program.0.startsAt']);

      const wrongType = await staff.gql(CREATE_EVENT, { input: { ...eventInput(staff.organizationId), capacity: 'sixty' } });
      expect(codeOf(wrongType)).toBe('BAD_USER_INPUT');
      expect(await t.sql(`SELECT count(*)::int AS n FROM events.event`)).toEqual(before);
    });
  });

  describe('lifecycle', () => {
    it('runs DRAFT -> OPEN -> CLOSED -> COMPLETED, recording each move in the outbox', async () => {
      const { createEvent } = await staff.ok(CREATE_EVENT, { input: eventInput(staff.organizationId) });
      const id = createEvent.id;
      expect((await staff.ok(OPEN, { id })).openEventRegistration.status).toBe('OPEN');
      expect((await staff.ok(CLOSE, { id })).closeEventRegistration.status).toBe('CLOSED');
      expect((await staff.ok(COMPLETE, { id })).completeEvent.status).toBe('COMPLETED');
      for (const type of ['events.event.created', 'events.event.opened', 'events.event.closed', 'events.event.completed']) {
        expect(await outbox(type, id)).toHaveLength(1);
      }
    });

    it('cancels from DRAFT, OPEN or CLOSED only', async () => {
      for (const steps of [[], [OPEN], [OPEN, CLOSE]]) {
        const { createEvent } = await staff.ok(CREATE_EVENT, { input: eventInput(staff.organizationId) });
        for (const step of steps) await staff.ok(step, { id: createEvent.id });
        expect((await staff.ok(CANCEL_EVENT, { id: createEvent.id })).cancelEvent.status).toBe('CANCELLED');
        expect(await outbox('events.event.cancelled', createEvent.id)).toHaveLength(1);
      }
    });

    it('refuses invalid moves with CONFLICT INVALID_STATUS_TRANSITION', async () => {
      const { createEvent } = await staff.ok(CREATE_EVENT, { input: eventInput(staff.organizationId) });
      const id = createEvent.id;
      for (const move of [CLOSE, COMPLETE]) {
        const res = await staff.gql(move, { id });
        expect(codeOf(res)).toBe('CONFLICT');
        expect(reasonOf(res)).toBe('INVALID_STATUS_TRANSITION');
      }
      await staff.ok(OPEN, { id });
      expect(reasonOf(await staff.gql(OPEN, { id }))).toBe('INVALID_STATUS_TRANSITION');
      expect(reasonOf(await staff.gql(COMPLETE, { id }))).toBe('INVALID_STATUS_TRANSITION');
      await staff.ok(CANCEL_EVENT, { id });
      for (const move of [OPEN, CLOSE, COMPLETE, CANCEL_EVENT]) expect(reasonOf(await staff.gql(move, { id }))).toBe('INVALID_STATUS_TRANSITION');
      expect((await staff.ok(COUNTS, { id })).event.status).toBe('CANCELLED');
    });

    it('lets only organizer staff move an event', async () => {
      const id = await openEvent(staff);
      const otherOrg = await t.staff(['EVENTS_MANAGE'], staff.regionId);
      const otherRegion = await t.staff(['EVENTS_MANAGE']);
      const withoutCapability = await t.staff(['HOUSING_MANAGE'], staff.regionId);
      for (const caller of [otherOrg, otherRegion, withoutCapability, await t.candidate(), await t.admin()]) {
        for (const move of [CLOSE, CANCEL_EVENT]) expect(codeOf(await caller.gql(move, { id }))).toBe('FORBIDDEN');
      }
      expect(codeOf(await t.anonymous().gql(CLOSE, { id }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await staff.gql(CLOSE, { id: MISSING }))).toBe('NOT_FOUND');
      expect(codeOf(await staff.gql(CLOSE, { id: 'not-an-id' }))).toBe('NOT_FOUND');
      expect((await staff.ok(COUNTS, { id })).event.status).toBe('OPEN');
    });
  });

  describe('reading events', () => {
    it('hides a DRAFT from all but organizer staff (NOT_FOUND), and shows the rest to anyone', async () => {
      const { createEvent } = await staff.ok(CREATE_EVENT, { input: eventInput(staff.organizationId) });
      const id = createEvent.id;
      const otherOrg = await t.staff(['EVENTS_MANAGE'], staff.regionId);
      for (const caller of [t.anonymous(), await t.candidate(), otherOrg, await t.admin()]) {
        expect(codeOf(await caller.gql(EVENT, { id }))).toBe('NOT_FOUND');
      }
      expect((await staff.ok(EVENT, { id })).event).toMatchObject({ id, status: 'DRAFT' });
      await staff.ok(OPEN, { id });
      expect((await t.anonymous().ok(EVENT, { id })).event).toMatchObject({ id, status: 'OPEN', myRegistration: null });
      expect(codeOf(await t.anonymous().gql(EVENT, { id: MISSING }))).toBe('NOT_FOUND');
    });

    it('lists public events soonest first with keyset pagination and filters', async () => {
      const region = await t.region();
      const organizer = await t.staff(['EVENTS_MANAGE'], region.id);
      const base = Date.now() + 100 * DAY;
      const at = (days: number) => ({ startsAt: new Date(base + days * DAY).toISOString(), endsAt: new Date(base + days * DAY + 3600_000).toISOString() });
      const later = await openEvent(organizer, { ...at(3), title: 'C', kind: 'TOUR' });
      const soonest = await openEvent(organizer, { ...at(1), title: 'A' });
      const middle = await openEvent(organizer, { ...at(2), title: 'B', kind: 'WORKSHOP' });
      await organizer.ok(CLOSE, { id: middle });
      const draft = (await organizer.ok(CREATE_EVENT, { input: eventInput(organizer.organizationId, { ...at(0), title: 'draft' }) })).createEvent.id;
      const cancelled = await openEvent(organizer, { ...at(0.5), title: 'cancelled' });
      await organizer.ok(CANCEL_EVENT, { id: cancelled });

      const LIST = `query($filter: EventFilter, $first: Int, $after: String) {
        events(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id title status } } } }`;
      const anon = t.anonymous();
      const page1 = (await anon.ok(LIST, { filter: { regionId: region.id }, first: 2 })).events;
      expect(page1.totalCount).toBe(3);
      expect(page1.edges.map((e: any) => e.node.title)).toEqual(['A', 'B']);
      expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      const page2 = (await anon.ok(LIST, { filter: { regionId: region.id }, first: 2, after: page1.pageInfo.endCursor })).events;
      expect(page2.edges.map((e: any) => e.node.id)).toEqual([later]);
      expect(page2.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

      const kinds = (await anon.ok(LIST, { filter: { regionId: region.id, kinds: ['TOUR', 'WORKSHOP'] } })).events;
      expect(kinds.edges.map((e: any) => e.node.id)).toEqual([middle, later]);
      const after2 = (await anon.ok(LIST, { filter: { regionId: region.id, startsAfter: new Date(base + 1.5 * DAY).toISOString() } })).events;
      expect(after2.edges.map((e: any) => e.node.id)).toEqual([middle, later]);
      const open = (await anon.ok(LIST, { filter: { regionId: region.id, statuses: ['OPEN'] } })).events;
      expect(open.edges.map((e: any) => e.node.id)).toEqual([soonest, later]);

      // DRAFT and CANCELLED: only organizer staff, and only when asked for.
      const hidden = { regionId: region.id, statuses: ['DRAFT', 'CANCELLED'] };
      expect((await organizer.ok(LIST, { filter: hidden })).events.edges.map((e: any) => e.node.id)).toEqual([draft, cancelled]);
      expect((await organizer.ok(LIST, { filter: { regionId: region.id } })).events.totalCount).toBe(3);
      for (const caller of [anon, await t.candidate(), await t.staff(['EVENTS_MANAGE'], region.id)]) {
        expect((await caller.ok(LIST, { filter: hidden })).events).toMatchObject({ totalCount: 0, edges: [] });
      }

      expect(codeOf(await anon.gql(LIST, { first: 0 }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await anon.gql(LIST, { after: 'garbage' }))).toBe('BAD_USER_INPUT');
    });
  });

  describe('registration, first come', () => {
    let eventId: string;
    let a: Client;
    let b: Client;
    let c: Client;
    let d: Client;
    beforeAll(async () => {
      eventId = await openEvent(staff, { capacity: 2 });
      [a, b, c, d] = await Promise.all(['一郎', '二郎', '三郎', '四郎'].map((name) => t.candidate(name)));
    });

    it('confirms while seats are left, then queues with positions 1..n', async () => {
      const ra = (await a.ok(REGISTER, { id: eventId })).registerForEvent;
      const rb = (await b.ok(REGISTER, { id: eventId })).registerForEvent;
      const rc = (await c.ok(REGISTER, { id: eventId })).registerForEvent;
      const rd = (await d.ok(REGISTER, { id: eventId })).registerForEvent;
      expect([ra, rb, rc, rd].map((r) => [r.status, r.waitlistPosition])).toEqual([
        ['CONFIRMED', null],
        ['CONFIRMED', null],
        ['WAITLISTED', 1],
        ['WAITLISTED', 2],
      ]);
      expect(ra).toMatchObject({ attendeeDisplayName: '一郎', event: { id: eventId, status: 'OPEN' } });
      expect(ra.attendeeEmail).toMatch(/@test\.minato\.example$/);
      expect((await t.anonymous().ok(COUNTS, { id: eventId })).event).toEqual({
        status: 'OPEN', capacity: 2, confirmedCount: 2, waitlistedCount: 2, appliedCount: 0, seatsLeft: 0,
      });
      expect((await c.ok(EVENT, { id: eventId })).event.myRegistration).toEqual({ id: rc.id, status: 'WAITLISTED', waitlistPosition: 1 });
      const confirmed = await outbox('events.registration.confirmed', eventId);
      expect(confirmed.map((r) => r.payload.accountId)).toEqual([a.accountId, b.accountId]);
      expect(confirmed[0].payload).toEqual({
        eventId,
        eventKind: 'BRIEFING',
        regionId: staff.regionId,
        organizerOrganizationId: staff.organizationId,
        eventStartsAt: expect.any(String),
        accountId: a.accountId,
        registrationId: ra.id,
        via: 'REGISTRATION',
      });
      const waitlisted = await outbox('events.registration.waitlisted', eventId);
      expect(waitlisted.map((r) => [r.payload.accountId, r.payload.waitlistPosition])).toEqual([[c.accountId, 1], [d.accountId, 2]]);
    });

    it('returns the existing registration unchanged when registering again', async () => {
      const before = (await c.ok(EVENT, { id: eventId })).event.myRegistration;
      const again = (await c.ok(REGISTER, { id: eventId })).registerForEvent;
      expect(again).toMatchObject({ id: before.id, status: 'WAITLISTED', waitlistPosition: 1 });
      expect(await t.sql(`SELECT count(*)::int AS n FROM events.registration WHERE event_id = $1 AND account_id = $2`, [eventId, c.accountId])).toEqual([{ n: 1 }]);
    });

    it('lets only candidates register, and only for an OPEN event before its deadline', async () => {
      for (const caller of [staff, await t.admin()]) expect(codeOf(await caller.gql(REGISTER, { id: eventId }))).toBe('FORBIDDEN');
      expect(codeOf(await t.anonymous().gql(REGISTER, { id: eventId }))).toBe('UNAUTHENTICATED');
      const someone = await t.candidate();
      expect(codeOf(await someone.gql(REGISTER, { id: MISSING }))).toBe('NOT_FOUND');
      const draft = (await staff.ok(CREATE_EVENT, { input: eventInput(staff.organizationId) })).createEvent.id;
      expect(codeOf(await someone.gql(REGISTER, { id: draft }))).toBe('NOT_FOUND');

      const closed = await openEvent(staff);
      await staff.ok(CLOSE, { id: closed });
      const res = await someone.gql(REGISTER, { id: closed });
      expect(codeOf(res)).toBe('CONFLICT');
      expect(reasonOf(res)).toBe('REGISTRATION_CLOSED');
      const late = await openEvent(staff, { applicationDeadline: new Date(Date.now() - 60_000).toISOString() });
      expect(reasonOf(await someone.gql(REGISTER, { id: late }))).toBe('REGISTRATION_CLOSED');
      const cancelled = await openEvent(staff);
      await staff.ok(CANCEL_EVENT, { id: cancelled });
      expect(reasonOf(await someone.gql(REGISTER, { id: cancelled }))).toBe('REGISTRATION_CLOSED');
      expect(await t.sql(`SELECT 1 FROM events.registration WHERE account_id = $1`, [someone.accountId])).toHaveLength(0);
    });

    it('hands a cancelled seat to the head of the queue at once and moves the queue up', async () => {
      const mine = (await a.ok(EVENT, { id: eventId })).event.myRegistration;
      const cancelled = (await a.ok(CANCEL_REGISTRATION, { id: mine.id })).cancelRegistration;
      expect(cancelled).toMatchObject({ id: mine.id, status: 'CANCELLED', waitlistPosition: null });
      expect((await c.ok(EVENT, { id: eventId })).event.myRegistration).toMatchObject({ status: 'CONFIRMED', waitlistPosition: null });
      expect((await d.ok(EVENT, { id: eventId })).event.myRegistration).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 1 });
      expect((await a.ok(EVENT, { id: eventId })).event.myRegistration).toBeNull();
      expect((await t.anonymous().ok(COUNTS, { id: eventId })).event).toMatchObject({ confirmedCount: 2, waitlistedCount: 1, seatsLeft: 0 });
      const [promoted] = await outbox('events.registration.promoted', eventId);
      expect(promoted.payload).toMatchObject({ accountId: c.accountId, regionId: staff.regionId, eventKind: 'BRIEFING' });
      const [cancel] = await outbox('events.registration.cancelled', eventId);
      expect(cancel.payload).toMatchObject({ accountId: a.accountId, registrationId: mine.id, previousStatus: 'CONFIRMED', cancelledBy: 'ATTENDEE' });

      // Cancelling again changes nothing.
      expect((await a.ok(CANCEL_REGISTRATION, { id: mine.id })).cancelRegistration.status).toBe('CANCELLED');
      expect(await outbox('events.registration.cancelled', eventId)).toHaveLength(1);

      // Registering again after cancelling: a new registration, at the end of the queue.
      const back = (await a.ok(REGISTER, { id: eventId })).registerForEvent;
      expect(back).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 2 });
      expect(back.id).not.toBe(mine.id);
    });

    it('lets organizer staff cancel for an attendee, but no one else', async () => {
      const mine = (await d.ok(EVENT, { id: eventId })).event.myRegistration;
      const stranger = await t.candidate();
      const otherStaff = await t.staff(['EVENTS_MANAGE'], staff.regionId);
      for (const caller of [stranger, otherStaff]) expect(codeOf(await caller.gql(CANCEL_REGISTRATION, { id: mine.id }))).toBe('FORBIDDEN');
      expect(codeOf(await t.anonymous().gql(CANCEL_REGISTRATION, { id: mine.id }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await staff.gql(CANCEL_REGISTRATION, { id: MISSING }))).toBe('NOT_FOUND');
      const byStaff = (await staff.ok(CANCEL_REGISTRATION, { id: mine.id })).cancelRegistration;
      expect(byStaff).toMatchObject({ status: 'CANCELLED' });
      // The queue closes the gap: a (re-registered) is now first.
      expect((await a.ok(EVENT, { id: eventId })).event.myRegistration).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 1 });
      const cancels = await outbox('events.registration.cancelled', eventId);
      expect(cancels[cancels.length - 1].payload).toMatchObject({ accountId: d.accountId, previousStatus: 'WAITLISTED', cancelledBy: 'ORGANIZER' });
    });

    it('lists a candidate’s registrations newest first (CANDIDATE only)', async () => {
      const other = await openEvent(staff);
      await a.ok(REGISTER, { id: other });
      const mine = (await a.ok(MY_REGISTRATIONS)).myRegistrations;
      expect(mine.map((r: any) => [r.event.id, r.status])).toEqual([
        [other, 'CONFIRMED'],
        [eventId, 'WAITLISTED'],
        [eventId, 'CANCELLED'],
      ]);
      expect(codeOf(await staff.gql(MY_REGISTRATIONS))).toBe('FORBIDDEN');
      expect(codeOf(await t.anonymous().gql(MY_REGISTRATIONS))).toBe('UNAUTHENTICATED');
    });

    it('lists an event’s registrations in registration order to organizer staff, with emails', async () => {
      const first = (await staff.ok(EVENT_REGISTRATIONS, { id: eventId, first: 3 })).eventRegistrations;
      expect(first.totalCount).toBe(5);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const rest = (await staff.ok(EVENT_REGISTRATIONS, { id: eventId, first: 10, after: first.pageInfo.endCursor })).eventRegistrations;
      expect(rest.pageInfo.hasNextPage).toBe(false);
      const all = [...first.edges, ...rest.edges].map((e: any) => e.node);
      expect(all.map((r: any) => [r.attendeeDisplayName, r.status, r.waitlistPosition])).toEqual([
        ['一郎', 'CANCELLED', null],
        ['二郎', 'CONFIRMED', null],
        ['三郎', 'CONFIRMED', null],
        ['四郎', 'CANCELLED', null],
        ['一郎', 'WAITLISTED', 1],
      ]);
      expect(all.every((r: any) => /@test\.minato\.example$/.test(r.attendeeEmail))).toBe(true);

      const otherOrg = await t.staff(['EVENTS_MANAGE'], staff.regionId);
      for (const caller of [otherOrg, await t.candidate(), await t.admin()]) {
        expect(codeOf(await caller.gql(EVENT_REGISTRATIONS, { id: eventId }))).toBe('FORBIDDEN');
      }
      expect(codeOf(await t.anonymous().gql(EVENT_REGISTRATIONS, { id: eventId }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await staff.gql(EVENT_REGISTRATIONS, { id: MISSING }))).toBe('NOT_FOUND');
    });
  });

  describe('personal data', () => {
    it('shows attendeeEmail to the attendee and organizer staff; the stored copy is from registration time', async () => {
      const eventId = await openEvent(staff);
      const candidate = await t.candidate('佐藤 真理子');
      const reg = (await candidate.ok(REGISTER, { id: eventId })).registerForEvent;
      const email = (await candidate.ok(`{ me { email } }`)).me.email;
      capturedReads.length = 0;
      expect(reg).toMatchObject({ attendeeDisplayName: '佐藤 真理子', attendeeEmail: email });
      expect((await candidate.ok(MY_REGISTRATIONS)).myRegistrations[0].attendeeEmail).toBe(email);
      expect(capturedReads).toEqual([]); // the attendee's own reads are not logged
      const listed = (await staff.ok(EVENT_REGISTRATIONS, { id: eventId })).eventRegistrations.edges[0].node;
      expect(listed).toMatchObject({ id: reg.id, attendeeEmail: email });
      // Organizer staff's read is (contract 90-privacy): who, whose, which field, through which operation.
      expect(capturedReads).toEqual([
        { readerAccountId: staff.accountId, subjectAccountId: candidate.accountId, fields: ['email'], via: 'eventRegistrations.attendeeEmail' },
      ]);
      // Nobody else reaches a registration; anonymous callers see no myRegistration at all.
      expect((await t.anonymous().ok(EVENT, { id: eventId })).event.myRegistration).toBeNull();
      expect((await (await t.candidate()).ok(EVENT, { id: eventId })).event.myRegistration).toBeNull();
    });
  });

  describe('on the day', () => {
    it('checks in, completes (NO_SHOW for the rest) and takes feedback once from attendees', async () => {
      const eventId = await openEvent(staff, { capacity: 2 });
      const [came, absent, queued] = await Promise.all([t.candidate('来た人'), t.candidate('来なかった人'), t.candidate('待った人')]);
      const rCame = (await came.ok(REGISTER, { id: eventId })).registerForEvent;
      const rAbsent = (await absent.ok(REGISTER, { id: eventId })).registerForEvent;
      const rQueued = (await queued.ok(REGISTER, { id: eventId })).registerForEvent;
      await staff.ok(CLOSE, { id: eventId });

      // Only organizer staff check in, only CONFIRMED registrations.
      const otherStaff = await t.staff(['EVENTS_MANAGE'], staff.regionId);
      for (const caller of [otherStaff, came]) expect(codeOf(await caller.gql(CHECK_IN, { id: rCame.id }))).toBe('FORBIDDEN');
      expect(codeOf(await t.anonymous().gql(CHECK_IN, { id: rCame.id }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await staff.gql(CHECK_IN, { id: MISSING }))).toBe('NOT_FOUND');
      const notConfirmed = await staff.gql(CHECK_IN, { id: rQueued.id });
      expect([codeOf(notConfirmed), reasonOf(notConfirmed)]).toEqual(['CONFLICT', 'REGISTRATION_NOT_CONFIRMED']);
      expect((await staff.ok(CHECK_IN, { id: rCame.id })).checkInAttendee).toMatchObject({ status: 'ATTENDED' });
      expect((await staff.ok(CHECK_IN, { id: rCame.id })).checkInAttendee).toMatchObject({ status: 'ATTENDED' });
      expect(await outbox('events.attendee.checked-in', eventId)).toHaveLength(1);
      // An attended seat cannot be given back.
      expect(reasonOf(await came.gql(CANCEL_REGISTRATION, { id: rCame.id }))).toBe('REGISTRATION_NOT_CANCELLABLE');

      // Feedback waits for the check-in.
      const early = await absent.gql(FEEDBACK, { input: { registrationId: rAbsent.id, rating: 3 } });
      expect([codeOf(early), reasonOf(early)]).toEqual(['CONFLICT', 'NOT_ATTENDED']);

      const completed = (await staff.ok(COMPLETE, { id: eventId })).completeEvent;
      expect(completed).toMatchObject({ status: 'COMPLETED', confirmedCount: 2 });
      const status = async (c: Client) => (await c.ok(MY_REGISTRATIONS)).myRegistrations[0].status;
      expect([await status(came), await status(absent), await status(queued)]).toEqual(['ATTENDED', 'NO_SHOW', 'WAITLISTED']);
      const [noShow] = await outbox('events.attendee.no-show', eventId);
      expect(noShow.payload).toMatchObject({ accountId: absent.accountId, registrationId: rAbsent.id, regionId: staff.regionId });
      expect((await outbox('events.event.completed', eventId))[0].payload).toMatchObject({ attendedCount: 1, noShowCount: 1 });
      expect(reasonOf(await staff.gql(CHECK_IN, { id: rAbsent.id }))).toBe('EVENT_NOT_ACTIVE');

      const input = { registrationId: rCame.id, rating: 5, comment: '気仙沼の方々の話が具体的でした', interestedWorkStyles: ['SIDE_JOB', 'PRO_BONO'] };
      expect(codeOf(await staff.gql(FEEDBACK, { input }))).toBe('FORBIDDEN');
      expect(codeOf(await absent.gql(FEEDBACK, { input }))).toBe('FORBIDDEN');
      expect(codeOf(await t.anonymous().gql(FEEDBACK, { input }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await came.gql(FEEDBACK, { input: { ...input, registrationId: MISSING } }))).toBe('NOT_FOUND');
      const badRating = await came.gql(FEEDBACK, { input: { ...input, rating: 6 } });
      expect([codeOf(badRating), fieldsOf(badRating)]).toEqual(['BAD_USER_INPUT', ['rating']]);
      const feedback = (await came.ok(FEEDBACK, { input })).submitEventFeedback;
      expect(feedback).toMatchObject({ rating: 5, comment: input.comment, interestedWorkStyles: ['PRO_BONO', 'SIDE_JOB'] });
      const twice = await came.gql(FEEDBACK, { input });
      expect([codeOf(twice), reasonOf(twice)]).toEqual(['CONFLICT', 'FEEDBACK_ALREADY_SUBMITTED']);
      const noShowFeedback = await absent.gql(FEEDBACK, { input: { registrationId: rAbsent.id, rating: 1 } });
      expect(reasonOf(noShowFeedback)).toBe('NOT_ATTENDED');
      const [submitted] = await t.sql(`SELECT payload FROM messaging.outbox WHERE type = 'events.feedback.submitted' AND aggregate_id = $1`, [feedback.id]);
      expect(submitted.payload).toEqual({
        eventId,
        eventKind: 'BRIEFING',
        regionId: staff.regionId,
        organizerOrganizationId: staff.organizationId,
        eventStartsAt: expect.any(String),
        accountId: came.accountId,
        registrationId: rCame.id,
        feedbackId: feedback.id,
        rating: 5,
        interestedWorkStyles: ['PRO_BONO', 'SIDE_JOB'],
      });
    });

    it('refuses to change registrations of a cancelled event', async () => {
      const eventId = await openEvent(staff);
      const candidate = await t.candidate();
      const reg = (await candidate.ok(REGISTER, { id: eventId })).registerForEvent;
      await staff.ok(CANCEL_EVENT, { id: eventId });
      expect(reasonOf(await candidate.gql(CANCEL_REGISTRATION, { id: reg.id }))).toBe('EVENT_NOT_ACTIVE');
      expect(reasonOf(await staff.gql(CHECK_IN, { id: reg.id }))).toBe('EVENT_NOT_ACTIVE');
      // Registering again returns the registration it still has.
      expect((await candidate.ok(REGISTER, { id: eventId })).registerForEvent.id).toBe(reg.id);
    });
  });

  it('keeps the event counters equal to the registrations', async () => {
    const mismatches = await t.sql(`
      SELECT e.id FROM events.event e
        LEFT JOIN LATERAL (
          SELECT count(*) FILTER (WHERE status IN ('CONFIRMED', 'ATTENDED', 'NO_SHOW'))::int AS confirmed,
                 count(*) FILTER (WHERE status = 'WAITLISTED')::int AS waitlisted,
                 count(*) FILTER (WHERE status = 'APPLIED')::int AS applied
            FROM events.registration r WHERE r.event_id = e.id) c ON true
       WHERE (e.confirmed_count, e.waitlisted_count, e.applied_count) <> (c.confirmed, c.waitlisted, c.applied)`);
    expect(mismatches).toEqual([]);
    expect((await t.sql(`SELECT count(*)::int AS n FROM events.event`))[0].n).toBeGreaterThan(10);
  });
});
