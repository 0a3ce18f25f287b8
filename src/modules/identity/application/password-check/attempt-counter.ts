import type { AttemptScope, AttemptWindow } from './password-attempt.policy.js';

/**
 * The port the password check counts through: one fixed window per key and scope, shared
 * by every process (identity's infrastructure keeps it in PostgreSQL). Each operation is
 * atomic on its own.
 */
export interface AttemptCounter {
  /** Adds one to the key's count (opening a window if none is open) and returns the window with it. */
  add(scope: AttemptScope, key: string): Promise<AttemptWindow>;
  /** The key's current window without changing it; count 0 when none is open. */
  peek(scope: AttemptScope, key: string): Promise<AttemptWindow>;
  /** Takes back one `add` (an attempt that turned out not to be a failed check). */
  refund(scope: AttemptScope, key: string): Promise<void>;
  /** Closes the key's window: its count starts again from 0. */
  reset(scope: AttemptScope, key: string): Promise<void>;
}

export const ATTEMPT_COUNTER = Symbol('ATTEMPT_COUNTER');
