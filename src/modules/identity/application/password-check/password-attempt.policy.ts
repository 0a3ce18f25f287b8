import { isIPv4, isIPv6 } from 'node:net';
import { canonicalEmail } from '../../domain/email.js';

/** What failed password checks are counted by: the account (its email) and the client's address. */
export type AttemptScope = 'account' | 'address';

/** At most `maxFailures` failed checks per `windowSeconds`; the window starts at the first failure. */
export interface AttemptLimit {
  maxFailures: number;
  windowSeconds: number;
}

/** Contract 15: more than 10 for one account within 15 minutes, or more than 100 from one address. */
export const PASSWORD_ATTEMPT_LIMITS: Readonly<Record<AttemptScope, AttemptLimit>> = {
  account: { maxFailures: 10, windowSeconds: 15 * 60 },
  address: { maxFailures: 100, windowSeconds: 15 * 60 },
};

/** One key's window as the counter sees it. */
export interface AttemptWindow {
  /** Failed checks counted in the current window (0 when there is none). */
  count: number;
  /** Until the window ends and the count starts again from 0. */
  msBeforeReset: number;
}

/**
 * Expands an IPv6 address into its eight groups (an embedded IPv4 tail counts as two),
 * or null when it is not one.
 */
function ipv6Groups(address: string): number[] | null {
  if (!isIPv6(address)) return null;
  const [head, tail] = address.split('::') as [string, string | undefined];
  const groups = (part: string | undefined): number[] => {
    if (!part) return [];
    return part.split(':').flatMap((g) => (g.includes('.') ? [0, 0] : [parseInt(g, 16)]));
  };
  const front = groups(head);
  const back = groups(tail);
  const zeros = tail === undefined ? [] : new Array<number>(8 - front.length - back.length).fill(0);
  return [...front, ...zeros, ...back];
}

/**
 * Who may try a password, and who has tried too often. Pure: the counts come from the
 * AttemptCounter, shared by every process.
 */
export const PasswordAttemptPolicy = {
  /** The per-account key: the email as accounts store it, so case or width variants count as one. */
  accountKey(email: string): string {
    return canonicalEmail(email);
  },

  /**
   * The per-address key. An IPv4 address as is (also when IPv4-mapped); an IPv6 address
   * by its /64, which one subscriber usually holds whole and could otherwise walk through.
   */
  addressKey(address: string): string {
    const trimmed = address.trim().toLowerCase().split('%')[0];
    if (trimmed.startsWith('::ffff:') && isIPv4(trimmed.slice(7))) return trimmed.slice(7);
    const groups = ipv6Groups(trimmed);
    if (groups === null) return trimmed;
    return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
  },

  /**
   * Null when a password may be checked; otherwise the whole seconds (at least 1) until it
   * may: when the account or the address has more than its limit of failures in its window.
   * Asked before a check (with the failures so far) and after a failed one (with it
   * counted), so the failure that crosses a limit is itself answered TOO_MANY_REQUESTS.
   */
  refusal(
    failures: Record<AttemptScope, AttemptWindow>,
    limits: Readonly<Record<AttemptScope, AttemptLimit>> = PASSWORD_ATTEMPT_LIMITS,
  ): number | null {
    let waitMs: number | null = null;
    for (const scope of ['account', 'address'] as const) {
      const window = failures[scope];
      if (window.count > limits[scope].maxFailures) waitMs = Math.max(waitMs ?? 0, window.msBeforeReset);
    }
    return waitMs === null ? null : Math.max(1, Math.ceil(waitMs / 1000));
  },
};
