import { ForbiddenError } from '../ddd/errors.js';
import type { UnitOfWork } from './unit-of-work.js';

const SCHEMA = /^[a-z_][a-z0-9_]*$/;

/**
 * A module's note of erased accounts (`<schema>.erased_account`, in the module's own schema)
 * and the per-person lock that keeps a request in flight and the module's erasure apart
 * (contract 90-privacy): every command a person starts takes the lock and is refused once the
 * account is noted; the erasure takes it, notes the account and only then lists what to erase.
 * So a request either committed before (and is listed) or sees the erasure.
 */
export class ErasedAccounts {
  private readonly lockSql: string;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly schema: string,
  ) {
    if (!SCHEMA.test(schema)) throw new Error(`Not a schema name: ${schema}`);
    this.lockSql = `SELECT pg_advisory_xact_lock(hashtextextended('${schema}.person:' || $1::text, 0))`;
  }

  /** Takes the person's lock until the transaction ends (a statement of its own for read models). */
  async lock(accountId: string): Promise<void> {
    await this.uow.manager.query(this.lockSql, [accountId]);
  }

  /** What a command a person starts does first: takes the person's lock, and refuses (FORBIDDEN) an erased account. */
  async refuseErased(accountId: string): Promise<void> {
    await this.lock(accountId);
    const rows: unknown[] = await this.uow.manager.query(`SELECT 1 FROM ${this.schema}.erased_account WHERE account_id = $1`, [accountId]);
    if (rows.length > 0) throw new ForbiddenError('This account was erased');
  }

  /** What the erasure does first: takes the person's lock and notes the erasure (once; the first time is kept). */
  async markErased(accountId: string, at: Date): Promise<void> {
    await this.lock(accountId);
    await this.uow.manager.query(
      `INSERT INTO ${this.schema}.erased_account (account_id, erased_at) VALUES ($1, $2) ON CONFLICT (account_id) DO NOTHING`,
      [accountId, at],
    );
  }
}
