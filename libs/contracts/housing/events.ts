import { defineEvent } from '../../ddd/domain-event.js';
import type { CarriesProvisions } from '../privacy/events.js';
import type { ListingKind, StayStatus, ViewingStatus } from './enums.js';

/**
 * The housing module's integration events (contract 50-housing). Each carries what support's
 * journey, insights and matching need (region, account, listing kind, nights), so that none
 * of them reads the housing schema. No personal data: a guest's or requester's register
 * (fullName, email, phone, displayName) and what they wrote (a stay's purpose, a viewing's
 * message) stay in housing's own tables, which erasure empties; the payloads carry account
 * ids only, so erasure has nothing to scrub in them. StayRequested and ViewingRequested also
 * carry `provided` (contract 90-privacy): the managing organization's access to the register,
 * as ids and a purpose. Dates are calendar days in Japan, 'YYYY-MM-DD'. v1.
 */
export interface ListingFacts {
  listingId: string;
  regionId: string;
  /** The managing organization (HOUSING_MANAGE). */
  organizationId: string;
  listingKind: ListingKind;
}

/** `housing.listing.published` v1: DRAFT -> PUBLISHED. */
export const ListingPublished = defineEvent<ListingFacts & { title: string; district: string }>('housing.listing.published', 'Listing');
/** `housing.listing.unpublished` v1: PUBLISHED -> DRAFT. */
export const ListingUnpublished = defineEvent<ListingFacts>('housing.listing.unpublished', 'Listing');
/** `housing.listing.archived` v1. */
export const ListingArchived = defineEvent<ListingFacts>('housing.listing.archived', 'Listing');

/** One stay, as every stay event carries it. */
export interface StayFacts extends ListingFacts {
  stayId: string;
  /** The guest. */
  accountId: string;
  checkIn: string;
  checkOut: string;
  nights: number;
  partySize: number;
  priceYen: number;
}

/**
 * `housing.stay.requested` v1 (status REQUESTED); `provided`: the managing organization, which
 * now sees the guest's fullName, email and phone (basis REQUEST, occasion `stay`).
 */
export const StayRequested = defineEvent<StayFacts & CarriesProvisions>('housing.stay.requested', 'Stay');
/** `housing.stay.confirmed` v1: REQUESTED -> CONFIRMED (the nights are held). */
export const StayConfirmed = defineEvent<StayFacts>('housing.stay.confirmed', 'Stay');
/** `housing.stay.declined` v1: REQUESTED -> DECLINED by managing staff. */
export const StayDeclined = defineEvent<StayFacts>('housing.stay.declined', 'Stay');
/** `housing.stay.checked-in` v1: CONFIRMED -> CHECKED_IN (the person is staying in the region). */
export const StayCheckedIn = defineEvent<StayFacts>('housing.stay.checked-in', 'Stay');
/** `housing.stay.completed` v1: CHECKED_IN -> COMPLETED ("stayed in the region"). */
export const StayCompleted = defineEvent<StayFacts>('housing.stay.completed', 'Stay');
/**
 * `housing.stay.cancelled` v1: REQUESTED or CONFIRMED -> CANCELLED; by the guest, by
 * managing staff, or by the platform (SYSTEM: still REQUESTED when its check-in day began).
 */
export const StayCancelled = defineEvent<StayFacts & { previousStatus: StayStatus; cancelledBy: 'GUEST' | 'STAFF' | 'SYSTEM' }>(
  'housing.stay.cancelled',
  'Stay',
);

/** One viewing request, as every viewing event carries it. */
export interface ViewingFacts extends ListingFacts {
  viewingRequestId: string;
  /** The requester. */
  accountId: string;
}

/**
 * `housing.viewing.requested` v1; `provided`: the managing organization, which now sees the
 * requester's fullName, email and phone (basis REQUEST, occasion `viewing`).
 */
export const ViewingRequested = defineEvent<ViewingFacts & { preferredDates: string[] } & CarriesProvisions>(
  'housing.viewing.requested',
  'ViewingRequest',
);
/** `housing.viewing.scheduled` v1: REQUESTED -> SCHEDULED; `scheduledAt` ISO 8601. */
export const ViewingScheduled = defineEvent<ViewingFacts & { scheduledAt: string }>('housing.viewing.scheduled', 'ViewingRequest');
/** `housing.viewing.declined` v1: REQUESTED -> DECLINED by managing staff. */
export const ViewingDeclined = defineEvent<ViewingFacts>('housing.viewing.declined', 'ViewingRequest');
/** `housing.viewing.completed` v1: SCHEDULED -> DONE. */
export const ViewingCompleted = defineEvent<ViewingFacts & { scheduledAt: string }>('housing.viewing.completed', 'ViewingRequest');
/** `housing.viewing.cancelled` v1: REQUESTED or SCHEDULED -> CANCELLED, by the requester or managing staff. */
export const ViewingCancelled = defineEvent<ViewingFacts & { previousStatus: ViewingStatus; cancelledBy: 'REQUESTER' | 'STAFF' }>(
  'housing.viewing.cancelled',
  'ViewingRequest',
);
