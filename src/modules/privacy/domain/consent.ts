import { CONSENT_PURPOSES, type ConsentPurpose } from '#libs/contracts/privacy/enums.js';

/** One stored answer: for every organization (organizationId null) or one. */
export interface ConsentAnswer {
  purpose: ConsentPurpose;
  organizationId: string | null;
  granted: boolean;
}

/**
 * What holds when a person has given no answer: MATCHING is granted by saving a profile
 * (the form says so; the privacy module records it as an answer then), the others are not.
 */
export function defaultConsent(purpose: ConsentPurpose, hasProfile: boolean): boolean {
  return purpose === 'MATCHING' && hasProfile;
}

/**
 * The answer that holds for (purpose, organization): the organization's own answer wins over
 * the answer for every organization; with neither, the default.
 */
export function effectiveConsent(
  answers: readonly ConsentAnswer[],
  purpose: ConsentPurpose,
  organizationId: string | null,
  fallback: boolean,
): boolean {
  const own = organizationId === null ? undefined : answers.find((a) => a.purpose === purpose && a.organizationId === organizationId);
  if (own) return own.granted;
  const general = answers.find((a) => a.purpose === purpose && a.organizationId === null);
  return general ? general.granted : fallback;
}

export function isConsentPurpose(value: unknown): value is ConsentPurpose {
  return typeof value === 'string' && (CONSENT_PURPOSES as readonly string[]).includes(value);
}

/** When records kept for `years` from `at` may be deleted (provision records, access log). */
export function retentionCutoff(now: Date, years: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}
