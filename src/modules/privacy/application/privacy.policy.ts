import type { Caller } from '#libs/auth/caller.js';
import { requireAdmin, requireCaller } from '#libs/auth/require.js';

/** Who may use the privacy module's operations (contract 90-privacy). */
export const PrivacyPolicy = {
  /** Any signed-in person, for their own answers, records and data. */
  own(caller: Caller | null): Caller {
    return requireCaller(caller);
  },

  /** Every provision record and the access log: ADMIN only. */
  audit(caller: Caller | null): Caller {
    return requireAdmin(caller);
  },
};
