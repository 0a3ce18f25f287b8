import { AggregateRoot } from '#libs/ddd/aggregate-root.js';
import { addDays, daysBetween, isCalendarDay, type CalendarDay, type DayRange } from '#libs/ddd/calendar-day.js';
import { InvalidInputError, type FieldProblem } from '#libs/ddd/errors.js';
import { newId } from '#libs/ddd/ids.js';
import { BOOKABLE_KINDS, ListingKind, ListingStatus } from '#libs/contracts/housing/enums.js';
import { ListingArchived, ListingPublished, ListingUnpublished, type ListingFacts } from '#libs/contracts/housing/events.js';
import { HasActiveStays, InvalidHousingTransition, ListingNotEditable, NotBookable } from './housing.errors.js';

/** What managing staff write about a listing (every field but kind and organization may change). */
export interface ListingTerms {
  title: string;
  description: string;
  district: string;
  address: string;
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
}

export interface ListingState extends ListingTerms {
  id: string;
  organizationId: string;
  regionId: string;
  kind: ListingKind;
  status: ListingStatus;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** A block of nights nobody may book, as the listing adds or removes it. */
export interface ListingBlock {
  id: string;
  nights: DayRange;
  note: string | null;
}

export const MAX_NIGHTS_LIMIT = 90;
export const isBookable = (kind: ListingKind): boolean => BOOKABLE_KINDS.includes(kind);

const text = (value: string | null, field: string, max: number, problems: FieldProblem[], required: boolean): string | null => {
  const v = value === null ? null : value.trim() || null;
  if (v === null) {
    if (required) problems.push({ field, message: 'must not be empty' });
    return null;
  }
  if (v.length > max) problems.push({ field, message: `must have at most ${max} characters` });
  return v;
};

const wholeNumber = (value: number | null, field: string, min: number, max: number, problems: FieldProblem[]): void => {
  if (value !== null && (!Number.isInteger(value) || value < min || value > max)) {
    problems.push({ field, message: `must be a whole number from ${min} to ${max}` });
  }
};

/**
 * Validates and cleans terms for a kind; every bad field is named at once. Required by
 * kind: AKIYA_SALE salePriceYen; AKIYA_RENT and RENTAL monthlyRentYen; TRIAL_STAY and
 * SHARED_HOUSE nightlyRateYen, minNights and maxNights (1 <= min <= max <= 90). Nights
 * bounds on a kind that is not booked by the night are contradictory.
 */
export function cleanListingTerms(kind: ListingKind, terms: ListingTerms): ListingTerms {
  const problems: FieldProblem[] = [];
  const title = text(terms.title, 'title', 200, problems, true)!;
  const description = text(terms.description, 'description', 10000, problems, true)!;
  const district = text(terms.district, 'district', 200, problems, true)!;
  const address = text(terms.address, 'address', 300, problems, true)!;
  const layout = text(terms.layout, 'layout', 50, problems, false);
  const access = text(terms.access, 'access', 500, problems, false);
  if (terms.floorAreaSqm !== null && (!Number.isFinite(terms.floorAreaSqm) || terms.floorAreaSqm <= 0 || terms.floorAreaSqm > 100000)) {
    problems.push({ field: 'floorAreaSqm', message: 'must be more than 0 and at most 100000' });
  }
  wholeNumber(terms.salePriceYen, 'salePriceYen', 0, 2_000_000_000, problems);
  wholeNumber(terms.monthlyRentYen, 'monthlyRentYen', 0, 10_000_000, problems);
  wholeNumber(terms.nightlyRateYen, 'nightlyRateYen', 0, 1_000_000, problems);
  wholeNumber(terms.capacity, 'capacity', 1, 100, problems);
  if (kind === ListingKind.AKIYA_SALE && terms.salePriceYen === null) {
    problems.push({ field: 'salePriceYen', message: 'is required for AKIYA_SALE' });
  }
  if ((kind === ListingKind.AKIYA_RENT || kind === ListingKind.RENTAL) && terms.monthlyRentYen === null) {
    problems.push({ field: 'monthlyRentYen', message: `is required for ${kind}` });
  }
  if (isBookable(kind)) {
    if (terms.nightlyRateYen === null) problems.push({ field: 'nightlyRateYen', message: `is required for ${kind}` });
    if (terms.minNights === null) problems.push({ field: 'minNights', message: `is required for ${kind}` });
    if (terms.maxNights === null) problems.push({ field: 'maxNights', message: `is required for ${kind}` });
    wholeNumber(terms.minNights, 'minNights', 1, MAX_NIGHTS_LIMIT, problems);
    wholeNumber(terms.maxNights, 'maxNights', 1, MAX_NIGHTS_LIMIT, problems);
    if (terms.minNights !== null && terms.maxNights !== null && terms.minNights > terms.maxNights) {
      problems.push({ field: 'maxNights', message: 'must be at least minNights' });
    }
  } else {
    if (terms.minNights !== null) problems.push({ field: 'minNights', message: `only TRIAL_STAY and SHARED_HOUSE are booked by the night, not ${kind}` });
    if (terms.maxNights !== null) problems.push({ field: 'maxNights', message: `only TRIAL_STAY and SHARED_HOUSE are booked by the night, not ${kind}` });
  }
  if (terms.photoUrls.length > 20) problems.push({ field: 'photoUrls', message: 'at most 20 photos' });
  const photoUrls = terms.photoUrls.map((u) => u.trim());
  if (photoUrls.some((u) => !/^https?:\/\/\S+$/i.test(u) || u.length > 2000)) {
    problems.push({ field: 'photoUrls', message: 'each must be an http(s) URL' });
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  return {
    title, description, district, address, layout, floorAreaSqm: terms.floorAreaSqm, salePriceYen: terms.salePriceYen,
    monthlyRentYen: terms.monthlyRentYen, nightlyRateYen: terms.nightlyRateYen, capacity: terms.capacity,
    minNights: terms.minNights, maxNights: terms.maxNights, petsAllowed: terms.petsAllowed, access, photoUrls,
  };
}

/** Changes to terms: undefined leaves a field; null clears an optional one. */
export type ListingChanges = { [K in keyof ListingTerms]?: ListingTerms[K] };

/** The longest block, and the longest availability question: a year and a day. */
export const MAX_RANGE_DAYS = 366;

/** Checks a range of nights given as `field` (start < end, at most 366 days). */
export function checkRange(range: DayRange, field: string): void {
  if (!isCalendarDay(range.start) || !isCalendarDay(range.end)) throw InvalidInputError.field(field, 'must be calendar days');
  if (range.end <= range.start) throw InvalidInputError.field(field, 'end must be after start');
  if (daysBetween(range.start, range.end) > MAX_RANGE_DAYS) throw InvalidInputError.field(field, `must span at most ${MAX_RANGE_DAYS} days`);
}

/**
 * A place to live or stay: DRAFT -> PUBLISHED -> ARCHIVED, PUBLISHED -> DRAFT; editable
 * while not ARCHIVED. Blocked nights are part of it (added and removed by managing staff);
 * that they never share a night with a stay is the database's to enforce.
 */
export class Listing extends AggregateRoot {
  private addedBlocks: ListingBlock[] = [];
  private removedBlocks: string[] = [];

  private constructor(private readonly state: ListingState) {
    super(state.id, state.version);
  }

  static restore(state: ListingState): Listing {
    return new Listing(state);
  }

  static create(manager: { organizationId: string; regionId: string }, kind: ListingKind, terms: ListingTerms, now = new Date()): Listing {
    return new Listing({
      ...cleanListingTerms(kind, terms),
      id: newId(),
      organizationId: manager.organizationId,
      regionId: manager.regionId,
      kind,
      status: ListingStatus.DRAFT,
      publishedAt: null,
      createdAt: now,
      updatedAt: now,
      version: 0,
    });
  }

  update(changes: ListingChanges, now = new Date()): void {
    this.editable();
    const s = this.state;
    const pick = <K extends keyof ListingTerms>(k: K): ListingTerms[K] => (changes[k] === undefined ? s[k] : (changes[k] as ListingTerms[K]));
    const next = cleanListingTerms(s.kind, {
      title: pick('title'), description: pick('description'), district: pick('district'), address: pick('address'),
      layout: pick('layout'), floorAreaSqm: pick('floorAreaSqm'), salePriceYen: pick('salePriceYen'),
      monthlyRentYen: pick('monthlyRentYen'), nightlyRateYen: pick('nightlyRateYen'), capacity: pick('capacity'),
      minNights: pick('minNights'), maxNights: pick('maxNights'), petsAllowed: pick('petsAllowed'), access: pick('access'),
      photoUrls: pick('photoUrls'),
    });
    Object.assign(this.state, next, { updatedAt: now });
  }

  publish(now = new Date()): void {
    this.move([ListingStatus.DRAFT], ListingStatus.PUBLISHED, 'publish', now);
    this.state.publishedAt = now;
    this.record(ListingPublished.create(this.id, { ...this.facts(), title: this.state.title, district: this.state.district }));
  }

  unpublish(now = new Date()): void {
    this.move([ListingStatus.PUBLISHED], ListingStatus.DRAFT, 'unpublish', now);
    this.record(ListingUnpublished.create(this.id, this.facts()));
  }

  /** `staysAhead`: whether a CONFIRMED or CHECKED_IN stay has nights from today on (HAS_ACTIVE_STAYS). */
  archive(staysAhead: boolean, now = new Date()): void {
    if (this.state.status !== ListingStatus.ARCHIVED && staysAhead) throw new HasActiveStays();
    this.move([ListingStatus.DRAFT, ListingStatus.PUBLISHED], ListingStatus.ARCHIVED, 'archive', now);
    this.record(ListingArchived.create(this.id, this.facts()));
  }

  /** Nights nobody may book, from today on; only for listings booked by the night. */
  block(nights: DayRange, note: string | null, today: CalendarDay, now = new Date()): ListingBlock {
    this.editable();
    if (!isBookable(this.state.kind)) throw new NotBookable(this.state.kind);
    checkRange(nights, 'nights');
    if (nights.start < today) throw InvalidInputError.field('nights', 'must not start before today');
    if (nights.start > addDays(today, 2 * MAX_RANGE_DAYS)) throw InvalidInputError.field('nights', 'must start within two years');
    const cleanNote = note === null ? null : note.trim() || null;
    if (cleanNote !== null && cleanNote.length > 500) throw InvalidInputError.field('note', 'must have at most 500 characters');
    const block = { id: newId(), nights: { start: nights.start, end: nights.end }, note: cleanNote };
    this.addedBlocks.push(block);
    this.state.updatedAt = now;
    return block;
  }

  unblock(blockId: string, now = new Date()): void {
    this.editable();
    this.removedBlocks.push(blockId);
    this.state.updatedAt = now;
  }

  /** Blocks added and removed since loading, for the repository. */
  get blockChanges(): { added: ListingBlock[]; removed: string[] } {
    return { added: [...this.addedBlocks], removed: [...this.removedBlocks] };
  }

  private editable(): void {
    if (this.state.status === ListingStatus.ARCHIVED) throw new ListingNotEditable();
  }

  private move(from: ListingStatus[], to: ListingStatus, action: string, now: Date): void {
    if (!from.includes(this.state.status)) throw new InvalidHousingTransition('listing', this.state.status, action, from.join(' or '));
    this.state.status = to;
    this.state.updatedAt = now;
  }

  facts(): ListingFacts {
    return { listingId: this.id, regionId: this.state.regionId, organizationId: this.state.organizationId, listingKind: this.state.kind };
  }

  get data(): Readonly<ListingState> {
    return { ...this.state, photoUrls: [...this.state.photoUrls] };
  }
  get status(): ListingStatus {
    return this.state.status;
  }
  get kind(): ListingKind {
    return this.state.kind;
  }
  get organizationId(): string {
    return this.state.organizationId;
  }
  get regionId(): string {
    return this.state.regionId;
  }
}
