import { AggregateRoot } from '#libs/ddd/aggregate-root.js';
import { addDays, daysBetween, type CalendarDay } from '#libs/ddd/calendar-day.js';
import { InvalidInputError, type FieldProblem } from '#libs/ddd/errors.js';
import { newId } from '#libs/ddd/ids.js';
import { ListingKind, StayStatus } from '#libs/contracts/housing/enums.js';
import {
  StayCancelled,
  StayCheckedIn,
  StayCompleted,
  StayConfirmed,
  StayDeclined,
  StayRequested,
  type StayFacts,
} from '#libs/contracts/housing/events.js';
import { CheckInDayNotReached, InvalidHousingTransition, NotBookable } from './housing.errors.js';
import { isPhoneNumber, normalizePhone } from '#libs/ddd/phone.js';
import { ERASED_DISPLAY_NAME } from '#libs/contracts/privacy/enums.js';
import { provisionToManager } from './housing.provisions.js';
import { isBookable } from './listing.aggregate.js';

/** How far ahead a stay may begin. */
export const BOOKING_HORIZON_DAYS = 180;

/** Who a guest is, as an inn's register: fullName and phone from the request, the rest from the account. */
export interface GuestRegister {
  accountId: string;
  displayName: string;
  email: string;
  fullName: string;
  phone: string;
}

/** An erased person's register: the account id only (rows stay, for counts), the name as the contract shows it. */
export function erasedRegister(accountId: string): GuestRegister {
  return { accountId, displayName: ERASED_DISPLAY_NAME, email: '', fullName: '', phone: '' };
}

/** Whether the register was erased already. */
export function isErased(register: GuestRegister): boolean {
  return register.displayName === ERASED_DISPLAY_NAME && register.email === '' && register.fullName === '' && register.phone === '';
}

/** What a listing tells a stay about itself when it is requested. */
export interface BookableListing {
  id: string;
  organizationId: string;
  regionId: string;
  kind: ListingKind;
  nightlyRateYen: number | null;
  minNights: number | null;
  maxNights: number | null;
  capacity: number;
}

export interface StayState {
  id: string;
  listingId: string;
  organizationId: string;
  regionId: string;
  listingKind: ListingKind;
  guest: GuestRegister;
  checkIn: CalendarDay;
  checkOut: CalendarDay;
  partySize: number;
  purpose: string | null;
  priceYen: number;
  status: StayStatus;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** Cleans a person's register (fullName, phone), naming the bad fields. */
export function cleanRegister(fullName: string, phone: string, problems: FieldProblem[]): { fullName: string; phone: string } {
  const name = fullName.trim();
  const tel = normalizePhone(phone);
  if (name.length === 0 || name.length > 100) problems.push({ field: 'fullName', message: 'must have 1 to 100 characters' });
  if (!isPhoneNumber(tel)) problems.push({ field: 'phone', message: 'must be a phone number' });
  return { fullName: name, phone: tel };
}

/**
 * A REQUESTED stay whose check-in day has begun is CANCELLED (contract 50-housing). The
 * status as it is on `today`, whether or not the sweep has written it yet.
 */
export function effectiveStayStatus(status: StayStatus, checkIn: CalendarDay, today: CalendarDay): StayStatus {
  return status === StayStatus.REQUESTED && checkIn <= today ? StayStatus.CANCELLED : status;
}

/**
 * A stay of some nights [checkIn, checkOut) at a TRIAL_STAY or SHARED_HOUSE:
 * REQUESTED -> CONFIRMED -> CHECKED_IN -> COMPLETED; REQUESTED -> DECLINED;
 * REQUESTED or CONFIRMED -> CANCELLED; still REQUESTED on its check-in day -> CANCELLED.
 * That no night is held twice is the database's to enforce (see the housing migration).
 */
export class Stay extends AggregateRoot {
  private constructor(private readonly state: StayState) {
    super(state.id, state.version);
  }

  static restore(state: StayState): Stay {
    return new Stay(state);
  }

  static request(
    listing: BookableListing,
    guest: GuestRegister,
    ask: { checkIn: CalendarDay; checkOut: CalendarDay; partySize: number; purpose: string | null },
    today: CalendarDay,
    now = new Date(),
  ): Stay {
    if (!isBookable(listing.kind)) throw new NotBookable(listing.kind);
    const problems: FieldProblem[] = [];
    const tomorrow = addDays(today, 1);
    if (ask.checkIn < tomorrow) problems.push({ field: 'checkIn', message: `must be from tomorrow (${tomorrow}) on` });
    else if (ask.checkIn > addDays(today, BOOKING_HORIZON_DAYS)) {
      problems.push({ field: 'checkIn', message: `must be at most ${BOOKING_HORIZON_DAYS} days ahead` });
    }
    const nights = daysBetween(ask.checkIn, ask.checkOut);
    const [min, max] = [listing.minNights ?? 1, listing.maxNights ?? 1];
    if (nights < min || nights > max) problems.push({ field: 'checkOut', message: `the stay must be ${min} to ${max} nights` });
    if (!Number.isInteger(ask.partySize) || ask.partySize < 1 || ask.partySize > listing.capacity) {
      problems.push({ field: 'partySize', message: `must be from 1 to ${listing.capacity}` });
    }
    const purpose = ask.purpose === null ? null : ask.purpose.trim() || null;
    if (purpose !== null && purpose.length > 500) problems.push({ field: 'purpose', message: 'must have at most 500 characters' });
    const register = cleanRegister(guest.fullName, guest.phone, problems);
    if (problems.length > 0) throw new InvalidInputError(problems);
    const stay = new Stay({
      id: newId(),
      listingId: listing.id,
      organizationId: listing.organizationId,
      regionId: listing.regionId,
      listingKind: listing.kind,
      guest: { ...guest, ...register },
      checkIn: ask.checkIn,
      checkOut: ask.checkOut,
      partySize: ask.partySize,
      purpose,
      priceYen: nights * (listing.nightlyRateYen ?? 0),
      status: StayStatus.REQUESTED,
      createdAt: now,
      updatedAt: now,
      version: 0,
    });
    const provided = [provisionToManager('stay', stay.id, guest.accountId, listing.organizationId)];
    stay.record(StayRequested.create(stay.id, { ...stay.facts(), provided }));
    return stay;
  }

  confirm(today: CalendarDay, now = new Date()): void {
    this.move([StayStatus.REQUESTED], StayStatus.CONFIRMED, 'confirm', today, now);
    this.record(StayConfirmed.create(this.id, this.facts()));
  }

  decline(today: CalendarDay, now = new Date()): void {
    this.move([StayStatus.REQUESTED], StayStatus.DECLINED, 'decline', today, now);
    this.record(StayDeclined.create(this.id, this.facts()));
  }

  cancel(by: 'GUEST' | 'STAFF', today: CalendarDay, now = new Date()): void {
    const previousStatus = this.state.status;
    this.move([StayStatus.REQUESTED, StayStatus.CONFIRMED], StayStatus.CANCELLED, 'cancel', today, now);
    this.record(StayCancelled.create(this.id, { ...this.facts(), previousStatus, cancelledBy: by }));
  }

  /** From the check-in day (in Japan) on. */
  checkIn(today: CalendarDay, now = new Date()): void {
    this.guardStatus([StayStatus.CONFIRMED], 'check in', today);
    if (today < this.state.checkIn) throw new CheckInDayNotReached(this.state.checkIn);
    this.move([StayStatus.CONFIRMED], StayStatus.CHECKED_IN, 'check in', today, now);
    this.record(StayCheckedIn.create(this.id, this.facts()));
  }

  complete(today: CalendarDay, now = new Date()): void {
    this.move([StayStatus.CHECKED_IN], StayStatus.COMPLETED, 'complete', today, now);
    this.record(StayCompleted.create(this.id, this.facts()));
  }

  /** Writes down that a REQUESTED stay lapsed on its check-in day; false when it has not. */
  lapse(today: CalendarDay, now = new Date()): boolean {
    if (this.state.status !== StayStatus.REQUESTED || this.state.checkIn > today) return false;
    this.state.status = StayStatus.CANCELLED;
    this.state.updatedAt = now;
    this.record(StayCancelled.create(this.id, { ...this.facts(), previousStatus: StayStatus.REQUESTED, cancelledBy: 'SYSTEM' }));
    return true;
  }

  /**
   * The guest's account was erased (contract 90-privacy): a stay they still hold is released
   * as their own cancellation would (one whose check-in day came while REQUESTED has lapsed,
   * written down as that), then the register and the purpose they wrote are emptied; the row
   * stays for counts. False when there was nothing left to do (a redelivery).
   */
  erase(today: CalendarDay, now = new Date()): boolean {
    let changed = false;
    const status = effectiveStayStatus(this.state.status, this.state.checkIn, today);
    if (this.state.status === StayStatus.REQUESTED && status === StayStatus.CANCELLED) changed = this.lapse(today, now);
    else if (status === StayStatus.REQUESTED || status === StayStatus.CONFIRMED) {
      this.cancel('GUEST', today, now);
      changed = true;
    }
    if (!isErased(this.state.guest) || this.state.purpose !== null) {
      this.state.guest = erasedRegister(this.state.guest.accountId);
      this.state.purpose = null;
      this.state.updatedAt = now;
      changed = true;
    }
    return changed;
  }

  private guardStatus(from: StayStatus[], action: string, today: CalendarDay): void {
    const current = effectiveStayStatus(this.state.status, this.state.checkIn, today);
    if (!from.includes(current)) throw new InvalidHousingTransition('stay', current, action, from.join(' or '));
  }

  private move(from: StayStatus[], to: StayStatus, action: string, today: CalendarDay, now: Date): void {
    this.guardStatus(from, action, today);
    this.state.status = to;
    this.state.updatedAt = now;
  }

  get nights(): number {
    return daysBetween(this.state.checkIn, this.state.checkOut);
  }

  facts(): StayFacts {
    const s = this.state;
    return {
      stayId: s.id, listingId: s.listingId, regionId: s.regionId, organizationId: s.organizationId, listingKind: s.listingKind,
      accountId: s.guest.accountId, checkIn: s.checkIn, checkOut: s.checkOut, nights: this.nights, partySize: s.partySize,
      priceYen: s.priceYen,
    };
  }

  get data(): Readonly<StayState> {
    return { ...this.state, guest: { ...this.state.guest } };
  }
  get status(): StayStatus {
    return this.state.status;
  }
  get listingId(): string {
    return this.state.listingId;
  }
  get organizationId(): string {
    return this.state.organizationId;
  }
  get guestAccountId(): string {
    return this.state.guest.accountId;
  }
}
