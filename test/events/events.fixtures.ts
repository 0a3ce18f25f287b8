import type { Client, GqlResult } from '../harness/harness.js';

/** GraphQL documents and inputs the events e2e tests share. */
export const EVENT_FIELDS = `
  id kind title description startsAt endsAt meetingPoint capacity feeYen allocation applicationDeadline status
  venue { name address online }
  program { startsAt title description }
  speakers { name affiliation title }
  confirmedCount waitlistedCount appliedCount seatsLeft
  region { id code } organizer { id name }`;

export const REGISTRATION_FIELDS = `id status waitlistPosition attendeeDisplayName attendeeEmail createdAt event { id status }`;

export const CREATE_EVENT = `mutation($input: CreateEventInput!) { createEvent(input: $input) { ${EVENT_FIELDS} } }`;
export const OPEN = `mutation($id: ID!) { openEventRegistration(input: { eventId: $id }) { id status } }`;
export const CLOSE = `mutation($id: ID!) { closeEventRegistration(input: { eventId: $id }) { id status } }`;
export const COMPLETE = `mutation($id: ID!) { completeEvent(input: { eventId: $id }) { id status confirmedCount } }`;
export const CANCEL_EVENT = `mutation($id: ID!) { cancelEvent(input: { eventId: $id }) { id status } }`;
export const REGISTER = `mutation($id: ID!) { registerForEvent(input: { eventId: $id }) { ${REGISTRATION_FIELDS} } }`;
export const CANCEL_REGISTRATION = `mutation($id: ID!) { cancelRegistration(input: { registrationId: $id }) { ${REGISTRATION_FIELDS} } }`;
export const CHECK_IN = `mutation($id: ID!) { checkInAttendee(input: { registrationId: $id }) { ${REGISTRATION_FIELDS} } }`;
export const DRAW = `mutation($input: DrawLotteryInput!) { drawLottery(input: $input) { seed drawnAt applicantCount winnerCount resultDigest algorithm event { id status confirmedCount waitlistedCount appliedCount } } }`;
export const LOTTERY_DRAW = `query($id: ID!) { lotteryDraw(eventId: $id) { seed drawnAt applicantCount winnerCount resultDigest event { id } } }`;
export const FEEDBACK = `mutation($input: SubmitEventFeedbackInput!) { submitEventFeedback(input: $input) { id rating comment interestedWorkStyles createdAt } }`;
export const EVENT = `query($id: ID!) { event(id: $id) { ${EVENT_FIELDS} myRegistration { id status waitlistPosition } } }`;
export const COUNTS = `query($id: ID!) { event(id: $id) { status capacity confirmedCount waitlistedCount appliedCount seatsLeft } }`;
export const EVENT_REGISTRATIONS = `query($id: ID!, $first: Int, $after: String) {
  eventRegistrations(eventId: $id, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${REGISTRATION_FIELDS} } } } }`;
export const MY_REGISTRATIONS = `{ myRegistrations { ${REGISTRATION_FIELDS} } }`;

const DAY = 24 * 3600 * 1000;

/** A valid createEvent input for `organizationId`, starting in 30 days; override anything. */
export function eventInput(organizationId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const startsAt = new Date(Date.now() + 30 * DAY);
  return {
    organizationId,
    kind: 'BRIEFING',
    title: '気仙沼セカンドキャリア 東京説明会',
    description: '気仙沼でのセカンドキャリアに関心のある方への説明会です。',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
    venue: { name: 'MY Shokudo Hall & Kitchen', address: '東京都千代田区大手町2-6-4 TOKYO TORCH 常盤橋タワー3F' },
    capacity: 60,
    allocation: 'FIRST_COME',
    ...overrides,
  };
}

/** Creates and opens an event as `staff`; returns its id. */
export async function openEvent(
  staff: Client & { organizationId: string },
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const { createEvent } = await staff.ok(CREATE_EVENT, { input: eventInput(staff.organizationId, overrides) });
  await staff.ok(OPEN, { id: createEvent.id });
  return createEvent.id;
}

export const reasonOf = (res: GqlResult) => res.errors?.[0]?.extensions?.reason;
export const fieldsOf = (res: GqlResult): string[] =>
  (res.errors?.[0]?.extensions?.fields ?? []).map((f: { field: string }) => f.field);

/** Runs `work` over `items` with at most `limit` at a time. */
export async function inBatches<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += limit) out.push(...(await Promise.all(items.slice(i, i + limit).map(work))));
  return out;
}
