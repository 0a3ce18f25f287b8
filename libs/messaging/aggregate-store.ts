import type { AggregateRoot } from '../ddd/aggregate-root.js';
import { StaleVersionError } from '../ddd/errors.js';
import { UnitOfWork, pgErrorCode } from './unit-of-work.js';

/**
 * How one aggregate's root row is written: the table (its key is `id`, and it has an
 * integer `version` the store alone writes) and the columns. The store builds the SQL,
 * so the UPDATE always carries the version check.
 */
export interface AggregateRows {
  /** Schema-qualified table of the root row, e.g. `matching.interest`. */
  table: string;
  /** Names the aggregate in a StaleVersionError, e.g. "The interest". */
  what: string;
  /** Columns written when the aggregate is inserted and every time it is updated. */
  columns: Record<string, unknown>;
  /** Columns written only when it is inserted (those that never change: owner, created_at…). */
  insertOnly?: Record<string, unknown>;
  /**
   * Rows beside the root (a history, memberships, an entity's rows), written after the root
   * row in the same transaction — so after the version check and before the events.
   */
  alsoWrite?: () => Promise<void>;
  /**
   * What a unique violation while writing the root row means (EmailTaken, "one live interest
   * per pair"…). The write then runs in a savepoint, so the transaction stays usable for a
   * caller that catches the error and carries on (it re-reads the winner, say). Without it
   * the database error propagates.
   */
  onDuplicate?: () => Error;
  /**
   * The aggregate is written once and never changed (its table has no `version` column,
   * e.g. a feedback): the store inserts it, and refuses to save it again.
   */
  writeOnce?: boolean;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const TABLE = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/;

/** The row count of an UPDATE as TypeORM's PostgreSQL driver answers it (`[rows, affected]`). */
function affectedRows(result: unknown): number {
  if (Array.isArray(result) && typeof result[1] === 'number') return result[1];
  throw new Error('Unexpected answer to an UPDATE: no row count');
}

function checkNames(rows: AggregateRows, names: string[]): void {
  if (!TABLE.test(rows.table)) throw new Error(`Not a schema-qualified table name: ${rows.table}`);
  for (const name of names) {
    if (!IDENTIFIER.test(name) || name === 'id' || name === 'version') throw new Error(`Column ${name} of ${rows.table} cannot be written here`);
  }
}

/**
 * The one way an aggregate is saved, inside the current unit of work: its root row is
 * inserted (version 1) or updated only if its version is still the one loaded (a 0-row
 * update raises StaleVersionError), the rows beside it are written, the events it recorded
 * are appended to the outbox (`UnitOfWork.publish`), and it is marked saved. A repository
 * says what to write; it never pulls events, publishes or bumps a version itself (a test,
 * src/modules/one-save-path.spec.ts, fails when one does).
 */
export class AggregateStore {
  constructor(
    private readonly uow: UnitOfWork,
    /** The module whose outbox rows these are (`source`), e.g. `matching`. */
    private readonly source: string,
  ) {}

  async save(aggregate: AggregateRoot, rows: AggregateRows): Promise<void> {
    if (!this.uow.active) throw new Error(`${rows.what} can only be saved inside a unit of work`);
    const write = () => (aggregate.isNew ? this.insert(aggregate, rows) : this.update(aggregate, rows));
    if (rows.onDuplicate) await this.guarded(write, rows.onDuplicate);
    else await write();
    await rows.alsoWrite?.();
    await this.uow.publish(this.source, aggregate.pullEvents());
    aggregate.markSaved();
  }

  private async insert(aggregate: AggregateRoot, rows: AggregateRows): Promise<void> {
    const columns = { ...rows.columns, ...rows.insertOnly };
    const names = Object.keys(columns);
    checkNames(rows, names);
    const placeholders = names.map((_, i) => `$${i + 2}`);
    const [versionColumn, versionValue] = rows.writeOnce ? ['', ''] : [', version', ', 1'];
    await this.uow.manager.query(
      `INSERT INTO ${rows.table} (id, ${names.join(', ')}${versionColumn}) VALUES ($1, ${placeholders.join(', ')}${versionValue})`,
      [aggregate.id, ...Object.values(columns)],
    );
  }

  private async update(aggregate: AggregateRoot, rows: AggregateRows): Promise<void> {
    if (rows.writeOnce) throw new Error(`${rows.what} is written once and cannot be saved again`);
    const names = Object.keys(rows.columns);
    checkNames(rows, names);
    const set = names.map((name, i) => `${name} = $${i + 3}`);
    const result = await this.uow.manager.query(
      `UPDATE ${rows.table} SET ${[...set, 'version = version + 1'].join(', ')} WHERE id = $1 AND version = $2`,
      [aggregate.id, aggregate.version, ...Object.values(rows.columns)],
    );
    if (affectedRows(result) === 0) throw new StaleVersionError(rows.what);
  }

  private async guarded(write: () => Promise<void>, onDuplicate: () => Error): Promise<void> {
    const db = this.uow.manager;
    await db.query('SAVEPOINT aggregate_write');
    try {
      await write();
      await db.query('RELEASE SAVEPOINT aggregate_write');
    } catch (error) {
      await db.query('ROLLBACK TO SAVEPOINT aggregate_write');
      if (pgErrorCode(error) === '23505') throw onDuplicate();
      throw error;
    }
  }
}
