import { Injectable, Module } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { AccountRegistered } from '../../libs/contracts/identity/events.js';
import type { DomainEvent } from '../../libs/ddd/domain-event.js';
import { OutboxSubscriber } from '../../libs/messaging/outbox-subscriber.js';
import { UnitOfWork } from '../../libs/messaging/unit-of-work.js';

/** SQL the probe needs; run by the test before the probe handles anything. */
export const PROBE_SCHEMA = `
  CREATE SCHEMA IF NOT EXISTS probe;
  CREATE TABLE IF NOT EXISTS probe.applied (event_id uuid NOT NULL, email text NOT NULL, applied_at timestamptz DEFAULT now());
  CREATE TABLE IF NOT EXISTS probe.attempts (email text PRIMARY KEY, n int NOT NULL);
`;

/**
 * A subscriber to identity's AccountRegistered that records what it applied. Accounts
 * whose email starts with "flaky" fail the first two attempts; "doomed" ones always fail.
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

@Module({ providers: [ProbeSubscriber, ProbeResolver] })
export class ProbeModule {}
