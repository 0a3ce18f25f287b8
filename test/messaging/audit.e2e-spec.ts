import { declaredEventTypes } from '#libs/ddd/domain-event.js';
import { AUDIT_SUBSCRIBER } from '#libs/messaging/messaging-audit.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { auditVerdict } from '../harness/audit.js';
import { TestApp } from '../harness/harness.js';
import { PROBE_SCHEMA, RecorderModule, Tick } from '../harness/probe.module.js';

const NAME = 'probe.audited';
const HOUR = 3600_000;

async function tick(t: TestApp, items: Array<[string, number]>): Promise<void> {
  const uow = t.app.get(UnitOfWork);
  await uow.run(() => uow.publish('probe', items.map(([aggregate, seq]) => Tick.create(aggregate, { seq }))));
}

/**
 * The messaging audit (MINATO_MESSAGING_AUDIT=1), the observable behind "every logged event
 * handled exactly once by every subscriber" (test/messaging/many-processes.e2e-spec.ts):
 * it sees a clean run as clean, and it does see an event handled twice or never.
 */
describe('the messaging audit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ config: { messagingAudit: true }, extraModules: [RecorderModule.with([NAME])] });
    await t.sql(PROBE_SCHEMA);
  });
  afterAll(() => t.close());

  it('counts each handling once, failed attempts (rolled back) not at all, with a subscriber of every event type', async () => {
    await t.candidate(); // identity.account.registered: the audit's own subscriber takes it (and the modules' that read it)
    await t.sql(`INSERT INTO probe.failing VALUES ($1, 'a-1', 2)`, [NAME]);
    for (let seq = 1; seq <= 4; seq++) await tick(t, [['a-0', seq], ['a-1', seq], ['a-2', seq]]);
    await t.drainOutbox();
    expect((await auditVerdict(t.databaseUrl)).missing).toBe(3); // the recorder's a-1#2 failed; a-1#3, #4 wait behind it
    await t.sql(`DELETE FROM probe.failing WHERE subscriber = $1`, [NAME]);
    await t.drainOutbox(new Date(Date.now() + HOUR));

    const verdict = await auditVerdict(t.databaseUrl);
    expect(verdict).toMatchObject({ missing: 0, repeated: 0, unexpected: 0, examples: [] });
    const [{ events }] = await t.sql(`SELECT count(*)::int AS events FROM messaging.outbox`);
    // Every logged event once for the audit's subscriber, the 12 Ticks once more for the recorder,
    // and the modules' own subscribers' events (support.journey reads identity.account.registered).
    const [{ modules }] = await t.sql(
      `SELECT count(*)::int AS modules FROM messaging.subscriber s JOIN messaging.outbox o ON o.type = ANY (s.event_types)
        WHERE s.name <> ALL ($1::text[])`,
      [[AUDIT_SUBSCRIBER, NAME]],
    );
    expect(verdict.expected).toBe(events + 12 + modules);
    const [audit] = await t.sql(`SELECT event_types FROM messaging.subscriber WHERE name = $1`, [AUDIT_SUBSCRIBER]);
    expect(audit.event_types).toEqual(declaredEventTypes());
    expect(audit.event_types).toEqual(expect.arrayContaining(['identity.account.registered', 'events.registration.confirmed', Tick.type]));
    // The failed attempt was rolled back with its audit row: the event counts once.
    const [failed] = await t.sql(
      `SELECT a.times FROM messaging.audit a JOIN messaging.outbox o ON o.id = a.event_id
        WHERE a.subscriber = $1 AND o.aggregate_id = 'a-1' AND o.payload->>'seq' = '2'`,
      [NAME],
    );
    expect(failed).toEqual({ times: 1 });
  });

  it('shows a batch handled again without its cursor move (times 2), and an event never handled', async () => {
    // What a relay that handed a batch over without moving the cursor in the same
    // transaction would do: the next pass hands the same events over again.
    await t.sql(`UPDATE messaging.subscriber SET cursor_txid = '0', cursor_position = 0 WHERE name = $1`, [NAME]);
    await t.drainOutbox();
    const verdict = await auditVerdict(t.databaseUrl);
    expect(verdict).toMatchObject({ missing: 0, repeated: 12, unexpected: 0 });
    expect(verdict.examples.every((e) => e.problem === 'repeated' && e.times === 2 && e.subscriber === NAME)).toBe(true);
    expect(await t.sql(`SELECT DISTINCT times FROM messaging.audit WHERE subscriber = $1`, [NAME])).toEqual([{ times: 2 }]);

    // An operator's reset hands the log over again on purpose: the count starts again.
    const admin = await t.admin();
    await admin.ok(`mutation($input: ResetSubscriberInput!) { resetSubscriber(input: $input) { name } }`, { input: { name: NAME } });
    expect(await t.sql(`SELECT 1 FROM messaging.audit WHERE subscriber = $1`, [NAME])).toEqual([]);
    await t.drainOutbox();
    expect(await auditVerdict(t.databaseUrl)).toMatchObject({ missing: 0, repeated: 0, unexpected: 0 });

    await t.sql(`DELETE FROM messaging.audit WHERE ctid = (SELECT ctid FROM messaging.audit WHERE subscriber = $1 LIMIT 1)`, [NAME]);
    expect(await auditVerdict(t.databaseUrl)).toMatchObject({ missing: 1, repeated: 0, unexpected: 0 });
  });
});

describe('the messaging audit, off (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('records nothing and runs no subscriber of its own', async () => {
    await t.candidate();
    await t.drainOutbox();
    expect(await t.sql(`SELECT 1 FROM messaging.outbox`)).not.toEqual([]);
    expect(await t.sql(`SELECT 1 FROM messaging.subscriber WHERE name = $1`, [AUDIT_SUBSCRIBER])).toEqual([]);
    expect(await t.sql(`SELECT 1 FROM messaging.audit`)).toEqual([]);
  });
});
