import { jest } from '@jest/globals';
import { AccountKind, Caller } from '../auth/caller.js';
import type { CallerAuthenticator } from '../auth/caller-authenticator.js';
import { ForbiddenError, UnauthenticatedError } from '../ddd/errors.js';
import { LiveFeed, type LiveChannel } from '../messaging/live-feed.js';
import type { RequestContext } from './context.js';
import { RequestLoaders } from './loaders.js';
import { LiveUpdates, socketContext } from './subscriptions.js';

const caller = (expiresInMs: number) =>
  new Caller('a1', AccountKind.CANDIDATE, '候補者', 'c@x.jp', [], { tokenId: 't1', expiresAt: new Date(Date.now() + expiresInMs) });
const channel: LiveChannel<string, { n: number }> = { name: 'test.channel', eventTypes: ['x'], route: async () => [] };
const feed = () => new LiveFeed({} as never);
/** What the feed does for a routed event: hands the value to the key's local subscribers. */
const pushTo = (live: LiveFeed, key: string, value: { n: number }) =>
  (live as unknown as { channels: Map<string, { subscribers: Map<string, Set<{ push(v: unknown): void }>> }> })
    .channels.get(channel.name)!.subscribers.get(key)!.forEach((s) => s.push(value));

describe('LiveUpdates.stream', () => {
  it('checks the token again before each push, with fresh loaders, and ends on a refusal', async () => {
    const live = feed();
    const authenticate = jest.fn<CallerAuthenticator['authenticate']>().mockResolvedValue(caller(60_000));
    const updates = new LiveUpdates(live, { authenticate } as unknown as CallerAuthenticator);
    const ctx: RequestContext = { req: { headers: { authorization: 'Bearer t' } }, loaders: new RequestLoaders(), clientAddress: 'x', caller: caller(60_000) };
    const stream = updates.stream(ctx, channel, 'k', (_c, v) => {
      if (v.n === 3) throw new ForbiddenError();
    });
    const push = (n: number) => pushTo(live, 'k', { n });
    const loaders = ctx.loaders;
    push(1);
    expect(await stream.next()).toEqual({ value: { n: 1 }, done: false });
    expect(authenticate).toHaveBeenCalledWith('Bearer t');
    expect(ctx.loaders).not.toBe(loaders);
    authenticate.mockRejectedValueOnce(new UnauthenticatedError('revoked'));
    push(2);
    await expect(stream.next()).rejects.toThrow('revoked');
    expect(live.subscriberCounts()['test.channel']).toBe(0);

    const again = updates.stream(ctx, channel, 'k', (_c, v) => {
      if (v.n === 3) throw new ForbiddenError();
    });
    live.subscribe(channel, 'other'); // not this key
    pushTo(live, 'k', { n: 3 });
    await expect(again.next()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('ends the subscription with UNAUTHENTICATED when the token expires', async () => {
    jest.useFakeTimers();
    try {
      const live = feed();
      const updates = new LiveUpdates(live, { authenticate: async () => caller(60_000) } as unknown as CallerAuthenticator);
      const ctx: RequestContext = { req: { headers: {} }, loaders: new RequestLoaders(), clientAddress: 'x', caller: caller(1_000) };
      const next = updates.stream(ctx, channel, 'k').next();
      jest.advanceTimersByTime(1_001);
      await expect(next).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('socketContext', () => {
  const ctx = (connectionParams?: Record<string, unknown>) => socketContext({ connectionParams, extra: {} } as never);
  it('takes the authorization of the connection parameters as the header; anything but a string is malformed', () => {
    expect(ctx({ authorization: 'Bearer abc' }).req!.headers!.authorization).toBe('Bearer abc');
    expect(ctx({}).req!.headers!.authorization).toBeUndefined();
    expect(ctx().req!.headers!.authorization).toBeUndefined();
    expect(ctx({ authorization: 42 }).req!.headers!.authorization).toBe('malformed');
  });
});
