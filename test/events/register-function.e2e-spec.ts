import { CommandBus } from '@nestjs/cqrs';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { AccountKind, Caller, Capability, MembershipRole } from '#libs/auth/caller.js';
import { AllocationPolicy, EventKind, EventStatus, RegistrationStatus } from '#libs/contracts/events/enums.js';
import { RegistrationConfirmed } from '#libs/contracts/events/events.js';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { CancelRegistrationCommand } from '../../src/modules/events/application/commands/cancel-registration/cancel-registration.command.js';
import {
  CancelEventCommand,
  CloseEventRegistrationCommand,
  OpenEventRegistrationCommand,
} from '../../src/modules/events/application/commands/change-event-status/change-event-status.command.js';
import { RegisterForEventCommand } from '../../src/modules/events/application/commands/register-for-event/register-for-event.command.js';
import type { RegistrationView } from '../../src/modules/events/application/queries/events.queries.js';
import { Event, type EventState } from '../../src/modules/events/domain/event.aggregate.js';
import type { Registration } from '../../src/modules/events/domain/registration.entity.js';
import { REGISTER, openEvent } from './events.fixtures.js';
import { TestApp } from '../harness/harness.js';

/**
 * registerForEvent runs as one SQL function (events.register_for_event); the Event
 * aggregate's `register` is its spec. Here both are driven with the same sequences —
 * registrations, cancellations, lifecycle moves, on events of every allocation, status and
 * deadline — and must give the same answers and errors, the same counters and version, the
 * same registrations and queue, and the same outbox rows. The SQL side runs through the
 * real command handlers (the ones the resolvers call); the model side is the aggregate.
 */
describe('events.register_for_event agrees with the Event aggregate', () => {
  let t: TestApp;
  let db: pg.Client;
  let bus: CommandBus;
  beforeAll(async () => {
    t = await TestApp.start();
    db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    bus = t.app.get(CommandBus);
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const HOUR = 3600_000;
  const DAY = 24 * HOUR;
  type Timing = 'no deadline' | 'deadline ahead' | 'deadline passed' | 'started';
  type Op =
    | { kind: 'register'; who: number }
    | { kind: 'cancel'; who: number }
    | { kind: 'open' | 'close' | 'cancelEvent' };

  interface Setup {
    allocation: AllocationPolicy;
    capacity: number;
    status: EventStatus;
    timing: Timing;
    kind: EventKind;
  }
  const setupArb: fc.Arbitrary<Setup> = fc.record({
    allocation: fc.constantFrom(AllocationPolicy.FIRST_COME, AllocationPolicy.LOTTERY),
    capacity: fc.integer({ min: 1, max: 4 }),
    status: fc.oneof(
      { weight: 6, arbitrary: fc.constant(EventStatus.OPEN) },
      { weight: 1, arbitrary: fc.constantFrom(EventStatus.DRAFT, EventStatus.CLOSED, EventStatus.COMPLETED, EventStatus.CANCELLED) },
    ),
    timing: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom<Timing>('no deadline', 'deadline ahead') },
      { weight: 1, arbitrary: fc.constantFrom<Timing>('deadline passed', 'started') },
    ),
    kind: fc.constantFrom(...Object.values(EventKind)),
  });
  const PEOPLE = 8;
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    { weight: 12, arbitrary: fc.record({ kind: fc.constant('register' as const), who: fc.integer({ min: 0, max: PEOPLE - 1 }) }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('cancel' as const), who: fc.integer({ min: 0, max: PEOPLE - 1 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('open' as const, 'close' as const, 'cancelEvent' as const) }) },
  );

  /** A fresh event row, written as the repository would, and the same event as an aggregate. */
  async function newEvent(setup: Setup): Promise<{ model: Event; state: EventState }> {
    const now = Date.now();
    const startsAt = new Date(setup.timing === 'started' ? now - HOUR : now + 30 * DAY);
    const endsAt = new Date(startsAt.getTime() + 2 * HOUR);
    const applicationDeadline =
      setup.timing === 'deadline ahead' ? new Date(now + 10 * DAY) : setup.timing === 'deadline passed' ? new Date(now - DAY) : null;
    const state: EventState = {
      id: randomUUID(),
      organizationId: randomUUID(),
      regionId: randomUUID(),
      kind: setup.kind,
      title: '合同説明会',
      description: '検証用',
      startsAt,
      endsAt,
      venue: { name: '会場', address: '東京都千代田区', online: false },
      meetingPoint: null,
      capacity: setup.capacity,
      feeYen: 0,
      allocation: setup.allocation,
      applicationDeadline,
      program: [],
      speakers: [],
      status: setup.status,
      confirmedCount: 0,
      waitlistedCount: 0,
      appliedCount: 0,
      attendedCount: 0,
      lotteryDrawnAt: null,
      createdAt: new Date(now),
      updatedAt: new Date(now),
      version: 1,
    };
    await db.query(
      `INSERT INTO events.event (id, organization_id, region_id, kind, title, description, starts_at, ends_at, venue_name, venue_address,
         venue_online, meeting_point, capacity, fee_yen, allocation, application_deadline, status, program, speakers, confirmed_count,
         waitlisted_count, applied_count, attended_count, lottery_drawn_at, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, $12, 0, $13, $14, $15, '[]', '[]', 0, 0, 0, 0, NULL, $16, $16, 1)`,
      [state.id, state.organizationId, state.regionId, state.kind, state.title, state.description, startsAt, endsAt, state.venue.name,
        state.venue.address, false, state.capacity, state.allocation, applicationDeadline, state.status, state.createdAt],
    );
    return { model: Event.restore(structuredClone(state)), state };
  }

  /** What a thrown error says to a client: its class and message. */
  const failure = (error: unknown) => ({ error: (error as Error).constructor.name, message: (error as Error).message });
  const attempt = async <T>(work: () => Promise<T> | T): Promise<{ ok: T } | ReturnType<typeof failure>> => {
    try {
      return { ok: await work() };
    } catch (error) {
      return failure(error);
    }
  };

  it('gives the same answers, errors, counters, version, registrations and outbox rows for any sequence', async () => {
    await fc.assert(
      fc.asyncProperty(setupArb, fc.array(opArb, { minLength: 1, maxLength: 30 }), async (setup, ops) => {
        const { model, state } = await newEvent(setup);
        const people = Array.from(
          { length: PEOPLE },
          (_, i) => new Caller(randomUUID(), AccountKind.CANDIDATE, `候補者${i}`, `p${i}-${randomUUID().slice(0, 8)}@test.minato.example`, []),
        );
        const staff = new Caller(randomUUID(), AccountKind.STAFF, 'スタッフ', 'staff@test.minato.example', [
          { organizationId: state.organizationId, regionId: state.regionId, role: MembershipRole.OWNER, capabilities: [Capability.EVENTS_MANAGE] },
        ]);
        /** The model's registrations, and the id the database gave each. */
        const registrations: Registration[] = [];
        const sqlId = new Map<string, string>();
        let version = 1;
        let outboxPosition = '0';

        const activeOf = (who: number) => registrations.find((r) => r.accountId === people[who].accountId && r.isActive);
        /** The database's outbox rows since the last look must be the aggregate's events. */
        const expectOutbox = async (recorded: DomainEvent[]) => {
          const { rows } = await db.query(
            `SELECT position, id, type, source, aggregate_type, aggregate_id, payload_version, payload FROM messaging.outbox
              WHERE aggregate_id = $1 AND position > $2 ORDER BY position`,
            [state.id, outboxPosition],
          );
          if (rows.length > 0) outboxPosition = rows[rows.length - 1].position;
          const mapIds = (payload: Record<string, unknown>) =>
            typeof payload.registrationId === 'string' ? { ...payload, registrationId: sqlId.get(payload.registrationId) } : payload;
          expect(rows.map(({ position: _, id: __, ...row }) => row)).toEqual(
            recorded.map((e) => ({
              type: e.type,
              source: 'events',
              aggregate_type: e.aggregateType,
              aggregate_id: e.aggregateId,
              payload_version: e.payloadVersion,
              payload: mapIds(JSON.parse(JSON.stringify(e.payload))),
            })),
          );
          // Publishing only appends to the log: who receives an event is the relay's business.
          for (const row of rows) {
            const { rows: deliveries } = await db.query(`SELECT subscriber FROM messaging.delivery WHERE event_id = $1`, [row.id]);
            expect(deliveries).toEqual([]);
          }
        };

        for (const op of ops) {
          const now = new Date();
          if (op.kind === 'register') {
            const caller = people[op.who];
            const sql = await attempt(() => bus.execute(new RegisterForEventCommand(caller, state.id)));
            let expected: { ok: Partial<RegistrationView> } | ReturnType<typeof failure>;
            const existing = activeOf(op.who);
            if (model.status === EventStatus.DRAFT) {
              expected = failure(new NotFoundError('Event', state.id));
            } else if (existing) {
              expected = { ok: { id: sqlId.get(existing.id), status: existing.status, waitlistPosition: existing.waitlistPosition } };
            } else {
              expected = await attempt(() => {
                const registration = model.register({ accountId: caller.accountId, displayName: caller.displayName, email: caller.email }, now);
                registrations.push(registration);
                if ('ok' in sql) sqlId.set(registration.id, sql.ok.id);
                version += 1;
                return { status: registration.status, waitlistPosition: registration.waitlistPosition } as Partial<RegistrationView>;
              });
            }
            if ('ok' in sql) {
              expect(sql.ok).toMatchObject({
                ...('ok' in expected ? expected.ok : {}),
                eventId: state.id,
                accountId: caller.accountId,
                organizerOrganizationId: state.organizationId,
                regionId: state.regionId,
                attendeeDisplayName: caller.displayName,
                email: caller.email,
              });
              // The answer is what the row says (it was not read back, so check it here).
              const { rows } = await db.query(`SELECT status, waitlist_position, seq::text, created_at FROM events.registration WHERE id = $1`, [sql.ok.id]);
              expect(rows[0]).toEqual({ status: sql.ok.status, waitlist_position: sql.ok.waitlistPosition, seq: sql.ok.seq, created_at: sql.ok.createdAt });
            }
            expect('ok' in sql ? 'ok' : sql).toEqual('ok' in expected ? 'ok' : expected);
          } else if (op.kind === 'cancel') {
            const leaving = activeOf(op.who);
            if (!leaving) continue;
            const sql = await attempt(() => bus.execute(new CancelRegistrationCommand(people[op.who], sqlId.get(leaving.id)!)));
            const head =
              leaving.status === RegistrationStatus.CONFIRMED
                ? (registrations.find((r) => r.status === RegistrationStatus.WAITLISTED && r.waitlistPosition === 1) ?? null)
                : null;
            const expected = await attempt(() => {
              const outcome = model.cancelRegistration(leaving, head, 'ATTENDEE', now);
              if (outcome.changed) version += 1;
              if (outcome.closeGapAfter !== null) {
                for (const r of registrations) {
                  if (r.status === RegistrationStatus.WAITLISTED && r.waitlistPosition! > outcome.closeGapAfter) {
                    r.place({ status: RegistrationStatus.WAITLISTED, waitlistPosition: r.waitlistPosition! - 1 }, now);
                  }
                }
              }
              return { registrationId: sqlId.get(leaving.id) };
            });
            expect(sql).toEqual(expected);
          } else {
            const Command = { open: OpenEventRegistrationCommand, close: CloseEventRegistrationCommand, cancelEvent: CancelEventCommand }[op.kind];
            const sql = await attempt(() => bus.execute(new Command(staff, state.id)));
            const expected = await attempt(() => {
              ({ open: () => model.open(now), close: () => model.close(now), cancelEvent: () => model.cancel(now) })[op.kind]();
              version += 1;
              return { eventId: state.id };
            });
            expect(sql).toEqual(expected);
          }
          await expectOutbox(model.pullEvents());
          const { rows } = await db.query(
            `SELECT status, confirmed_count, waitlisted_count, applied_count, version FROM events.event WHERE id = $1`,
            [state.id],
          );
          expect(rows[0]).toEqual({
            status: model.status,
            confirmed_count: model.counts.confirmed,
            waitlisted_count: model.counts.waitlisted,
            applied_count: model.counts.applied,
            version,
          });
        }

        const { rows } = await db.query(
          `SELECT id, account_id, status, waitlist_position FROM events.registration WHERE event_id = $1 ORDER BY seq`,
          [state.id],
        );
        expect(rows).toEqual(
          registrations.map((r) => ({ id: sqlId.get(r.id), account_id: r.accountId, status: r.status, waitlist_position: r.waitlistPosition })),
        );
      }),
      { numRuns: Number(process.env.REGISTER_FUNCTION_RUNS ?? 60) },
    );
  });

  /** Calls the function as the repository does, with a given `now` and outbox targets. */
  const callFunction = async (eventId: string, accountId: string, now: Date) => {
    const target = (definition: { type: string; version: number; aggregateType: string }) => ({
      type: definition.type,
      source: 'events',
      aggregateType: definition.aggregateType,
      payloadVersion: definition.version,
    });
    const outboxId = randomUUID();
    const { rows } = await db.query(`SELECT * FROM events.register_for_event($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`, [
      eventId, accountId, '候補者', 'c@test.minato.example', now, randomUUID(), outboxId,
      JSON.stringify({ CONFIRMED: target(RegistrationConfirmed), WAITLISTED: target(RegistrationConfirmed), APPLIED: target(RegistrationConfirmed) }),
    ]);
    return { row: rows[0], outboxId };
  };

  it('closes registration after the deadline instant, not at it, as whyRegistrationClosed does', async () => {
    const { state } = await newEvent({ allocation: AllocationPolicy.FIRST_COME, capacity: 2, status: EventStatus.OPEN, timing: 'deadline ahead', kind: EventKind.BRIEFING });
    const deadline = state.applicationDeadline!;
    expect((await callFunction(state.id, randomUUID(), deadline)).row).toMatchObject({ outcome: 'CREATED', status: 'CONFIRMED' });
    expect((await callFunction(state.id, randomUUID(), new Date(deadline.getTime() + 1))).row).toMatchObject({
      outcome: 'CLOSED',
      event_status: 'OPEN',
      application_deadline: deadline,
    });
  });

  it('appends the event to the log in the same transaction, and names no subscriber', async () => {
    const { state } = await newEvent({ allocation: AllocationPolicy.FIRST_COME, capacity: 2, status: EventStatus.OPEN, timing: 'no deadline', kind: EventKind.TOUR });
    const accountId = randomUUID();
    const { row, outboxId } = await callFunction(state.id, accountId, new Date());
    expect(row.outcome).toBe('CREATED');
    const { rows: logged } = await db.query(`SELECT type, aggregate_id, txid IS NOT NULL AS has_txid FROM messaging.outbox WHERE id = $1`, [outboxId]);
    expect(logged).toEqual([{ type: RegistrationConfirmed.type, aggregate_id: state.id, has_txid: true }]);
    expect((await db.query(`SELECT 1 FROM messaging.delivery WHERE event_id = $1`, [outboxId])).rows).toEqual([]);
    // An answer that changes nothing writes no outbox row either.
    const again = await callFunction(state.id, accountId, new Date());
    expect(again.row).toMatchObject({ outcome: 'EXISTING', registration_id: row.registration_id });
    expect((await db.query(`SELECT count(*)::int AS n FROM messaging.outbox WHERE id = $1`, [again.outboxId])).rows).toEqual([{ n: 0 }]);
  });

  it('wakes the outbox relay after a registration that wrote an event, and only then', async () => {
    const { state } = await newEvent({ allocation: AllocationPolicy.LOTTERY, capacity: 1, status: EventStatus.OPEN, timing: 'no deadline', kind: EventKind.MEETUP });
    let woken = 0;
    t.app.get(UnitOfWork).onEventsCommitted(() => void (woken += 1));
    const caller = new Caller(randomUUID(), AccountKind.CANDIDATE, '候補者', 'c@test.minato.example', []);
    expect(await bus.execute(new RegisterForEventCommand(caller, state.id))).toMatchObject({ status: 'APPLIED', waitlistPosition: null });
    expect(woken).toBe(1);
    await bus.execute(new RegisterForEventCommand(caller, state.id));
    expect(woken).toBe(1);
  });

  it('registers in one statement: no BEGIN or COMMIT round trips, and no read after the write', async () => {
    const staff = await t.staff(['EVENTS_MANAGE']);
    const eventId = await openEvent(staff, { capacity: 1 });
    const candidate = await t.candidate();
    const { result, statements } = await t.recordSql(() => candidate.ok(`mutation($id: ID!) { registerForEvent(input: { eventId: $id }) { id status waitlistPosition attendeeEmail } }`, { id: eventId }));
    expect(result.registerForEvent).toMatchObject({ status: 'CONFIRMED', waitlistPosition: null, attendeeEmail: expect.any(String) });
    const events = statements.filter((s) => /events\.|START TRANSACTION|BEGIN|COMMIT/i.test(s));
    expect(events).toEqual([expect.stringContaining('events.register_for_event(')]);
    // The same through the full fixture (with event { id status }): the event is read for the answer only when asked for.
    const other = await t.candidate();
    const full = await t.recordSql(() => other.ok(REGISTER, { id: eventId }));
    expect(full.result.registerForEvent).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 1 });
    expect(full.statements.filter((s) => /events\.registration|START TRANSACTION|COMMIT/i.test(s))).toEqual([]);
  });
});
