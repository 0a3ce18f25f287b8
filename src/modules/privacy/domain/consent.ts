import type { ConsentPurpose } from '#libs/contracts/privacy/enums.js';

/**
 * One stored answer: for every organization (organizationId null) or one. Which answer holds
 * for an organization (its own over the general one; MATCHING granted by a profile, the rest
 * not, when there is none) is decided where the data is shown, from each module's copy:
 * matching's recommendation SQL and policy, support's journey visibility.
 */
export interface ConsentAnswer {
  purpose: ConsentPurpose;
  organizationId: string | null;
  granted: boolean;
}

/** When records kept for `years` from `at` may be deleted (provision records, access log). */
export function retentionCutoff(now: Date, years: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}
