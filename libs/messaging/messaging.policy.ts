import type { Caller } from '../auth/caller.js';
import { requireAdmin } from '../auth/require.js';

/** Who may look at and steer the relay (subscribers' progress, parked events, resets). */
export const MessagingPolicy = {
  /** A platform ADMIN: these act on every module's read models at once. */
  operate(caller: Caller | null): Caller {
    return requireAdmin(caller);
  },
};
