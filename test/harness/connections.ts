import type { Client, TestApp } from './harness.js';

const isCount = (sql: string) => /\bcount\s*\(/i.test(sql);

/**
 * Checks one connection field the way a client uses it: without `totalCount` selected no
 * counting statement reaches the database; with it selected, one does and its number is
 * `expected`. `document(selection)` builds the query around the connection's selection.
 */
export async function expectCountOnlyWhenSelected(
  t: TestApp,
  client: Client,
  document: (selection: string) => string,
  variables: Record<string, unknown>,
  read: (data: Record<string, any>) => { totalCount?: number; edges: unknown[] },
  expected: number,
): Promise<void> {
  const page = await t.recordSql(() => client.ok(document('edges { cursor node { id } } pageInfo { hasNextPage endCursor }'), variables));
  expect(read(page.result).edges.length).toBeGreaterThan(0);
  expect(page.statements.filter(isCount)).toEqual([]);

  const counted = await t.recordSql(() => client.ok(document('totalCount edges { node { id } }'), variables));
  expect(read(counted.result).totalCount).toBe(expected);
  expect(counted.statements.filter(isCount)).toHaveLength(1);
}
