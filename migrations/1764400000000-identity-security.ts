import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity (schema `identity`): tokens that can be taken back, and slowed password
 * guessing (contract 15-identity-security).
 *
 * - `account.token_generation`: every token carries the generation it was issued in;
 *   changing the password moves to the next one, which revokes all older tokens at once.
 * - `revoked_token`: single tokens revoked by signOut, kept until they would have expired
 *   anyway (then deleted by housekeeping). Read by primary key on every signed-in request.
 * - `password_attempt`: failed password checks per account and per client address, in
 *   rate-limiter-flexible's PostgreSQL layout (key, points, expire in epoch ms), so every
 *   process shares the counts. Created here; the limiter never creates tables itself.
 */
export class IdentitySecurity1764400000000 implements MigrationInterface {
  name = 'IdentitySecurity1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity.account ADD COLUMN token_generation int NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE TABLE identity.revoked_token (
        jti uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES identity.account (id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX revoked_token_expires ON identity.revoked_token (expires_at)`);
    await q.query(`CREATE INDEX revoked_token_account ON identity.revoked_token (account_id)`);
    await q.query(`
      CREATE TABLE identity.password_attempt (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
    await q.query(`CREATE INDEX password_attempt_expire ON identity.password_attempt (expire)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE identity.password_attempt`);
    await q.query(`DROP TABLE identity.revoked_token`);
    await q.query(`ALTER TABLE identity.account DROP COLUMN token_generation`);
  }
}
