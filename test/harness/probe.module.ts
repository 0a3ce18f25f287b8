import { Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { AccountRegistered } from '#libs/contracts/identity/events.js';
import { defineEvent, type DomainEvent } from '#libs/ddd/domain-event.js';
import { recordInInbox } from '#libs/messaging/inbox.js';
import { OutboxSubscriber } from '#libs/messaging/outbox-subscriber.js';
import { SubscriberRegistry, type EventSubscriber } from '#libs/messaging/subscriber-registry.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';

/** SQL the probe needs; run by the test before the probe handles anything. */
export const PROBE_SCHEMA = `
  CREATE SCHEMA IF NOT EXISTS probe;
  CREATE TABLE IF NOT EXISTS probe.applied (event_id uuid NOT NULL, email text NOT NULL, applied_at timestamptz DEFAULT now());
  CREATE TABLE IF NOT EXISTS probe.attempts (email text PRIMARY KEY, n int NOT NULL);
  CREATE TABLE IF NOT EXISTS probe.sent (event_id uuid NOT NULL, email text NOT NULL);
  CREATE TABLE IF NOT EXISTS probe.seen (n bigserial PRIMARY KEY, subscriber text NOT NULL, aggregate_id text NOT NULL,
    seq int NOT NULL, event_id uuid NOT NULL, relay text);
  CREATE TABLE IF NOT EXISTS probe.failing (subscriber text NOT NULL, aggregate_id text NOT NULL, seq int NOT NULL);
`;

/**
 * A subscriber to identity's AccountRegistered that records what it applied. Accounts
 * whose email starts with "flaky" fail the first two attempts; "doomed" ones always fail;
 * "malformed" ones always fail in PostgreSQL, whose message quotes the email.
 * Each failure happens after the subscriber wrote, so a rollback is observable.
 */
@Injectable()
export class ProbeSubscriber extends OutboxSubscriber {
  readonly name = 'probe.on-account-registered';
  readonly eventTypes = [AccountRegistered.type];

  constructor(private readonly uow: UnitOfWork) {
    super();
  }

  async handle(event: DomainEvent): Promise<void> {
    if (!AccountRegistered.is(event)) return;
    const email = event.payload.email;
    await this.uow.manager.query('INSERT INTO probe.applied (event_id, email) VALUES ($1, $2)', [event.id, email]);
    // Counted outside the rolled-back work so the test can see every attempt.
    const [{ n }] = await this.uow.manager.connection.query(
      `INSERT INTO probe.attempts (email, n) VALUES ($1, 1) ON CONFLICT (email) DO UPDATE SET n = probe.attempts.n + 1 RETURNING n`,
      [email],
    );
    if (email.startsWith('flaky') && n <= 2) throw new Error(`flaky failure ${n}`);
    if (email.startsWith('doomed')) throw new Error('doomed to fail');
    if (email.startsWith('malformed')) await this.uow.manager.query('SELECT $1::uuid', [email]);
  }
}

/**
 * A subscriber whose effect commits outside the relay's transaction (as a mail sent
 * through another system would): its own transaction, guarded by the inbox.
 */
@Injectable()
export class ProbeMailer extends OutboxSubscriber {
  readonly name = 'probe.mailer';
  readonly eventTypes = [AccountRegistered.type];

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async handle(event: DomainEvent): Promise<void> {
    if (!AccountRegistered.is(event)) return;
    await this.dataSource.transaction(async (own) => {
      if (!(await recordInInbox(own, this.name, event.id))) return;
      await own.query('INSERT INTO probe.sent (event_id, email) VALUES ($1, $2)', [event.id, event.payload.email]);
    });
  }
}

/** A test event on aggregates the tests choose; `seq` numbers an aggregate's events in order. */
export const Tick = defineEvent<{ seq: number }>('probe.tick', 'ProbeThing');

/** What the recorders see across every app of this test process (two relays in one test). */
export const recorderWatch = {
  /** Subscriber/aggregate pairs being handled right now. */
  running: new Set<string>(),
  /** Pairs that were handled twice at the same time (must stay empty). */
  overlaps: [] as string[],
  /** Milliseconds each handling waits while marked running (gives an overlap the chance to show). */
  delayMs: 0,
};

/**
 * Records each Tick it handles in probe.seen (a read model: one row per event, in
 * handling order); fails on the (aggregate, seq) pairs listed for it in probe.failing,
 * after writing, so a rollback is observable; `reset()` clears its rows.
 */
export class Recorder implements EventSubscriber, OnModuleInit {
  readonly eventTypes = [Tick.type];

  constructor(
    readonly name: string,
    private readonly relayTag: string,
    private readonly registry: SubscriberRegistry,
    private readonly uow: UnitOfWork,
    readonly startFrom?: EventSubscriber['startFrom'],
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async handle(event: DomainEvent): Promise<void> {
    if (!Tick.is(event)) return;
    const key = `${this.name}/${event.aggregateId}`;
    if (recorderWatch.running.has(key)) recorderWatch.overlaps.push(key);
    recorderWatch.running.add(key);
    try {
      await this.uow.manager.query(
        'INSERT INTO probe.seen (subscriber, aggregate_id, seq, event_id, relay) VALUES ($1, $2, $3, $4, $5)',
        [this.name, event.aggregateId, event.payload.seq, event.id, this.relayTag],
      );
      if (recorderWatch.delayMs > 0) await new Promise((r) => setTimeout(r, recorderWatch.delayMs));
      const failing: unknown[] = await this.uow.manager.query(
        'SELECT 1 FROM probe.failing WHERE subscriber = $1 AND aggregate_id = $2 AND seq = $3',
        [this.name, event.aggregateId, event.payload.seq],
      );
      if (failing.length > 0) throw new Error(`${this.name} fails on ${event.aggregateId}#${event.payload.seq}`);
    } finally {
      recorderWatch.running.delete(key);
    }
  }

  async reset(): Promise<void> {
    await this.uow.manager.query('DELETE FROM probe.seen WHERE subscriber = $1', [this.name]);
  }
}

/** Recorders with these names (starting from `startFrom`), in one app; `relayTag` says in probe.seen which app handled a row. */
@Module({})
export class RecorderModule {
  static with(names: string[], relayTag = 'app', startFrom?: EventSubscriber['startFrom']): DynamicModule {
    return {
      module: RecorderModule,
      providers: names.map((name) => ({
        provide: `recorder:${name}`,
        useFactory: (registry: SubscriberRegistry, uow: UnitOfWork) => new Recorder(name, relayTag, registry, uow, startFrom),
        inject: [SubscriberRegistry, UnitOfWork],
      })),
    };
  }
}

/** A resolver that fails the way a bug would, to see the error masked. */
@Resolver()
export class ProbeResolver {
  @Query(() => String)
  probeBoom(): string {
    throw new Error('secret internals: password=hunter2 at /srv/app/x.js:12');
  }
}

@Module({ providers: [ProbeSubscriber, ProbeMailer, ProbeResolver] })
export class ProbeModule {}
