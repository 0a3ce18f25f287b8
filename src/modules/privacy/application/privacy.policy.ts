import type { Caller } from '#libs/auth/caller.js';
import { requireAdmin, requireCaller } from '#libs/auth/require.js';
import { isLoggedRead } from '#libs/contracts/privacy/commands.js';

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

  /**
   * Whether showing a person's fullName, email or phone to `reader` is a read the access log
   * keeps: a value was there to show, and the reader is someone other than the person.
   */
  logsRead(reader: Caller | null | undefined, subjectAccountId: string, value: string | null | undefined): reader is Caller {
    return isLoggedRead(reader, subjectAccountId, value);
  },
};
