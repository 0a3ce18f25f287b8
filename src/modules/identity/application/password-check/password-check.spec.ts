import type { PasswordHasher } from '#libs/auth/password-hasher.js';
import { TooManyPasswordAttempts } from '../../domain/identity.errors.js';
import type { AttemptCounter } from './attempt-counter.js';
import { PASSWORD_ATTEMPT_LIMITS, type AttemptScope, type AttemptWindow } from './password-attempt.policy.js';
import { PasswordCheck } from './password-check.js';

/** The counter's contract (fixed windows from the first count) on a clock the test moves. */
class MemoryCounter implements AttemptCounter {
  now = 1_000_000;
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  private open(scope: AttemptScope, key: string) {
    const found = this.windows.get(`${scope}:${key}`);
    return found && found.endsAt > this.now ? found : undefined;
  }
  private view(w?: { count: number; endsAt: number }): AttemptWindow {
    return w ? { count: w.count, msBeforeReset: w.endsAt - this.now } : { count: 0, msBeforeReset: 0 };
  }
  async add(scope: AttemptScope, key: string) {
    let w = this.open(scope, key);
    if (!w) this.windows.set(`${scope}:${key}`, (w = { count: 0, endsAt: this.now + PASSWORD_ATTEMPT_LIMITS[scope].windowSeconds * 1000 }));
    w.count += 1;
    return this.view(w);
  }
  async peek(scope: AttemptScope, key: string) {
    return this.view(this.open(scope, key));
  }
  async refund(scope: AttemptScope, key: string) {
    const w = this.open(scope, key);
    if (w) w.count -= 1;
  }
  async reset(scope: AttemptScope, key: string) {
    this.windows.delete(`${scope}:${key}`);
  }
}

const RIGHT = 'the-right-password';
const HASH = `hash:${RIGHT}`;

function setup() {
  const counter = new MemoryCounter();
  const checked: Array<string | undefined> = [];
  const hasher = {
    verify: async (hash: string | undefined, password: string) => {
      checked.push(hash);
      return hash !== undefined && hash === `hash:${password}`;
    },
  } as unknown as PasswordHasher;
  const check = new PasswordCheck(hasher, counter);
  const attempt = (password: string, email = 'taro@example.jp', clientAddress = '192.0.2.1', known = true) =>
    check.verify({ email, clientAddress, passwordHash: known ? HASH : undefined, password });
  return { counter, checked, attempt };
}

async function refusal(promise: Promise<unknown>): Promise<TooManyPasswordAttempts> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TooManyPasswordAttempts);
  return error as TooManyPasswordAttempts;
}

describe('PasswordCheck', () => {
  it('answers the 11th wrong password for one account TOO_MANY_REQUESTS, and then the right one too', async () => {
    const { attempt, checked } = setup();
    for (let i = 0; i < 10; i++) expect(await attempt('wrong')).toBe(false);
    const eleventh = await refusal(attempt('wrong'));
    expect(eleventh.code).toBe('TOO_MANY_REQUESTS');
    expect(eleventh.retryAfterSeconds).toBe(900);
    const right = await refusal(attempt(RIGHT));
    expect(right.retryAfterSeconds).toBeGreaterThan(0);
    // The refused attempt was not even checked.
    expect(checked).toHaveLength(11);
  });

  it('lets the right password in again once the window has passed, and counts afresh', async () => {
    const { attempt, counter } = setup();
    for (let i = 0; i < 11; i++) await attempt('wrong').catch(() => undefined);
    counter.now += 14 * 60_000;
    expect((await refusal(attempt(RIGHT))).retryAfterSeconds).toBe(60);
    counter.now += 60_000;
    expect(await attempt(RIGHT)).toBe(true);
    for (let i = 0; i < 10; i++) expect(await attempt('wrong')).toBe(false);
  });

  it('lets the right password in after exactly 10 failures, and a success starts the count again', async () => {
    const { attempt } = setup();
    for (let i = 0; i < 10; i++) expect(await attempt('wrong')).toBe(false);
    expect(await attempt(RIGHT)).toBe(true);
    for (let i = 0; i < 10; i++) expect(await attempt('wrong')).toBe(false);
    await refusal(attempt('wrong'));
  });

  it('counts an unknown email exactly like a known one (a dummy hash is checked each time)', async () => {
    const { attempt, checked } = setup();
    for (let i = 0; i < 10; i++) expect(await attempt(RIGHT, 'nobody@example.jp', '192.0.2.1', false)).toBe(false);
    await refusal(attempt(RIGHT, 'nobody@example.jp', '192.0.2.1', false));
    expect(checked).toEqual(new Array(11).fill(undefined));
  });

  it('counts case and width variants of an email as one account', async () => {
    const { attempt } = setup();
    const variants = ['Taro@Example.JP', 'TARO@example.jp', ' taro@example.jp', 'ｔａｒｏ@example.jp', 'taro@EXAMPLE.jp'];
    for (let i = 0; i < 10; i++) expect(await attempt('wrong', variants[i % variants.length])).toBe(false);
    await refusal(attempt('wrong', 'TaRo@example.jp'));
    await refusal(attempt(RIGHT, 'taro@example.jp'));
  });

  it('refuses an address after 100 failures over any accounts, for every account, the right password included', async () => {
    const { attempt } = setup();
    for (let i = 0; i < 100; i++) expect(await attempt('wrong', `user${i}@example.jp`, '203.0.113.9')).toBe(false);
    const crossing = await refusal(attempt('wrong', 'user100@example.jp', '203.0.113.9'));
    expect(crossing.retryAfterSeconds).toBe(900);
    await refusal(attempt(RIGHT, 'fresh@example.jp', '203.0.113.9'));
    // Another address is not affected, nor is the account from there.
    expect(await attempt(RIGHT, 'fresh@example.jp', '198.51.100.1')).toBe(true);
  });

  it('does not count refused attempts against the account or the address', async () => {
    const { attempt } = setup();
    for (let i = 0; i < 101; i++) await attempt('wrong', `user${i}@example.jp`, '203.0.113.9').catch(() => undefined);
    // 20 refusals for taro from the blocked address: not failures of taro's.
    for (let i = 0; i < 20; i++) await refusal(attempt('wrong', 'taro@example.jp', '203.0.113.9'));
    for (let i = 0; i < 10; i++) expect(await attempt('wrong', 'taro@example.jp', '198.51.100.1')).toBe(false);
    expect(await attempt(RIGHT, 'taro@example.jp', '198.51.100.1')).toBe(true);
  });

  it('checks at most 11 passwords of a burst of concurrent guesses at one account', async () => {
    const { attempt, checked } = setup();
    const results = await Promise.allSettled(Array.from({ length: 60 }, () => attempt('wrong')));
    expect(checked.length).toBeLessThanOrEqual(11);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof TooManyPasswordAttempts)).toHaveLength(50);
  });
});
