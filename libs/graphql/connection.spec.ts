import { InvalidInputError } from '../ddd/errors.js';
import { decodeCursor, encodeCursor, pageSize, toConnection } from './connection.js';

describe('cursors', () => {
  it('round-trip the keyset values and stay opaque', () => {
    const cursor = encodeCursor(['2025-09-05T10:00:00.000Z', 'a1b2']);
    expect(cursor).not.toContain('2025');
    expect(decodeCursor(cursor, 2)).toEqual(['2025-09-05T10:00:00.000Z', 'a1b2']);
  });

  it.each(['', 'not-base64!', encodeCursor(['only-one']), Buffer.from('{"a":1}').toString('base64url')])(
    'refuse %p as BAD_USER_INPUT on `after`',
    (cursor) => {
      expect(() => decodeCursor(cursor, 2)).toThrow(InvalidInputError);
      try {
        decodeCursor(cursor, 2);
      } catch (error) {
        expect((error as InvalidInputError).fields[0].field).toBe('after');
      }
    },
  );
});

describe('pageSize', () => {
  it('defaults to 20 and accepts 1 to 100', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(1)).toBe(1);
    expect(pageSize(100)).toBe(100);
  });
  it.each([0, -1, 101, 2.5])('refuses %p naming `first`', (n) => {
    expect(() => pageSize(n)).toThrow(expect.objectContaining({ fields: [expect.objectContaining({ field: 'first' })] }));
  });
});

describe('toConnection', () => {
  const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  it('uses the extra row only to say a next page exists', () => {
    const page = toConnection(rows, 2, null, 3, (r) => [r.id]);
    expect(page.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(decodeCursor(page.pageInfo.endCursor!, 1)).toEqual(['b']);
  });
  it('says there is no next page on the last one', () => {
    const page = toConnection(rows.slice(2), 2, 'x', 3, (r) => [r.id]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(page.totalCount).toBe(3);
  });
});
