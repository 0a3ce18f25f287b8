import { LiveSubscription, LogCursor } from './live-feed.js';

describe('LogCursor', () => {
  it('handles each position once, whatever order the commits come in', () => {
    const cursor = new LogCursor(10);
    expect(cursor.isNew(10)).toBe(false);
    cursor.handled(13, 0); // 11 and 12 were taken and are not committed yet
    expect([cursor.position, cursor.pending]).toEqual([13, [11, 12]]);
    expect([cursor.isNew(11), cursor.isNew(12), cursor.isNew(13), cursor.isNew(14)]).toEqual([true, true, false, true]);
    cursor.handled(12, 1);
    expect([cursor.position, cursor.pending, cursor.isNew(12)]).toEqual([13, [11], false]);
  });

  it('gives up a hole after the TTL (a rolled-back position never commits), and keeps at most maxHoles', () => {
    const cursor = new LogCursor(0, 1_000, 3);
    cursor.handled(3, 0);
    expect(cursor.pending).toEqual([1, 2]);
    cursor.prune(1_001);
    expect(cursor.pending).toEqual([]);
    cursor.handled(10, 2_000); // 4..9 skipped: only the nearest 3 are kept
    expect(cursor.pending).toEqual([7, 8, 9]);
  });
});

describe('LiveSubscription', () => {
  it('hands values to a waiting reader or queues them, in order, and ends on return', async () => {
    let ended = 0;
    const s = new LiveSubscription<number>(10, () => ended++);
    const first = s.next();
    s.push(1);
    s.push(2);
    expect(await first).toEqual({ value: 1, done: false });
    expect(await s.next()).toEqual({ value: 2, done: false });
    const waiting = s.next();
    await s.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    s.push(3);
    expect(await s.next()).toEqual({ value: undefined, done: true });
    expect(ended).toBe(1);
  });

  it('ends with SUBSCRIPTION_OVERFLOW when the reader lets too many pile up, after the queued ones', async () => {
    let ended = 0;
    const s = new LiveSubscription<number>(2, () => ended++);
    s.push(1);
    s.push(2);
    s.push(3);
    expect(await s.next()).toEqual({ value: 1, done: false });
    expect(await s.next()).toEqual({ value: 2, done: false });
    await expect(s.next()).rejects.toMatchObject({ code: 'CONFLICT', reason: 'SUBSCRIPTION_OVERFLOW' });
    expect([ended, s.closed]).toEqual([1, true]);
  });

  it('rejects a waiting reader when failed', async () => {
    const s = new LiveSubscription<number>(2, () => undefined);
    const waiting = s.next();
    s.fail(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(s.closed).toBe(true);
  });
});
