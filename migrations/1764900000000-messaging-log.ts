import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox becomes the event log and the source of truth for subscribers (issue 10).
 *
 * Before: publishing wrote a delivery row for every subscriber the publishing process
 * knew, so a subscriber added later never saw older events, and the relay sorted every
 * due delivery to take one. Now:
 *
 * - `messaging.outbox` is an append-only log, kept. Each row records the transaction that
 *   wrote it (`txid`, PostgreSQL's `pg_current_xact_id()`). Positions come from a sequence
 *   at insert, but transactions commit out of order, so a reader going "position > last"
 *   could pass a row that commits later with a lower position. Readers therefore read only
 *   rows whose transaction is older than the oldest one still running
 *   (`txid < pg_snapshot_xmin(pg_current_snapshot())`: no such transaction can still
 *   write), in (txid, position) order, which is then a total order that never grows
 *   behind a reader (index `outbox_log`).
 * - `messaging.subscriber`: one row per subscriber, its cursor in that order
 *   (`cursor_txid`, `cursor_position`: the last row it passed) and the position it starts
 *   from. Rows are created by the relay of a process that runs the subscriber, not by
 *   publishers.
 * - `messaging.delivery` keeps only what the cursor cannot say: per subscriber and
 *   aggregate, the events that failed (RETRY, then PARKED) and the later events held
 *   behind them (HELD), in position order; and, for the retention period, how they ended
 *   (DONE, or SKIPPED by an operator). An event delivered at its first attempt leaves no
 *   row at all.
 * - `outbox_aggregate` finds an event's predecessor in its aggregate (order per aggregate).
 *
 * Existing data: subscribers that have deliveries start after the current end of the log
 * (they were given every event so far); their open deliveries become the head of their
 * aggregate's queue (RETRY or PARKED) with any later ones HELD. The events module's SQL
 * function that publishes follows in 1764900000001. Deploy this migration by
 * replacing every process at once: a process of the previous release would keep writing
 * delivery rows in the old shape.
 */
export class MessagingLog1764900000000 implements MigrationInterface {
  name = 'MessagingLog1764900000000';

  async up(q: QueryRunner): Promise<void> {
    // Existing rows get this migration's transaction id: all are read before any later row.
    await q.query(`ALTER TABLE messaging.outbox ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id()`);
    await q.query(`CREATE INDEX outbox_log ON messaging.outbox (txid, position) INCLUDE (type)`);
    await q.query(`CREATE INDEX outbox_aggregate ON messaging.outbox (aggregate_type, aggregate_id, position) INCLUDE (type, txid)`);

    await q.query(`
      CREATE TABLE messaging.subscriber (
        name text PRIMARY KEY,
        event_types text[] NOT NULL DEFAULT '{}',
        cursor_txid xid8 NOT NULL DEFAULT '0',
        cursor_position bigint NOT NULL DEFAULT 0,
        from_position bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        seen_at timestamptz NOT NULL DEFAULT now(),
        reset_at timestamptz
      )`);
    // Where a subscriber starting at log position p begins reading: before the oldest
    // transaction that wrote a row at or after p, and never after a transaction still running.
    await q.query(`
      CREATE FUNCTION messaging.cursor_for(p_from bigint) RETURNS xid8 LANGUAGE sql STABLE AS $$
        SELECT CASE WHEN p_from <= 1 THEN '0'::xid8
               ELSE LEAST(pg_snapshot_xmin(pg_current_snapshot()),
                          (SELECT min(o.txid) FROM messaging.outbox o WHERE o.position >= p_from)) END
      $$`);

    await q.query(`ALTER TABLE messaging.delivery
                     ADD COLUMN position bigint, ADD COLUMN aggregate_type text, ADD COLUMN aggregate_id text`);
    await q.query(`UPDATE messaging.delivery d
                      SET position = o.position, aggregate_type = o.aggregate_type, aggregate_id = o.aggregate_id
                     FROM messaging.outbox o WHERE o.id = d.event_id`);
    await q.query(`ALTER TABLE messaging.delivery
                     ALTER COLUMN position SET NOT NULL, ALTER COLUMN aggregate_type SET NOT NULL,
                     ALTER COLUMN aggregate_id SET NOT NULL, ALTER COLUMN status DROP DEFAULT,
                     DROP CONSTRAINT delivery_status_check`);
    await q.query(`
      WITH open AS (
        SELECT event_id, subscriber,
               row_number() OVER (PARTITION BY subscriber, aggregate_type, aggregate_id ORDER BY position) AS n
          FROM messaging.delivery WHERE status IN ('PENDING', 'PARKED'))
      UPDATE messaging.delivery d
         SET status = CASE WHEN open.n > 1 THEN 'HELD' WHEN d.status = 'PARKED' THEN 'PARKED' ELSE 'RETRY' END,
             attempts = CASE WHEN open.n > 1 THEN 0 ELSE d.attempts END
        FROM open WHERE open.event_id = d.event_id AND open.subscriber = d.subscriber`);
    await q.query(`ALTER TABLE messaging.delivery ADD CONSTRAINT delivery_status_check
                     CHECK (status IN ('RETRY', 'HELD', 'PARKED', 'DONE', 'SKIPPED'))`);
    await q.query(`DROP INDEX messaging.delivery_due`);
    await q.query(`DROP INDEX messaging.delivery_parked`);
    // The queue of one subscriber and aggregate, head first (what holds an event, what follows).
    await q.query(`CREATE INDEX delivery_queue ON messaging.delivery (subscriber, aggregate_type, aggregate_id, position)
                     WHERE status IN ('RETRY', 'HELD', 'PARKED')`);
    await q.query(`CREATE INDEX delivery_due ON messaging.delivery (subscriber, next_attempt_at) WHERE status = 'RETRY'`);
    await q.query(`CREATE INDEX delivery_parked ON messaging.delivery (position) WHERE status = 'PARKED'`);
    await q.query(`CREATE INDEX delivery_handled ON messaging.delivery (delivered_at) WHERE status IN ('DONE', 'SKIPPED')`);
    await q.query(`CREATE INDEX inbox_handled ON messaging.inbox (handled_at)`);

    await q.query(`
      INSERT INTO messaging.subscriber (name, cursor_txid, cursor_position)
      SELECT DISTINCT d.subscriber, pg_current_xact_id(), (SELECT coalesce(max(position), 0) FROM messaging.outbox)
        FROM messaging.delivery d`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messaging.inbox_handled`);
    await q.query(`DROP INDEX messaging.delivery_handled`);
    await q.query(`DROP INDEX messaging.delivery_parked`);
    await q.query(`DROP INDEX messaging.delivery_due`);
    await q.query(`DROP INDEX messaging.delivery_queue`);
    await q.query(`ALTER TABLE messaging.delivery DROP CONSTRAINT delivery_status_check`);
    await q.query(`UPDATE messaging.delivery SET status = CASE status WHEN 'PARKED' THEN 'PARKED'
                     WHEN 'DONE' THEN 'DONE' WHEN 'SKIPPED' THEN 'DONE' ELSE 'PENDING' END`);
    await q.query(`ALTER TABLE messaging.delivery
                     ALTER COLUMN status SET DEFAULT 'PENDING',
                     ADD CONSTRAINT delivery_status_check CHECK (status IN ('PENDING', 'DONE', 'PARKED')),
                     DROP COLUMN position, DROP COLUMN aggregate_type, DROP COLUMN aggregate_id`);
    await q.query(`CREATE INDEX delivery_due ON messaging.delivery (next_attempt_at) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX delivery_parked ON messaging.delivery (event_id) WHERE status = 'PARKED'`);
    await q.query(`DROP FUNCTION messaging.cursor_for(bigint)`);
    await q.query(`DROP TABLE messaging.subscriber`);
    await q.query(`DROP INDEX messaging.outbox_aggregate`);
    await q.query(`DROP INDEX messaging.outbox_log`);
    await q.query(`ALTER TABLE messaging.outbox DROP COLUMN txid`);
  }
}
