import { createHash } from 'node:crypto';
import { drawLottery } from '../../src/modules/events/domain/lottery.js';
import { TestApp, codeOf, type Client } from '../harness/harness.js';
import { CANCEL_REGISTRATION, COUNTS, CREATE_EVENT, DRAW, LOTTERY_DRAW, REGISTER, eventInput, openEvent, reasonOf } from './events.fixtures.js';

type Staff = Client & { organizationId: string; regionId: string };

/** An auditor's own implementation of LOTTERY.md, sharing no code with the server. */
function auditorDraw(seed: string, accountIds: string[]): { drawn: string[]; digest: string } {
  const ids = [...new Set(accountIds)].sort();
  const key = createHash('sha256').update(seed, 'utf8').digest();
  let counter = 0n;
  let words: number[] = [];
  const next = (): number => {
    if (words.length === 0) {
      const c = Buffer.alloc(8);
      c.writeBigUInt64BE(counter++);
      const block = createHash('sha256').update(Buffer.concat([key, c])).digest();
      words = Array.from({ length: 8 }, (_, k) => block.readUInt32BE(4 * k));
    }
    return words.shift()!;
  };
  const below = (n: number) => {
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const w = next();
      if (w < limit) return w % n;
    }
  };
  for (let i = ids.length - 1; i >= 1; i--) {
    const j = below(i + 1);
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  return { drawn: ids, digest: createHash('sha256').update(ids.join('\n'), 'utf8').digest('hex') };
}

describe('the lottery through GraphQL', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.staff(['EVENTS_MANAGE']);
  });
  afterAll(() => t.close());

  const tour = { kind: 'TOUR', allocation: 'LOTTERY', capacity: 3, meetingPoint: '一ノ関駅' };

  it('collects applications, draws reproducibly from the seed, seats `capacity` and queues the rest in drawn order', async () => {
    const eventId = await openEvent(staff, tour);
    const applicants = await Promise.all(Array.from({ length: 8 }, (_, i) => t.candidate(`応募者${i + 1}`)));
    const registrations = new Map<string, string>();
    for (const a of applicants) {
      const reg = (await a.ok(REGISTER, { id: eventId })).registerForEvent;
      expect(reg).toMatchObject({ status: 'APPLIED', waitlistPosition: null });
      registrations.set(a.accountId!, reg.id);
    }
    expect((await t.anonymous().ok(COUNTS, { id: eventId })).event).toMatchObject({ appliedCount: 8, confirmedCount: 0, seatsLeft: 3 });
    expect((await t.anonymous().ok(LOTTERY_DRAW, { id: eventId })).lotteryDraw).toBeNull();

    // Only organizer staff draw.
    const input = { eventId, seed: '気仙沼ツアー 2027春 公開抽選' };
    for (const caller of [await t.staff(['EVENTS_MANAGE'], staff.regionId), applicants[0], await t.admin()]) {
      expect(codeOf(await caller.gql(DRAW, { input }))).toBe('FORBIDDEN');
    }
    expect(codeOf(await t.anonymous().gql(DRAW, { input }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await staff.gql(DRAW, { input: { ...input, eventId: '00000000-0000-4000-8000-000000000000' } }))).toBe('NOT_FOUND');

    const draw = (await staff.ok(DRAW, { input })).drawLottery;
    expect(draw).toMatchObject({
      seed: input.seed,
      applicantCount: 8,
      winnerCount: 3,
      algorithm: 'minato-lottery-v1: sha256-ctr + fisher-yates',
      event: { id: eventId, status: 'CLOSED', confirmedCount: 3, waitlistedCount: 5, appliedCount: 0 },
    });

    // Anyone re-runs it from the published seed and the sorted applicant ids.
    const ids = applicants.map((a) => a.accountId!);
    const audited = auditorDraw(input.seed, ids);
    expect(draw.resultDigest).toBe(audited.digest);
    expect(drawLottery(input.seed, [...ids].reverse()).resultDigest).toBe(draw.resultDigest);
    const published = (await t.anonymous().ok(LOTTERY_DRAW, { id: eventId })).lotteryDraw;
    expect(published).toEqual({ seed: input.seed, drawnAt: draw.drawnAt, applicantCount: 8, winnerCount: 3, resultDigest: audited.digest, event: { id: eventId } });

    // Seats and queue follow the drawn order.
    const rows = await t.sql<{ account_id: string; status: string; waitlist_position: number | null }>(
      `SELECT account_id, status, waitlist_position FROM events.registration WHERE event_id = $1`,
      [eventId],
    );
    const byAccount = new Map(rows.map((r) => [r.account_id, r]));
    expect(audited.drawn.map((id) => [byAccount.get(id)!.status, byAccount.get(id)!.waitlist_position])).toEqual([
      ['CONFIRMED', null], ['CONFIRMED', null], ['CONFIRMED', null],
      ['WAITLISTED', 1], ['WAITLISTED', 2], ['WAITLISTED', 3], ['WAITLISTED', 4], ['WAITLISTED', 5],
    ]);

    // Drawn once; registration is closed.
    const again = await staff.gql(DRAW, { input });
    expect([codeOf(again), reasonOf(again)]).toEqual(['CONFLICT', 'LOTTERY_ALREADY_DRAWN']);
    expect(reasonOf(await (await t.candidate()).gql(REGISTER, { id: eventId }))).toBe('REGISTRATION_CLOSED');

    // A winner who withdraws hands the seat to the first drawn loser.
    const winner = audited.drawn[0];
    const firstInQueue = audited.drawn[3];
    await applicants.find((a) => a.accountId === winner)!.ok(CANCEL_REGISTRATION, { id: registrations.get(winner) });
    const after = await t.sql<{ account_id: string; status: string; waitlist_position: number | null }>(
      `SELECT account_id, status, waitlist_position FROM events.registration WHERE event_id = $1 AND status = 'WAITLISTED' ORDER BY waitlist_position`,
      [eventId],
    );
    expect(after.map((r) => [r.account_id, r.waitlist_position])).toEqual(audited.drawn.slice(4).map((id, i) => [id, i + 1]));
    expect((await t.sql(`SELECT status FROM events.registration WHERE account_id = $1 AND event_id = $2`, [firstInQueue, eventId]))[0].status).toBe('CONFIRMED');

    // The outbox says what happened, for insights and matching.
    const [drawn] = await t.sql(`SELECT payload FROM messaging.outbox WHERE type = 'events.lottery.drawn' AND aggregate_id = $1`, [eventId]);
    expect(drawn.payload).toMatchObject({ eventId, eventKind: 'TOUR', regionId: staff.regionId, seed: input.seed, applicantCount: 8, winnerCount: 3, resultDigest: audited.digest });
    const confirmed = await t.sql(`SELECT payload FROM messaging.outbox WHERE type = 'events.registration.confirmed' AND aggregate_id = $1`, [eventId]);
    expect(confirmed.map((r) => r.payload.accountId).sort()).toEqual(audited.drawn.slice(0, 3).sort());
    expect(confirmed.every((r) => r.payload.via === 'LOTTERY')).toBe(true);
    const waitlisted = await t.sql(`SELECT payload FROM messaging.outbox WHERE type = 'events.registration.waitlisted' AND aggregate_id = $1`, [eventId]);
    expect(waitlisted).toHaveLength(5);
    expect(await t.sql(`SELECT 1 FROM messaging.outbox WHERE type = 'events.registration.promoted' AND aggregate_id = $1`, [eventId])).toHaveLength(1);
  });

  it('picks an unpredictable seed when none is given, and records it so the draw can be checked', async () => {
    const eventId = await openEvent(staff, tour);
    const applicants = await Promise.all(Array.from({ length: 5 }, () => t.candidate()));
    for (const a of applicants) await a.ok(REGISTER, { id: eventId });
    await staff.ok(`mutation($id: ID!) { closeEventRegistration(input: { eventId: $id }) { id } }`, { id: eventId });
    const draw = (await staff.ok(DRAW, { input: { eventId } })).drawLottery;
    expect(draw.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(draw).toMatchObject({ applicantCount: 5, winnerCount: 3, event: { status: 'CLOSED' } });
    expect(draw.resultDigest).toBe(auditorDraw(draw.seed, applicants.map((a) => a.accountId!)).digest);
  });

  it('refuses a draw for a first-come event, and a bad seed', async () => {
    const firstCome = await openEvent(staff);
    const res = await staff.gql(DRAW, { input: { eventId: firstCome, seed: 'x' } });
    expect([codeOf(res), reasonOf(res)]).toEqual(['CONFLICT', 'NOT_A_LOTTERY']);
    const lottery = await openEvent(staff, tour);
    const bad = await staff.gql(DRAW, { input: { eventId: lottery, seed: 'x'.repeat(201) } });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions.fields[0].field).toBe('seed');
  });

  it('answers lotteryDraw with NOT_FOUND for an unknown event or a DRAFT the caller may not see', async () => {
    expect(codeOf(await t.anonymous().gql(LOTTERY_DRAW, { id: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    const draft = (await staff.ok(CREATE_EVENT, { input: eventInput(staff.organizationId, tour) })).createEvent.id;
    expect(codeOf(await t.anonymous().gql(LOTTERY_DRAW, { id: draft }))).toBe('NOT_FOUND');
    expect((await staff.ok(LOTTERY_DRAW, { id: draft })).lotteryDraw).toBeNull();
  });

  it('cannot complete a lottery event whose applicants still wait for the draw', async () => {
    const eventId = await openEvent(staff, tour);
    await (await t.candidate()).ok(REGISTER, { id: eventId });
    await staff.ok(`mutation($id: ID!) { closeEventRegistration(input: { eventId: $id }) { id } }`, { id: eventId });
    const res = await staff.gql(`mutation($id: ID!) { completeEvent(input: { eventId: $id }) { id } }`, { id: eventId });
    expect(reasonOf(res)).toBe('LOTTERY_NOT_DRAWN');
  });
});
