import { DataSource, QueryFailedError } from 'typeorm';
import { OutboxRelay } from '#libs/messaging/outbox-relay.js';
import { SubscriberRegistry } from '#libs/messaging/subscriber-registry.js';
import { UnitOfWork, pgErrorCode } from '#libs/messaging/unit-of-work.js';
import { AccountRegistered } from '#libs/contracts/identity/events.js';
import { PASSWORD, TestApp, codeOf } from '../harness/harness.js';
import { PROBE_SCHEMA, ProbeModule } from '../harness/probe.module.js';

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { account { id } } }`;
const signUp = (t: TestApp, email: string) =>
  t.anonymous().ok(SIGN_UP, { input: { email, password: PASSWORD, displayName: 'probe' } });
const applied = (t: TestApp, email: string) => t.sql('SELECT event_id FROM probe.applied WHERE email = $1', [email]);
/**
 * Where the probe subscriber is with the sign-up of `email`: whether its cursor passed the
 * event, and its delivery row (only an event that failed, or waited, has one).
 */
const delivery = async (t: TestApp, email: string, subscriber = 'probe.on-account-registered') =>
  (
    await t.sql(
      `SELECT (o.txid, o.position) <= (s.cursor_txid, s.cursor_position) AS passed,
              d.status, d.attempts, d.next_attempt_at, d.last_error
         FROM messaging.outbox o JOIN messaging.subscriber s ON s.name = $2
         LEFT JOIN messaging.delivery d ON d.event_id = o.id AND d.subscriber = s.name
        WHERE o.type = 'identity.account.registered' AND o.payload->>'email' = $1`,
      [email, subscriber],
    )
  )[0];
const HANDLED_FIRST_TIME = { passed: true, status: null, attempts: null };

describe('event log, relay and inbox against PostgreSQL', () => {
  let t: TestApp;
  const logs: string[] = [];
  beforeAll(async () => {
    t = await TestApp.start({ extraModules: [ProbeModule], logs });
    await t.sql(PROBE_SCHEMA);
  });
  afterAll(() => t.close());

  it('writes the event in the same transaction as the aggregate, then delivers it once', async () => {
    const { signUp: res } = await signUp(t, 'first@probe.example');
    const events = await t.sql(`SELECT type, aggregate_id, payload FROM messaging.outbox WHERE aggregate_id = $1`, [res.account.id]);
    expect(events).toEqual([
      { type: AccountRegistered.type, aggregate_id: res.account.id, payload: expect.objectContaining({ email: 'first@probe.example', kind: 'CANDIDATE' }) },
    ]);
    // Publishing only appends to the log: no subscriber is named, nothing is handed out yet.
    expect(await t.sql(`SELECT 1 FROM messaging.delivery d JOIN messaging.outbox o ON o.id = d.event_id WHERE o.aggregate_id = $1`, [res.account.id])).toHaveLength(0);
    expect(await delivery(t, 'first@probe.example')).toMatchObject({ passed: false, status: null });
    await t.drainOutbox();
    expect(await applied(t, 'first@probe.example')).toHaveLength(1);
    // Handled at the first attempt: the cursor says so, and no delivery row is written.
    expect(await delivery(t, 'first@probe.example')).toMatchObject(HANDLED_FIRST_TIME);
    await t.drainOutbox();
    expect(await applied(t, 'first@probe.example')).toHaveLength(1);
  });

  it('relays nothing in the background while a loader runs quietly, and hands every event over once it ends', async () => {
    // A relay that would relay when kicked (the app's own, in tests, relays only when drained).
    const relay = new OutboxRelay(t.app.get(DataSource), t.app.get(SubscriberRegistry), t.app.get(UnitOfWork), {
      intervalMs: 60_000, maxAttempts: 3, backoffMs: 1000, maxBackoffMs: 1000, retentionDays: 7,
    });
    let during: unknown[] = [];
    await relay.quietWhile(async () => {
      await signUp(t, 'quiet-1@probe.example');
      relay.kick(); // as each commit does
      await signUp(t, 'quiet-2@probe.example');
      relay.kick();
      await new Promise((r) => setTimeout(r, 200));
      during = [...(await applied(t, 'quiet-1@probe.example')), ...(await applied(t, 'quiet-2@probe.example'))];
    });
    expect(during).toHaveLength(0);
    // Nobody drains: the relay runs in the background as the loader ends.
    let after = 0;
    for (let i = 0; i < 3000 && after < 2; i++) {
      after = (await applied(t, 'quiet-1@probe.example')).length + (await applied(t, 'quiet-2@probe.example')).length;
      if (after < 2) await new Promise((r) => setTimeout(r, 10));
    }
    await relay.beforeApplicationShutdown();
    expect(await applied(t, 'quiet-1@probe.example')).toHaveLength(1);
    expect(await applied(t, 'quiet-2@probe.example')).toHaveLength(1);
  });

  it('applies an effect committed outside the relay\'s transaction once, though the event comes again (the inbox)', async () => {
    await signUp(t, 'twice@probe.example');
    await t.drainOutbox();
    expect(await t.sql(`SELECT email FROM probe.sent WHERE email = 'twice@probe.example'`)).toHaveLength(1);
    // At least once: the relay died after the mailer's own commit and before its own, so the
    // mailer's cursor is back before the event (here: at the beginning of the log).
    await t.sql(`UPDATE messaging.subscriber SET cursor_txid = '0', cursor_position = 0 WHERE name = 'probe.mailer'`);
    await t.drainOutbox();
    expect(await t.sql(`SELECT email FROM probe.sent WHERE email = 'twice@probe.example'`)).toHaveLength(1);
    expect(await t.sql(`SELECT count(*)::int AS n FROM messaging.inbox i JOIN messaging.outbox o ON o.id = i.event_id
                         WHERE i.subscriber = 'probe.mailer' AND o.payload->>'email' = 'twice@probe.example'`)).toEqual([{ n: 1 }]);
    // A subscriber writing in the relay's transaction needs no inbox: it has no rows there.
    expect(await t.sql(`SELECT 1 FROM messaging.inbox WHERE subscriber = 'probe.on-account-registered'`)).toHaveLength(0);
    expect(await applied(t, 'twice@probe.example')).toHaveLength(1);
  });

  it('retries a subscriber that fails twice with backoff, and applies the event exactly once', async () => {
    await signUp(t, 'flaky@probe.example');
    await t.drainOutbox();
    const first = await delivery(t, 'flaky@probe.example');
    expect(first).toMatchObject({ passed: true, status: 'RETRY', attempts: 1, last_error: 'flaky failure 1' });
    expect(new Date(first.next_attempt_at).getTime()).toBeGreaterThan(Date.now());
    expect(await applied(t, 'flaky@probe.example')).toHaveLength(0); // the failed attempt's write was rolled back
    await t.drainOutbox(); // not due yet: nothing happens
    expect((await delivery(t, 'flaky@probe.example')).attempts).toBe(1);

    await t.drainOutbox(new Date(Date.now() + 60_000));
    expect(await delivery(t, 'flaky@probe.example')).toMatchObject({ status: 'RETRY', attempts: 2 });
    await t.drainOutbox(new Date(Date.now() + 10 * 60_000));
    expect(await delivery(t, 'flaky@probe.example')).toMatchObject({ status: 'DONE', attempts: 3, last_error: null });
    expect(await applied(t, 'flaky@probe.example')).toHaveLength(1);
    expect(await t.sql(`SELECT n FROM probe.attempts WHERE email = 'flaky@probe.example'`)).toEqual([{ n: 3 }]);
  });

  it("records a PostgreSQL failure by its SQLSTATE, without the message that quotes the handler's value (an email)", async () => {
    await signUp(t, 'malformed@probe.example');
    for (let i = 1; i <= 10; i++) await t.drainOutbox(new Date(Date.now() + i * 3600_000));
    const parked = await delivery(t, 'malformed@probe.example');
    expect(parked).toMatchObject({ status: 'PARKED', attempts: 8 });
    expect(parked.last_error).toMatch(/^PostgreSQL 22P02 \(routine \w+\): message not kept/);
    expect(parked.last_error).not.toContain('malformed@probe.example');
    const admin = await t.admin();
    const listed = (await admin.ok(`{ parkedEvents { lastError } }`)).parkedEvents as Array<{ lastError: string }>;
    expect(listed.map((p) => p.lastError).join('\n')).not.toContain('malformed@probe.example');
    // Gone again, so that the next test finds only its own parked event.
    await t.sql(`DELETE FROM messaging.delivery WHERE status = 'PARKED' AND last_error LIKE 'PostgreSQL 22P02%'`);
  });

  it('parks an event that keeps failing where an ADMIN sees it and can replay it', async () => {
    await signUp(t, 'doomed@probe.example');
    for (let i = 1; i <= 10; i++) await t.drainOutbox(new Date(Date.now() + i * 3600_000));
    expect(await delivery(t, 'doomed@probe.example')).toMatchObject({ status: 'PARKED', attempts: 8, last_error: 'doomed to fail' });
    expect(await applied(t, 'doomed@probe.example')).toHaveLength(0);

    const admin = await t.admin();
    const parked = (await admin.ok(`{ parkedEvents { eventId eventType subscriber aggregateType attempts lastError held } }`)).parkedEvents;
    expect(parked).toEqual([
      expect.objectContaining({
        eventType: AccountRegistered.type, subscriber: 'probe.on-account-registered', aggregateType: AccountRegistered.aggregateType,
        attempts: 8, lastError: 'doomed to fail', held: 0,
      }),
    ]);
    const candidate = await t.candidate();
    expect(codeOf(await candidate.gql(`{ parkedEvents { eventId } }`))).toBe('FORBIDDEN');

    const replay = `mutation($input: ReplayParkedEventInput!) { replayParkedEvent(input: $input) { eventId attempts } }`;
    const input = { eventId: parked[0].eventId, subscriber: parked[0].subscriber };
    expect((await admin.ok(replay, { input })).replayParkedEvent).toEqual({ eventId: parked[0].eventId, attempts: 0 });
    expect(await delivery(t, 'doomed@probe.example')).toMatchObject({ status: 'RETRY', attempts: 0 });
    expect(codeOf(await admin.gql(replay, { input }))).toBe('NOT_FOUND'); // no longer parked
    expect(codeOf(await candidate.gql(replay, { input }))).toBe('FORBIDDEN');
  });

  it('leaves neither rows nor events behind when a command throws after writing', async () => {
    const uow = t.app.get(UnitOfWork);
    const event = AccountRegistered.create('00000000-0000-4000-8000-00000000abcd', {
      accountId: '00000000-0000-4000-8000-00000000abcd', email: 'ghost@probe.example', displayName: 'ghost', kind: 'CANDIDATE' as never, memberships: [],
    });
    await expect(
      uow.run(async () => {
        await uow.manager.query(
          `INSERT INTO identity.account (id, email, display_name, kind, password_hash, created_at, version)
           VALUES ($1, 'ghost@probe.example', 'ghost', 'CANDIDATE', 'x', now(), 1)`,
          [event.aggregateId],
        );
        await uow.publish('identity', [event]);
        throw new Error('the command failed half-way');
      }),
    ).rejects.toThrow('the command failed half-way');
    expect(await t.sql(`SELECT 1 FROM identity.account WHERE email = 'ghost@probe.example'`)).toHaveLength(0);
    expect(await t.sql(`SELECT 1 FROM messaging.outbox WHERE id = $1`, [event.id])).toHaveLength(0);
    expect(await t.sql(`SELECT 1 FROM messaging.delivery WHERE event_id = $1`, [event.id])).toHaveLength(0);
  });

  it('keeps every one of many overlapping units in its own transaction, whichever ends first', async () => {
    // The unit's storage is switched off when the last running unit ends and on again by the
    // next: a unit still running when another ends must keep writing in its own transaction.
    const uow = t.app.get(UnitOfWork);
    const pause = () => new Promise((r) => setTimeout(r, Math.random() * 15));
    const write = (email: string) =>
      uow.manager.query('INSERT INTO probe.applied (event_id, email) VALUES (gen_random_uuid(), $1)', [email]);
    const units = Array.from({ length: 60 }, (_, i) => ({ email: `overlap-${i}@probe.example`, fails: i % 2 === 0 }));
    const outcomes = await Promise.allSettled(
      units.map(async ({ email, fails }) => {
        await pause();
        return uow.run(async () => {
          await write(email);
          await pause();
          await write(email);
          await pause();
          if (fails) throw new Error('the unit failed after writing twice');
          await write(email);
        });
      }),
    );
    expect(outcomes.map((o) => o.status)).toEqual(units.map((u) => (u.fails ? 'rejected' : 'fulfilled')));
    expect(uow.active).toBe(false);
    const rows = await t.sql<{ email: string; n: number }>(
      `SELECT email, count(*)::int AS n FROM probe.applied WHERE email LIKE 'overlap-%' GROUP BY email`,
    );
    expect(new Map(rows.map((r) => [r.email, r.n]))).toEqual(new Map(units.filter((u) => !u.fails).map((u) => [u.email, 3])));
  });

  it('runs a statement in the unit\'s transaction inside a unit, on the pool outside, logged and failing as TypeORM would', async () => {
    const uow = t.app.get(UnitOfWork);
    const seen = (email: string) => uow.query<{ n: number }>('SELECT count(*)::int AS n FROM probe.applied WHERE email = $1', [email]);
    await expect(
      uow.run(async () => {
        await uow.query(`INSERT INTO probe.applied (event_id, email) VALUES (gen_random_uuid(), 'inside@probe.example')`);
        expect(await seen('inside@probe.example')).toEqual([{ n: 1 }]); // its own write, in its transaction
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await seen('inside@probe.example')).toEqual([{ n: 0 }]);
    const { result, statements } = await t.recordSql(() => seen('outside@probe.example'));
    expect(result).toEqual([{ n: 0 }]);
    expect(statements).toEqual(['SELECT count(*)::int AS n FROM probe.applied WHERE email = $1']);
    const failed = await uow.query('SELECT $1::uuid', ['not-a-uuid']).then(() => undefined, (e: unknown) => e);
    expect(failed).toBeInstanceOf(QueryFailedError);
    expect(pgErrorCode(failed)).toBe('22P02');
  });

  it('masks an unexpected error: INTERNAL_SERVER_ERROR with a correlation id, nothing internal', async () => {
    const res = await t.anonymous().gql(`{ probeBoom }`);
    const [line] = logs.map((l) => JSON.parse(l)).filter((l) => l.correlationId === res.errors![0].extensions.correlationId);
    expect(line).toMatchObject({ level: 50, msg: 'unexpected error in a GraphQL operation', reqId: expect.any(String) });
    expect(line.err.message).toContain('secret internals'); // the operator sees it, the client does not
    expect(codeOf(res)).toBe('INTERNAL_SERVER_ERROR');
    expect(res.errors![0].extensions.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.errors![0].message).toContain(res.errors![0].extensions.correlationId);
    expect(JSON.stringify(res)).not.toMatch(/secret|hunter2|\.js:|stacktrace/);
  });
});

describe('an event committed but not delivered when the process dies', () => {
  it('is delivered by the next process', async () => {
    const first = await TestApp.start({ extraModules: [ProbeModule] });
    await first.sql(PROBE_SCHEMA);
    await signUp(first, 'survivor@probe.example');
    expect(await delivery(first, 'survivor@probe.example')).toMatchObject({ passed: false });
    await first.stop(); // the process goes away with the event still in the outbox

    // The next process runs its relay in the background, as in production.
    const second = await TestApp.start({ extraModules: [ProbeModule], database: first.database, config: { relayIntervalMs: 50 } });
    try {
      let rows: unknown[] = [];
      // Up to 30 s: the relay reads the row once older transactions on the shared server end.
      for (let i = 0; i < 1200 && rows.length === 0; i++) {
        rows = await applied(second, 'survivor@probe.example');
        if (rows.length === 0) await new Promise((r) => setTimeout(r, 25));
      }
      expect(rows).toHaveLength(1);
      expect(await delivery(second, 'survivor@probe.example')).toMatchObject(HANDLED_FIRST_TIME);
    } finally {
      await second.close();
    }
  });
});
