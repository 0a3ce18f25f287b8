import { QueryBus } from '@nestjs/cqrs';
import { ExportEventsPersonalDataQuery } from '#libs/contracts/events/personal-data.js';
import { AccountErasureRequested, ERASED_DISPLAY_NAME } from '#libs/contracts/privacy/index.js';
import { ReadLogProbeModule } from '../matching/personal-data-reads.fixtures.js';
import { TestApp, type Client } from '../harness/harness.js';
import { personalDataTraces } from '../harness/personal-data.js';
import { CHECK_IN, CLOSE, COMPLETE, COUNTS, FEEDBACK, MY_REGISTRATIONS, REGISTER, openEvent } from './events.fixtures.js';

// Contract 90-privacy as the events module keeps it: the person's export, and their erasure —
// live registrations cancelled as their own cancelRegistration would (the queue moves up),
// then no name, email or comment of theirs left in the events schema or its payloads.

type Staff = Client & { organizationId: string; regionId: string };

describe('events and personal data (contract 90-privacy)', () => {
  let t: TestApp;
  let staff: Staff;
  const erase = async (accountId: string) => {
    await t.publish([AccountErasureRequested.create(accountId, { accountId, requestedAt: new Date().toISOString() })]);
    await t.drainAll();
  };

  /** Every column of the events schema, and events' payloads in the log, that hold `needle`. */
  const whereIs = (needle: string) => personalDataTraces(t, [needle], { schemas: ['events'], outboxSources: ['events'] });

  beforeAll(async () => {
    // Organizer staff's reads of attendeeEmail (CHECK_IN answers with it) go to the access log: a probe takes them.
    t = await TestApp.start({ extraModules: [ReadLogProbeModule] });
    staff = await t.staff(['EVENTS_MANAGE']);
  });
  afterAll(() => t.close());

  it('exports the person\'s registrations, feedback and lottery places through ExportEventsPersonalDataQuery', async () => {
    const person = await t.candidate('エクスポート参加者');
    const email = (await person.ok(`{ me { email } }`)).me.email;
    const past = await openEvent(staff, { title: '港町ツアー', capacity: 5 });
    const reg = (await person.ok(REGISTER, { id: past })).registerForEvent;
    await staff.ok(CLOSE, { id: past });
    await staff.ok(CHECK_IN, { id: reg.id });
    await staff.ok(COMPLETE, { id: past });
    await person.ok(FEEDBACK, { input: { registrationId: reg.id, rating: 4, comment: 'とても良かった', interestedWorkStyles: ['SIDE_JOB'] } });
    const upcoming = await openEvent(staff, { title: '東京説明会' });
    await person.ok(REGISTER, { id: upcoming });

    const section = await t.app.get(QueryBus).execute(new ExportEventsPersonalDataQuery(person.accountId!));
    expect(JSON.parse(JSON.stringify(section))).toEqual(section);
    expect(section.registrations).toEqual([
      expect.objectContaining({ id: reg.id, eventId: past, eventTitle: '港町ツアー', status: 'ATTENDED', attendeeDisplayName: 'エクスポート参加者', attendeeEmail: email }),
      expect.objectContaining({ eventId: upcoming, eventTitle: '東京説明会', status: 'CONFIRMED', waitlistPosition: null, createdAt: expect.stringMatching(/Z$/) }),
    ]);
    expect((section.registrations as object[])[0]).not.toHaveProperty('seq');
    expect(section.feedback).toEqual([
      { id: expect.any(String), registrationId: reg.id, eventId: past, eventTitle: '港町ツアー', rating: 4, comment: 'とても良かった',
        interestedWorkStyles: ['SIDE_JOB'], createdAt: expect.any(String) },
    ]);
    expect(section.lotteryDraws).toEqual([]);
    expect(await t.app.get(QueryBus).execute(new ExportEventsPersonalDataQuery('not-an-id'))).toEqual({ registrations: [], feedback: [], lotteryDraws: [] });
  });

  it('erasure cancels the person\'s live registrations as their own cancellation would (the queue moves up) and leaves nothing of theirs', async () => {
    const A = await t.candidate('消去される参加者A');
    const B = await t.candidate('待っていた参加者B');
    const C = await t.candidate('その次の参加者C');
    const aEmail = (await A.ok(`{ me { email } }`)).me.email;
    const PHONE = '080-5555-0199';

    // Before: A attended a tour and wrote feedback (with contact details), applied to a lottery, and holds the one seat of a briefing B and C queue for.
    const past = await openEvent(staff, { title: '過去のツアー', capacity: 5 });
    const attended = (await A.ok(REGISTER, { id: past })).registerForEvent;
    await staff.ok(CLOSE, { id: past });
    await staff.ok(CHECK_IN, { id: attended.id });
    await staff.ok(COMPLETE, { id: past });
    await A.ok(FEEDBACK, { input: { registrationId: attended.id, rating: 5, comment: `また参加したいです。${aEmail} ${PHONE}` } });
    const lottery = await openEvent(staff, { kind: 'TOUR', allocation: 'LOTTERY', capacity: 3, meetingPoint: '一ノ関駅' });
    const applied = (await A.ok(REGISTER, { id: lottery })).registerForEvent;
    const eventId = await openEvent(staff, { capacity: 1 });
    const seat = (await A.ok(REGISTER, { id: eventId })).registerForEvent;
    expect((await B.ok(REGISTER, { id: eventId })).registerForEvent).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 1 });
    expect((await C.ok(REGISTER, { id: eventId })).registerForEvent).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 2 });
    expect(seat.status).toBe('CONFIRMED');
    expect(applied.status).toBe('APPLIED');
    await t.drainAll();
    for (const needle of ['消去される参加者A', aEmail, PHONE]) expect(await whereIs(needle)).not.toEqual([]);

    await erase(A.accountId!);

    // B has the seat, C moved up; A's seat and application are cancelled by A (ATTENDEE), the attended tour stays.
    expect((await B.ok(MY_REGISTRATIONS)).myRegistrations[0]).toMatchObject({ status: 'CONFIRMED', waitlistPosition: null });
    expect((await C.ok(MY_REGISTRATIONS)).myRegistrations[0]).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 1 });
    expect((await staff.ok(COUNTS, { id: eventId })).event).toMatchObject({ confirmedCount: 1, waitlistedCount: 1, seatsLeft: 0 });
    expect(await t.sql(`SELECT id, status FROM events.registration WHERE account_id = $1 ORDER BY seq`, [A.accountId])).toEqual([
      { id: attended.id, status: 'ATTENDED' }, { id: applied.id, status: 'CANCELLED' }, { id: seat.id, status: 'CANCELLED' },
    ]);
    const cancelled = await t.sql(`SELECT payload FROM messaging.outbox WHERE type = 'events.registration.cancelled' AND payload->>'accountId' = $1`, [A.accountId]);
    expect(cancelled.map((e) => [e.payload.registrationId, e.payload.previousStatus, e.payload.cancelledBy]).sort()).toEqual(
      [[applied.id, 'APPLIED', 'ATTENDEE'], [seat.id, 'CONFIRMED', 'ATTENDEE']].sort(),
    );
    const [promoted] = await t.sql(`SELECT payload FROM messaging.outbox WHERE type = 'events.registration.promoted' AND aggregate_id = $1`, [eventId]);
    expect(promoted.payload.accountId).toBe(B.accountId);
    expect((await staff.ok(COUNTS, { id: lottery })).event).toMatchObject({ appliedCount: 0 });

    // Nothing of A's is left in the schema or in events' payloads; the rows stay, as 退会済みユーザー, and the rating without its comment.
    for (const needle of ['消去される参加者A', aEmail, PHONE]) expect({ needle, found: await whereIs(needle) }).toEqual({ needle, found: [] });
    expect(await t.sql(`SELECT DISTINCT attendee_display_name, attendee_email FROM events.registration WHERE account_id = $1`, [A.accountId])).toEqual([
      { attendee_display_name: ERASED_DISPLAY_NAME, attendee_email: null },
    ]);
    expect(await t.sql(`SELECT rating, comment FROM events.feedback WHERE account_id = $1`, [A.accountId])).toEqual([{ rating: 5, comment: null }]);
    // B and C keep theirs.
    expect(await whereIs('待っていた参加者B')).toEqual(['events.registration.attendee_display_name']);

    // A redelivery finds nothing to do.
    const [before] = await t.sql(`SELECT count(*)::int AS n FROM messaging.outbox WHERE source = 'events'`);
    await erase(A.accountId!);
    expect(await t.sql(`SELECT count(*)::int AS n FROM messaging.outbox WHERE source = 'events'`)).toEqual([before]);
    expect(await t.sql(`SELECT count(*)::int AS n FROM messaging.delivery WHERE subscriber LIKE 'events.%' AND status IN ('RETRY', 'PARKED')`)).toEqual([{ n: 0 }]);
  });

  it('leaves a registration whose event stopped taking cancellations as it is', async () => {
    const person = await t.candidate('中止イベントの参加者');
    const eventId = await openEvent(staff, { capacity: 2 });
    const reg = (await person.ok(REGISTER, { id: eventId })).registerForEvent;
    await staff.ok(`mutation($id: ID!) { cancelEvent(input: { eventId: $id }) { id } }`, { id: eventId });
    await erase(person.accountId!);
    expect(await t.sql(`SELECT status, attendee_display_name, attendee_email FROM events.registration WHERE id = $1`, [reg.id])).toEqual([
      { status: 'CONFIRMED', attendee_display_name: ERASED_DISPLAY_NAME, attendee_email: null },
    ]);
  });
});
