import { TestApp, codeOf, type Client } from '../harness/harness.js';
import { CANCEL_REGISTRATION, CLOSE, COUNTS, REGISTER, inBatches, openEvent, reasonOf } from './events.fixtures.js';

type Staff = Client & { organizationId: string; regionId: string };

/**
 * Races against the real PostgreSQL: many requests at once on one event. The database
 * decides (the event row's lock, the unique indexes), so the counts must come out exact.
 */
describe('concurrent registrations', () => {
  let t: TestApp;
  let staff: Staff;
  let candidates: Client[];
  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.staff(['EVENTS_MANAGE']);
    candidates = await inBatches(Array.from({ length: 500 }, (_, i) => i), 50, (i) => t.candidate(`候補者${i + 1}`));
  });
  afterAll(() => t.close());

  /** Asserts the seat rules on the rows themselves, and that the counters agree with them. */
  async function assertSeatRules(eventId: string, capacity: number) {
    const [rows] = await t.sql<{ confirmed: number; waitlisted: number; active: number; positions: number[] | null }>(
      `SELECT count(*) FILTER (WHERE status = 'CONFIRMED')::int AS confirmed,
              count(*) FILTER (WHERE status = 'WAITLISTED')::int AS waitlisted,
              count(*) FILTER (WHERE status <> 'CANCELLED')::int AS active,
              array_agg(waitlist_position ORDER BY waitlist_position) FILTER (WHERE status = 'WAITLISTED') AS positions
         FROM events.registration WHERE event_id = $1`,
      [eventId],
    );
    expect(rows.confirmed).toBe(Math.min(capacity, rows.active));
    if (rows.waitlisted > 0) expect(rows.confirmed).toBe(capacity);
    expect(rows.positions ?? []).toEqual(Array.from({ length: rows.waitlisted }, (_, i) => i + 1));
    const duplicates = await t.sql(
      `SELECT account_id FROM events.registration WHERE event_id = $1 AND status <> 'CANCELLED' GROUP BY account_id HAVING count(*) > 1`,
      [eventId],
    );
    expect(duplicates).toEqual([]);
    const counts = (await t.anonymous().ok(COUNTS, { id: eventId })).event;
    expect(counts).toMatchObject({ confirmedCount: rows.confirmed, waitlistedCount: rows.waitlisted, seatsLeft: capacity - rows.confirmed });
    return rows;
  }

  it('gives exactly 60 seats to 500 candidates registering at once, and queues 440 at positions 1..440', async () => {
    const eventId = await openEvent(staff, { capacity: 60 });
    const results = await Promise.all(candidates.map((c) => c.gql(REGISTER, { id: eventId })));
    expect(results.filter((r) => r.errors)).toEqual([]);
    const statuses = results.map((r) => r.data!.registerForEvent.status);
    expect(statuses.filter((s) => s === 'CONFIRMED')).toHaveLength(60);
    expect(statuses.filter((s) => s === 'WAITLISTED')).toHaveLength(440);
    const positions = results.map((r) => r.data!.registerForEvent.waitlistPosition).filter((p) => p !== null).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 440 }, (_, i) => i + 1));

    const rows = await assertSeatRules(eventId, 60);
    expect(rows).toMatchObject({ confirmed: 60, waitlisted: 440, active: 500 });
    // First come, first served: the seats went to the first 60 in registration order.
    const order = await t.sql<{ status: string; waitlist_position: number | null }>(
      `SELECT status, waitlist_position FROM events.registration WHERE event_id = $1 ORDER BY seq`,
      [eventId],
    );
    expect(order.slice(0, 60).every((r) => r.status === 'CONFIRMED')).toBe(true);
    expect(order.slice(60).map((r) => r.waitlist_position)).toEqual(Array.from({ length: 440 }, (_, i) => i + 1));
    const events = await t.sql<{ type: string; n: number }>(
      `SELECT type, count(*)::int AS n FROM messaging.outbox WHERE aggregate_id = $1 AND type LIKE 'events.registration.%' GROUP BY type ORDER BY type`,
      [eventId],
    );
    expect(events).toEqual([
      { type: 'events.registration.confirmed', n: 60 },
      { type: 'events.registration.waitlisted', n: 440 },
    ]);
  });

  it('never leaves a seat free while someone is queued, through a storm of cancellations and registrations', async () => {
    const capacity = 25;
    const eventId = await openEvent(staff, { capacity });
    const early = candidates.slice(0, 80);
    const registered = await Promise.all(early.map((c) => c.ok(REGISTER, { id: eventId })));
    await assertSeatRules(eventId, capacity);

    // At once: 50 of them cancel (seat holders and queued alike), 60 newcomers register,
    // and 20 of the cancellers register again straight away.
    const cancellers = early.map((c, i) => ({ c, id: registered[i].registerForEvent.id })).filter((_, i) => i % 8 !== 3).slice(0, 50);
    const newcomers = candidates.slice(100, 160);
    const storm = await Promise.all([
      ...cancellers.map(({ c, id }) => c.gql(CANCEL_REGISTRATION, { id })),
      ...newcomers.map((c) => c.gql(REGISTER, { id: eventId })),
      ...cancellers.slice(0, 20).map(({ c }) => c.gql(REGISTER, { id: eventId })),
    ]);
    expect(storm.filter((r) => r.errors)).toEqual([]);

    const rows = await assertSeatRules(eventId, capacity);
    const cancelled = await t.sql(`SELECT count(*)::int AS n FROM events.registration WHERE event_id = $1 AND status = 'CANCELLED'`, [eventId]);
    expect(cancelled).toEqual([{ n: 50 }]);
    // 80 - 50 + 60 newcomers, plus those of the 20 whose new registration came after their cancellation.
    expect(rows.active).toBeGreaterThanOrEqual(90);
    expect(rows.active).toBeLessThanOrEqual(110);

    // And again: cancel every CONFIRMED seat at once; the queue fills them in order.
    const holders = await t.sql<{ id: string; account_id: string }>(
      `SELECT id, account_id FROM events.registration WHERE event_id = $1 AND status = 'CONFIRMED'`,
      [eventId],
    );
    const byAccount = new Map(candidates.map((c) => [c.accountId, c]));
    const second = await Promise.all(holders.map((h) => byAccount.get(h.account_id)!.gql(CANCEL_REGISTRATION, { id: h.id })));
    expect(second.filter((r) => r.errors)).toEqual([]);
    await assertSeatRules(eventId, capacity);
  });

  it('collects 200 LOTTERY applications at once, each with its outbox event and a version of its own', async () => {
    const eventId = await openEvent(staff, { capacity: 10, allocation: 'LOTTERY' });
    const results = await Promise.all(candidates.slice(0, 200).map((c) => c.gql(REGISTER, { id: eventId })));
    expect(results.filter((r) => r.errors)).toEqual([]);
    expect(results.every((r) => r.data!.registerForEvent.status === 'APPLIED' && r.data!.registerForEvent.waitlistPosition === null)).toBe(true);
    expect((await t.anonymous().ok(COUNTS, { id: eventId })).event).toMatchObject({ confirmedCount: 0, waitlistedCount: 0, appliedCount: 200 });
    expect(
      await t.sql(`SELECT type, count(*)::int AS n FROM messaging.outbox WHERE aggregate_id = $1 AND type LIKE 'events.registration.%' GROUP BY type`, [eventId]),
    ).toEqual([{ type: 'events.registration.applied', n: 200 }]);
    // Created at 1, opened at 2, then one version per application.
    expect(await t.sql(`SELECT version FROM events.event WHERE id = $1`, [eventId])).toEqual([{ version: 202 }]);
  });

  it('closes registration in the middle of a burst: each registration is either in or refused, and the counts agree', async () => {
    const capacity = 30;
    const eventId = await openEvent(staff, { capacity });
    const people = candidates.slice(0, 150);
    const requests = people.map((c) => () => c.gql(REGISTER, { id: eventId }));
    requests.splice(75, 0, () => staff.gql(CLOSE, { id: eventId }));
    const answers = await Promise.all(requests.map((send) => send()));
    const [closing] = answers.splice(75, 1);
    expect(closing.errors).toBeUndefined();
    const accepted = answers.filter((r) => !r.errors);
    expect(answers.filter((r) => r.errors).map(reasonOf)).toEqual(answers.filter((r) => r.errors).map(() => 'REGISTRATION_CLOSED'));
    const rows = await assertSeatRules(eventId, capacity);
    expect(rows.active).toBe(accepted.length);
    expect(accepted.filter((r) => r.data!.registerForEvent.status === 'CONFIRMED')).toHaveLength(rows.confirmed);
    // Created, opened, one version per registration accepted, closed.
    expect(await t.sql(`SELECT version FROM events.event WHERE id = $1`, [eventId])).toEqual([{ version: 3 + accepted.length }]);
  });

  it('keeps one registration when the same account registers 20 times at once', async () => {
    const eventId = await openEvent(staff, { capacity: 5 });
    const [someone] = candidates.slice(200, 201);
    const results = await Promise.all(Array.from({ length: 20 }, () => someone.gql(REGISTER, { id: eventId })));
    expect(results.filter((r) => r.errors)).toEqual([]);
    const ids = new Set(results.map((r) => r.data!.registerForEvent.id));
    expect(ids.size).toBe(1);
    expect(results.every((r) => r.data!.registerForEvent.status === 'CONFIRMED')).toBe(true);
    expect(await t.sql(`SELECT count(*)::int AS n FROM events.registration WHERE event_id = $1`, [eventId])).toEqual([{ n: 1 }]);
    expect((await t.anonymous().ok(COUNTS, { id: eventId })).event).toMatchObject({ confirmedCount: 1, seatsLeft: 4 });
  });

  it('lets a check-in and a cancellation of the same seat race without breaking the counts', async () => {
    const eventId = await openEvent(staff, { capacity: 10 });
    const people = candidates.slice(300, 330);
    const regs = await Promise.all(people.map((c) => c.ok(REGISTER, { id: eventId })));
    const confirmed = regs.map((r, i) => ({ c: people[i], id: r.registerForEvent.id, status: r.registerForEvent.status })).filter((r) => r.status === 'CONFIRMED');
    const CHECK_IN = `mutation($id: ID!) { checkInAttendee(input: { registrationId: $id }) { status } }`;
    const results = await Promise.all(confirmed.flatMap(({ c, id }) => [staff.gql(CHECK_IN, { id }), c.gql(CANCEL_REGISTRATION, { id })]));
    // Each pair: exactly one wins; the other finds the seat already checked in or given back.
    for (let i = 0; i < results.length; i += 2) {
      const [checkIn, cancel] = [results[i], results[i + 1]];
      const ok = [!checkIn.errors, !cancel.errors];
      expect(ok).not.toEqual([true, true]);
      expect(ok).not.toEqual([false, false]);
      if (checkIn.errors) expect(checkIn.errors[0].extensions.reason).toBe('REGISTRATION_NOT_CONFIRMED');
      if (cancel.errors) expect(codeOf(cancel)).toBe('CONFLICT');
    }
    const [row] = await t.sql<{ seated: number; attended: number }>(
      `SELECT count(*) FILTER (WHERE status IN ('CONFIRMED', 'ATTENDED'))::int AS seated, count(*) FILTER (WHERE status = 'ATTENDED')::int AS attended
         FROM events.registration WHERE event_id = $1`,
      [eventId],
    );
    expect(row.seated).toBe(10);
    expect((await t.anonymous().ok(COUNTS, { id: eventId })).event.confirmedCount).toBe(10);
    const positions = await t.sql<{ p: number }>(
      `SELECT waitlist_position AS p FROM events.registration WHERE event_id = $1 AND status = 'WAITLISTED' ORDER BY 1`,
      [eventId],
    );
    expect(positions.map((r) => r.p)).toEqual(positions.map((_, i) => i + 1));
  });
});
