import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Diagnostics for the event log (issue 10): with MINATO_MESSAGING_AUDIT=1 the relay counts,
 * in the transaction of each handling, how many times each subscriber handled each event
 * (libs/messaging/messaging-audit.ts). One row per (subscriber, event): `times` is 1 when
 * the event was handled exactly once; `handled_by` names the process (host:pid) that last
 * handled it. Empty unless the audit is on; nothing prunes it (truncate it by hand).
 */
export class MessagingAudit1764950000000 implements MigrationInterface {
  name = 'MessagingAudit1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE messaging.audit (
        subscriber text NOT NULL,
        event_id uuid NOT NULL,
        position bigint NOT NULL,
        times int NOT NULL DEFAULT 1 CHECK (times > 0),
        first_handled_at timestamptz NOT NULL DEFAULT now(),
        last_handled_at timestamptz NOT NULL DEFAULT now(),
        handled_by text NOT NULL,
        PRIMARY KEY (subscriber, event_id)
      )`);
    // An operator's reset deletes one subscriber's rows from a position on.
    await q.query(`CREATE INDEX audit_subscriber_position ON messaging.audit (subscriber, position)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE messaging.audit`);
  }
}
