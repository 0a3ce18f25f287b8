import type { Client, GqlResult } from '../harness/harness.js';

/** GraphQL documents and helpers the support module's e2e tests share (test/support/*.e2e-spec.ts). */
export const SLOT_FIELDS = `id region { id } organization { id } topics channel startsAt endsAt booked`;
export const CONSULTATION_FIELDS = `id region { id } person { accountId displayName fullName email phone } topics channel question
  slot { id booked } status routedTo { id } outcome createdAt updatedAt`;

export const OFFER = `mutation($input: OfferConsultationSlotsInput!) { offerConsultationSlots(input: $input) { ${SLOT_FIELDS} } }`;
export const SLOTS = `query($filter: ConsultationSlotFilter!, $first: Int, $after: String) {
  consultationSlots(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${SLOT_FIELDS} } } } }`;
export const REQUEST = `mutation($input: RequestConsultationInput!) { requestConsultation(input: $input) { ${CONSULTATION_FIELDS} } }`;
export const BOOK = `mutation($input: BookConsultationSlotInput!) { bookConsultationSlot(input: $input) { ${CONSULTATION_FIELDS} } }`;
export const CANCEL = `mutation($input: ConsultationIdInput!) { cancelConsultation(input: $input) { ${CONSULTATION_FIELDS} } }`;
export const OUTCOME = `mutation($input: RecordConsultationOutcomeInput!) { recordConsultationOutcome(input: $input) { ${CONSULTATION_FIELDS} } }`;
export const MINE = `{ myConsultations { ${CONSULTATION_FIELDS} } }`;
export const QUEUE = `query($regionId: ID!, $statuses: [ConsultationStatus!], $first: Int, $after: String) {
  consultationQueue(regionId: $regionId, statuses: $statuses, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${CONSULTATION_FIELDS} } } } }`;

export const JOURNEY_FIELDS = `person { accountId displayName fullName email phone } region { id } stage updatedAt
  nextSteps { module suggestion }
  entries(first: 100) { totalCount edges { node { at module kind summary subjectId } } }`;
export const MY_JOURNEY = `query($regionId: ID!) { myJourney(regionId: $regionId) { ${JOURNEY_FIELDS} } }`;
export const JOURNEY = `query($accountId: ID!, $regionId: ID!) { journey(accountId: $accountId, regionId: $regionId) { ${JOURNEY_FIELDS} } }`;
export const JOURNEYS = `query($regionId: ID!, $stages: [JourneyStage!], $first: Int, $after: String) {
  journeys(regionId: $regionId, stages: $stages, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${JOURNEY_FIELDS} } } } }`;

export const MISSING = '00000000-0000-4000-8000-000000000000';
const HOUR = 3600_000;

/** Starts `hours` from now, on the minute. */
export const inHours = (hours: number): string => new Date(Math.floor((Date.now() + hours * HOUR) / 60_000) * 60_000).toISOString();

export const reasonOf = (res: GqlResult) => res.errors?.[0]?.extensions?.reason;
export const fieldsOf = (res: GqlResult): string[] => (res.errors?.[0]?.extensions?.fields ?? []).map((f: { field: string }) => f.field);

/** Offers slots as staff of their organization; returns them. */
export async function offer(
  staff: Client & { organizationId: string },
  over: { topics?: string[]; channel?: string; startsAt?: string[]; minutes?: number } = {},
): Promise<Array<{ id: string; startsAt: string }>> {
  const input = { organizationId: staff.organizationId, topics: ['WORK'], channel: 'ONLINE', startsAt: [inHours(48)], minutes: 60, ...over };
  return (await staff.ok(OFFER, { input })).offerConsultationSlots;
}

/** A valid requestConsultation input; override anything. */
export const requestInput = (regionId: string, over: Record<string, unknown> = {}) => ({
  regionId, topics: ['WORK'], channel: 'ONLINE', question: '50代で気仙沼の企業の仕事に関わりたいのですが、何から始めればよいですか。',
  fullName: '佐藤 真理子', phone: '090-1234-5678', ...over,
});

/** Runs `work` over `items` with at most `limit` at a time. */
export async function inBatches<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += limit) out.push(...(await Promise.all(items.slice(i, i + limit).map(work))));
  return out;
}

/** Polls `probe` until `done` says yes or the deadline passes (then fails with the last value). */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, withinMs = 5000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not within ${withinMs} ms; last: ${JSON.stringify(value).slice(0, 3000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
