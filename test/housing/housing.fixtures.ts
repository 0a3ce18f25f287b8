import { addDays, tokyoToday } from '#libs/ddd/calendar-day.js';
import type { Client } from '../harness/harness.js';

/** A day relative to today in Japan. */
export const day = (n: number): string => addDays(tokyoToday(), n);

export const LISTING_FIELDS = `id kind status title district address capacity nightlyRateYen monthlyRentYen salePriceYen minNights maxNights
  petsAllowed photoUrls region { id } manager { id name }`;
export const STAY_FIELDS = `id checkIn checkOut nights partySize purpose priceYen status listing { id title address }
  guest { accountId displayName fullName email phone }`;
export const VIEWING_FIELDS = `id preferredDates message status scheduledAt listing { id address }
  requester { accountId displayName fullName email phone }`;

export const CREATE_LISTING = `mutation($input: CreateListingInput!) { createListing(input: $input) { ${LISTING_FIELDS} } }`;
export const UPDATE_LISTING = `mutation($input: UpdateListingInput!) { updateListing(input: $input) { ${LISTING_FIELDS} } }`;
export const PUBLISH_LISTING = `mutation($id: ID!) { publishListing(input: { listingId: $id }) { id status } }`;
export const UNPUBLISH_LISTING = `mutation($id: ID!) { unpublishListing(input: { listingId: $id }) { id status } }`;
export const ARCHIVE_LISTING = `mutation($id: ID!) { archiveListing(input: { listingId: $id }) { id status } }`;
export const LISTING = `query($id: ID!) { listing(id: $id) { ${LISTING_FIELDS} } }`;
export const AVAILABILITY = `query($id: ID!, $from: Date!, $to: Date!) { listing(id: $id) { availability(from: $from, to: $to) { start end } } }`;
export const BLOCK = `mutation($id: ID!, $start: Date!, $end: Date!, $note: String) {
  blockListingNights(input: { listingId: $id, nights: { start: $start, end: $end }, note: $note }) { id nights { start end } note } }`;
export const UNBLOCK = `mutation($id: ID!) { unblockListingNights(input: { blockId: $id }) }`;
export const BLOCKS = `query($id: ID!) { listingBlocks(listingId: $id) { id nights { start end } note } }`;
export const REQUEST_STAY = `mutation($input: RequestStayInput!) { requestStay(input: $input) { ${STAY_FIELDS} } }`;
export const CONFIRM_STAY = `mutation($id: ID!) { confirmStay(input: { stayId: $id }) { ${STAY_FIELDS} } }`;
export const DECLINE_STAY = `mutation($id: ID!) { declineStay(input: { stayId: $id }) { ${STAY_FIELDS} } }`;
export const CANCEL_STAY = `mutation($id: ID!) { cancelStay(input: { stayId: $id }) { ${STAY_FIELDS} } }`;
export const CHECK_IN_STAY = `mutation($id: ID!) { checkInStay(input: { stayId: $id }) { ${STAY_FIELDS} } }`;
export const COMPLETE_STAY = `mutation($id: ID!) { completeStay(input: { stayId: $id }) { ${STAY_FIELDS} } }`;
export const STAY = `query($id: ID!) { stay(id: $id) { ${STAY_FIELDS} } }`;
export const MY_STAYS = `{ myStays { ${STAY_FIELDS} } }`;
export const LISTING_STAYS = `query($id: ID!, $first: Int, $after: String) { listingStays(listingId: $id, first: $first, after: $after) {
  totalCount edges { cursor node { ${STAY_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
export const REQUEST_VIEWING = `mutation($input: RequestViewingInput!) { requestViewing(input: $input) { ${VIEWING_FIELDS} } }`;
export const SCHEDULE_VIEWING = `mutation($id: ID!, $at: DateTime!) { scheduleViewing(input: { viewingRequestId: $id, at: $at }) { ${VIEWING_FIELDS} } }`;
export const DECLINE_VIEWING = `mutation($id: ID!) { declineViewing(input: { viewingRequestId: $id }) { ${VIEWING_FIELDS} } }`;
export const CANCEL_VIEWING = `mutation($id: ID!) { cancelViewing(input: { viewingRequestId: $id }) { ${VIEWING_FIELDS} } }`;
export const COMPLETE_VIEWING = `mutation($id: ID!) { completeViewing(input: { viewingRequestId: $id }) { ${VIEWING_FIELDS} } }`;
export const VIEWING = `query($id: ID!) { viewingRequest(id: $id) { ${VIEWING_FIELDS} } }`;
export const MY_VIEWINGS = `{ myViewingRequests { ${VIEWING_FIELDS} } }`;
export const LISTING_VIEWINGS = `query($id: ID!, $first: Int) { listingViewingRequests(listingId: $id, first: $first) {
  totalCount edges { node { ${VIEWING_FIELDS} } } pageInfo { hasNextPage } } }`;
export const LISTINGS = `query($filter: ListingFilter, $first: Int, $after: String) { listings(filter: $filter, first: $first, after: $after) {
  totalCount edges { cursor node { id title kind status } } pageInfo { hasNextPage endCursor } } }`;

/** A valid CreateListingInput of a kind, with overrides. */
export function listingInput(organizationId: string, kind: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const byKind: Record<string, Record<string, unknown>> = {
    TRIAL_STAY: { nightlyRateYen: 2000, minNights: 2, maxNights: 14 },
    SHARED_HOUSE: { nightlyRateYen: 3000, minNights: 1, maxNights: 30 },
    AKIYA_SALE: { salePriceYen: 5_000_000 },
    AKIYA_RENT: { monthlyRentYen: 30000 },
    RENTAL: { monthlyRentYen: 50000 },
  };
  return {
    organizationId, kind, title: '唐桑のお試し住宅', description: '海の見える家で気仙沼の暮らしを試せます。', district: '気仙沼市唐桑町',
    address: '気仙沼市唐桑町宿浦1-2-3', capacity: 4, access: '気仙沼駅から車で25分', photoUrls: ['https://example.com/a.jpg'],
    ...byKind[kind], ...overrides,
  };
}

/** A PUBLISHED listing of the staff's organization; returns its id. */
export async function publishedListing(staff: Client & { organizationId: string }, kind = 'TRIAL_STAY', overrides: Record<string, unknown> = {}): Promise<string> {
  const { createListing } = await staff.ok(CREATE_LISTING, { input: listingInput(staff.organizationId, kind, overrides) });
  await staff.ok(PUBLISH_LISTING, { id: createListing.id });
  return createListing.id;
}

/** A valid RequestStayInput. */
export function stayInput(listingId: string, checkIn: string, checkOut: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { listingId, checkIn, checkOut, partySize: 1, purpose: '副業先の下見', fullName: '佐藤 真理子', phone: '090-1234-5678', ...overrides };
}
