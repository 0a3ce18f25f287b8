import type { CalendarDay, DayRange } from '#libs/ddd/calendar-day.js';
import type { ListingKind, ListingStatus, StayStatus, ViewingStatus } from '#libs/contracts/housing/enums.js';
import type { GuestRegister } from '../../domain/stay.aggregate.js';

/** A listing as housing's queries answer it; `streetAddress` is shown only by the personal-data rule. */
export interface ListingView {
  id: string;
  organizationId: string;
  regionId: string;
  kind: ListingKind;
  status: ListingStatus;
  title: string;
  description: string;
  district: string;
  streetAddress: string;
  layout: string | null;
  floorAreaSqm: number | null;
  salePriceYen: number | null;
  monthlyRentYen: number | null;
  nightlyRateYen: number | null;
  capacity: number;
  minNights: number | null;
  maxNights: number | null;
  petsAllowed: boolean;
  access: string | null;
  photoUrls: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** A stay; `guest` is the register, shown only by the personal-data rule. `status` as it is today. */
export interface StayView {
  id: string;
  listingId: string;
  organizationId: string;
  regionId: string;
  guest: GuestRegister;
  checkIn: CalendarDay;
  checkOut: CalendarDay;
  nights: number;
  partySize: number;
  purpose: string | null;
  priceYen: number;
  status: StayStatus;
  createdAt: Date;
  updatedAt: Date;
}

export interface ViewingView {
  id: string;
  listingId: string;
  organizationId: string;
  regionId: string;
  requester: GuestRegister;
  preferredDates: CalendarDay[];
  message: string | null;
  status: ViewingStatus;
  scheduledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface BlockView {
  id: string;
  nights: DayRange;
  note: string | null;
}

/** What a listing search may filter on (the contract's ListingFilter). */
export interface ListingCriteria {
  regionId?: string | null;
  kinds?: ListingKind[] | null;
  maxMonthlyRentYen?: number | null;
  maxNightlyRateYen?: number | null;
  minCapacity?: number | null;
  petsAllowed?: boolean | null;
  availableFrom?: CalendarDay | null;
  availableTo?: CalendarDay | null;
  text?: string | null;
  statuses?: ListingStatus[] | null;
}

