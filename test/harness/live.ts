import { createClient, type Client as SocketClient } from 'graphql-ws';
// Node 20 has no WebSocket of its own.
import { WebSocket } from 'ws';

/** What a subscriber receives: a result pushed by the server, or the error that ended the subscription. */
export interface Pushed<T = Record<string, any>> {
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
}

/** Waits for `promise`, or fails after `ms` naming what was awaited (never a silent hang). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The first error's code, whether it came as a result's errors or as the subscription's error. */
export const socketCodeOf = (pushed: Pushed) => pushed.errors?.[0]?.extensions?.code;

/**
 * One subscription over a real WebSocket: every result the server pushes is kept in order,
 * and `next()` awaits the next one. An error (an `error` message: a refusal, or the
 * subscription ended with an error) is kept as a final item with `errors`; so is a close.
 */
export class SocketSubscription<T = Record<string, any>> {
  private readonly items: Pushed<T>[] = [];
  private readonly waiting: Array<(item: Pushed<T>) => void> = [];
  completed = false;

  constructor(
    readonly unsubscribe: () => void,
    private readonly label: string,
  ) {}

  /** @internal: the client's sink. */
  push(item: Pushed<T>): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter(item);
    else this.items.push(item);
  }

  /** The next pushed item, or a clear failure after `ms`. */
  next(ms = 20_000): Promise<Pushed<T>> {
    const item = this.items.shift();
    if (item) return Promise.resolve(item);
    return within(new Promise<Pushed<T>>((resolve) => this.waiting.push(resolve)), ms, `the next update of ${this.label}`);
  }

  /** Nothing pushed and not waited for. */
  get pending(): number {
    return this.items.length;
  }
}

/** A closed socket (or a client-side failure) as an error item: code SOCKET_CLOSED with the close code. */
function socketError(error: unknown): { message: string; extensions: Record<string, unknown> } {
  const closed = error as { code?: number; reason?: string; message?: string };
  return { message: closed.reason || closed.message || String(error), extensions: { code: 'SOCKET_CLOSED', closeCode: closed.code } };
}

/** A graphql-ws client of one app (a replica), signed in with `token` or anonymous. */
export class LiveClient {
  private readonly client: SocketClient;

  constructor(url: string, token?: string) {
    this.client = createClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    });
  }

  subscribe<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): SocketSubscription<T> {
    let subscription!: SocketSubscription<T>;
    const unsubscribe = this.client.subscribe<T>(
      { query, variables },
      {
        next: (result) => subscription.push(result as Pushed<T>),
        error: (error) =>
          subscription.push({
            errors: Array.isArray(error)
              ? error
              : [socketError(error)],
          }),
        complete: () => {
          subscription.completed = true;
        },
      },
    );
    subscription = new SocketSubscription<T>(unsubscribe, query.replace(/\s+/g, ' ').slice(0, 80));
    return subscription;
  }

  close(): Promise<void> {
    return this.client.dispose() as Promise<void>;
  }
}
