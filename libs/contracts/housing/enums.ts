/** The kinds of place a region offers (contract 50-housing). */
export enum ListingKind {
  AKIYA_SALE = 'AKIYA_SALE',
  AKIYA_RENT = 'AKIYA_RENT',
  RENTAL = 'RENTAL',
  TRIAL_STAY = 'TRIAL_STAY',
  SHARED_HOUSE = 'SHARED_HOUSE',
}

/** Kinds a person can stay at for some nights (the others are viewed, then rented or bought). */
export const BOOKABLE_KINDS: readonly ListingKind[] = [ListingKind.TRIAL_STAY, ListingKind.SHARED_HOUSE];

export enum ListingStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}

export enum StayStatus {
  REQUESTED = 'REQUESTED',
  CONFIRMED = 'CONFIRMED',
  CHECKED_IN = 'CHECKED_IN',
  COMPLETED = 'COMPLETED',
  DECLINED = 'DECLINED',
  CANCELLED = 'CANCELLED',
}

export enum ViewingStatus {
  REQUESTED = 'REQUESTED',
  SCHEDULED = 'SCHEDULED',
  DONE = 'DONE',
  DECLINED = 'DECLINED',
  CANCELLED = 'CANCELLED',
}
