import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live updates fan out from the event log (libs/messaging/live-feed.ts): every row appended
 * to messaging.outbox sends `NOTIFY messaging_outbox, '<position> <type>'`. PostgreSQL
 * delivers a notification only when its transaction commits, in commit order, to every
 * session listening on the channel, whichever process or statement wrote the row
 * (UnitOfWork.publish, or a SQL function such as events.register_for_event). A listener
 * thus learns exactly which positions became visible, and reads the rows it cares about.
 */
export class MessagingLiveNotify1764810000000 implements MigrationInterface {
  name = 'MessagingLiveNotify1764810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION messaging.notify_outbox_appended() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- A payload is at most 8000 bytes; a position and a dotted type name are far below.
        PERFORM pg_notify('messaging_outbox', NEW.position::text || ' ' || left(NEW.type, 200));
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER outbox_appended_notify AFTER INSERT ON messaging.outbox
        FOR EACH ROW EXECUTE FUNCTION messaging.notify_outbox_appended()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER outbox_appended_notify ON messaging.outbox`);
    await q.query(`DROP FUNCTION messaging.notify_outbox_appended()`);
  }
}
