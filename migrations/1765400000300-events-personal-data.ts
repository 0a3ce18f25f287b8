import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events and personal data (contract 90-privacy): an erased person's registrations keep
 * their rows (seats, queues and counts were theirs) without an email (NULL) and with the
 * display name 退会済みユーザー; their feedback keeps its rating without a comment. The
 * feedback is found by account for the person's export and erasure.
 */
export class EventsPersonalData1765400000300 implements MigrationInterface {
  name = 'EventsPersonalData1765400000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events.registration ALTER COLUMN attendee_email DROP NOT NULL`);
    await q.query(`CREATE INDEX feedback_account ON events.feedback (account_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX events.feedback_account`);
    await q.query(`UPDATE events.registration SET attendee_email = '' WHERE attendee_email IS NULL`);
    await q.query(`ALTER TABLE events.registration ALTER COLUMN attendee_email SET NOT NULL`);
  }
}
