import { ListingKind, ListingStatus } from '#libs/contracts/housing/enums.js';
import { Listing, cleanListingTerms, type ListingTerms } from './listing.aggregate.js';

const terms = (overrides: Partial<ListingTerms> = {}): ListingTerms => ({
  title: '家', description: '説明', district: '気仙沼市唐桑町', address: '唐桑町1', layout: null, floorAreaSqm: null, salePriceYen: null,
  monthlyRentYen: null, nightlyRateYen: null, capacity: 2, minNights: null, maxNights: null, petsAllowed: false, access: null, photoUrls: [],
  ...overrides,
});
const fields = (kind: ListingKind, t: ListingTerms) => {
  try {
    cleanListingTerms(kind, t);
    return [];
  } catch (e) {
    return ((e as { fields: Array<{ field: string }> }).fields).map((f) => f.field).sort();
  }
};

describe('Listing', () => {
  it('requires the fields of each kind', () => {
    expect(fields(ListingKind.AKIYA_SALE, terms())).toEqual(['salePriceYen']);
    expect(fields(ListingKind.AKIYA_SALE, terms({ salePriceYen: 1 }))).toEqual([]);
    expect(fields(ListingKind.AKIYA_RENT, terms())).toEqual(['monthlyRentYen']);
    expect(fields(ListingKind.RENTAL, terms({ monthlyRentYen: 1 }))).toEqual([]);
    expect(fields(ListingKind.TRIAL_STAY, terms())).toEqual(['maxNights', 'minNights', 'nightlyRateYen']);
    expect(fields(ListingKind.SHARED_HOUSE, terms({ nightlyRateYen: 1, minNights: 1, maxNights: 90 }))).toEqual([]);
  });

  it('refuses contradictory nights: 1 <= minNights <= maxNights <= 90, and none on kinds not booked by the night', () => {
    const stay = { nightlyRateYen: 1 };
    expect(fields(ListingKind.TRIAL_STAY, terms({ ...stay, minNights: 5, maxNights: 4 }))).toEqual(['maxNights']);
    expect(fields(ListingKind.TRIAL_STAY, terms({ ...stay, minNights: 0, maxNights: 4 }))).toEqual(['minNights']);
    expect(fields(ListingKind.TRIAL_STAY, terms({ ...stay, minNights: 1, maxNights: 91 }))).toEqual(['maxNights']);
    expect(fields(ListingKind.RENTAL, terms({ monthlyRentYen: 1, minNights: 1, maxNights: 3 }))).toEqual(['maxNights', 'minNights']);
  });

  it('moves DRAFT -> PUBLISHED -> DRAFT -> ARCHIVED and refuses archiving with stays ahead', () => {
    const listing = Listing.create({ organizationId: 'o', regionId: 'r' }, ListingKind.RENTAL, terms({ monthlyRentYen: 1 }));
    listing.publish();
    listing.unpublish();
    expect(() => listing.archive(true)).toThrow(expect.objectContaining({ reason: 'HAS_ACTIVE_STAYS' }));
    listing.archive(false);
    expect(listing.status).toBe(ListingStatus.ARCHIVED);
    expect(() => listing.update({ title: 'x' })).toThrow(expect.objectContaining({ reason: 'LISTING_ARCHIVED' }));
    expect(listing.pullEvents().map((e) => e.type)).toEqual(['housing.listing.published', 'housing.listing.unpublished', 'housing.listing.archived']);
  });
});
