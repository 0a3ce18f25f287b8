/**
 * One module's section of a person's export (exportMyData): plain JSON values, everything the
 * module holds about the person (its own tables and read models), dates as ISO strings.
 * Each module answers its own contract query, `Export<Module>PersonalDataQuery(accountId)`
 * in libs/contracts/<module>/personal-data.ts; the privacy module asks each and joins them.
 */
export type PersonalDataSection = Record<string, unknown>;

/** A date as the export writes it: an ISO string, or null. */
export const exportedDate = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
