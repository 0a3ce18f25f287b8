import { AggregateRoot } from '../ddd/aggregate-root.js';
import { defineEvent, type DomainEvent } from '../ddd/domain-event.js';
import { StaleVersionError } from '../ddd/errors.js';
import { AggregateStore, type AggregateRows } from './aggregate-store.js';
import type { UnitOfWork } from './unit-of-work.js';

const Renamed = defineEvent<{ name: string }>('test.thing.renamed', 'Thing');

class Thing extends AggregateRoot {
  constructor(id: string, version: number) {
    super(id, version);
  }
  rename(name: string): void {
    this.record(Renamed.create(this.id, { name }));
  }
}

class Duplicate extends Error {}

/** A unit of work that records the SQL it is sent and answers UPDATEs with `affected` rows. */
function fakeUow(options: { active?: boolean; affected?: number; failWith?: string } = {}) {
  const statements: Array<{ sql: string; params?: unknown[] }> = [];
  const published: DomainEvent[][] = [];
  const manager = {
    query: async (sql: string, params?: unknown[]) => {
      statements.push({ sql: sql.replace(/\s+/g, ' ').trim(), params });
      if (options.failWith && /^(INSERT|UPDATE)/.test(sql)) throw Object.assign(new Error('violation'), { code: options.failWith });
      return sql.startsWith('UPDATE') ? [[], options.affected ?? 1] : [];
    },
  };
  const uow = {
    active: options.active ?? true,
    manager,
    publish: async (_source: string, events: DomainEvent[]) => void published.push(events),
  } as unknown as UnitOfWork;
  return { uow, statements, published };
}

const rows = (over: Partial<AggregateRows> = {}): AggregateRows => ({
  table: 'test.thing',
  what: 'The thing',
  columns: { name: 'new name', updated_at: 'now' },
  insertOnly: { created_at: 'then' },
  ...over,
});

describe('AggregateStore: the one save path', () => {
  it('inserts a new aggregate at version 1, writes the rows beside it, then publishes its events and marks it saved', async () => {
    const { uow, statements, published } = fakeUow();
    const thing = new Thing('t1', 0);
    thing.rename('new name');
    const order: string[] = [];
    await new AggregateStore(uow, 'test').save(thing, rows({ alsoWrite: async () => void order.push('children') }));
    expect(statements).toEqual([
      { sql: 'INSERT INTO test.thing (id, name, updated_at, created_at, version) VALUES ($1, $2, $3, $4, 1)', params: ['t1', 'new name', 'now', 'then'] },
    ]);
    expect(order).toEqual(['children']);
    expect(published.map((events) => events.map((e) => e.type))).toEqual([['test.thing.renamed']]);
    expect(thing.version).toBe(1);
    expect(thing.pullEvents()).toEqual([]);
  });

  it('updates only the version it loaded, and bumps it', async () => {
    const { uow, statements } = fakeUow();
    const thing = new Thing('t1', 3);
    await new AggregateStore(uow, 'test').save(thing, rows());
    expect(statements).toEqual([
      {
        sql: 'UPDATE test.thing SET name = $3, updated_at = $4, version = version + 1 WHERE id = $1 AND version = $2',
        params: ['t1', 3, 'new name', 'now'],
      },
    ]);
    expect(thing.version).toBe(4);
  });

  it('raises StaleVersionError on a 0-row update and publishes nothing', async () => {
    const { uow, published } = fakeUow({ affected: 0 });
    const thing = new Thing('t1', 3);
    thing.rename('late');
    let childrenWritten = false;
    const alsoWrite = async () => void (childrenWritten = true);
    await expect(new AggregateStore(uow, 'test').save(thing, rows({ alsoWrite }))).rejects.toBeInstanceOf(StaleVersionError);
    expect(childrenWritten).toBe(false);
    expect(published).toEqual([]);
    expect(thing.version).toBe(3);
  });

  it('maps a unique violation inside a savepoint, so the transaction stays usable', async () => {
    const { uow, statements, published } = fakeUow({ failWith: '23505' });
    const thing = new Thing('t1', 0);
    await expect(new AggregateStore(uow, 'test').save(thing, rows({ onDuplicate: () => new Duplicate() }))).rejects.toBeInstanceOf(Duplicate);
    expect(statements.map((s) => s.sql.split(' ')[0] + (s.sql.startsWith('ROLLBACK') ? ' TO' : ''))).toEqual(['SAVEPOINT', 'INSERT', 'ROLLBACK TO']);
    expect(published).toEqual([]);
  });

  it('lets other database errors through, and refuses to save outside a unit of work', async () => {
    const failing = fakeUow({ failWith: '23503' });
    await expect(new AggregateStore(failing.uow, 'test').save(new Thing('t1', 0), rows({ onDuplicate: () => new Duplicate() }))).rejects.toMatchObject({ code: '23503' });
    const outside = fakeUow({ active: false });
    await expect(new AggregateStore(outside.uow, 'test').save(new Thing('t1', 0), rows())).rejects.toThrow(/inside a unit of work/);
    expect(outside.statements).toEqual([]);
  });

  it('writes a write-once aggregate without a version and refuses to save it again', async () => {
    const { uow, statements } = fakeUow();
    const store = new AggregateStore(uow, 'test');
    await store.save(new Thing('t1', 0), rows({ writeOnce: true }));
    expect(statements[0].sql).toBe('INSERT INTO test.thing (id, name, updated_at, created_at) VALUES ($1, $2, $3, $4)');
    await expect(store.save(new Thing('t1', 1), rows({ writeOnce: true }))).rejects.toThrow(/written once/);
  });

  it('refuses a column it owns or a name that is not an identifier', async () => {
    const { uow } = fakeUow();
    const store = new AggregateStore(uow, 'test');
    await expect(store.save(new Thing('t1', 2), rows({ columns: { version: 9 } }))).rejects.toThrow(/version/);
    await expect(store.save(new Thing('t1', 2), rows({ columns: { 'name = 1; --': 'x' } }))).rejects.toThrow(/cannot be written/);
    await expect(store.save(new Thing('t1', 2), rows({ table: 'thing' }))).rejects.toThrow(/schema-qualified/);
  });
});
