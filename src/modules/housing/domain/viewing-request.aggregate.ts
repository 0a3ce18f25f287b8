import { AggregateRoot } from '#libs/ddd/aggregate-root.js';
import { addDays, isCalendarDay, type CalendarDay } from '#libs/ddd/calendar-day.js';
import { InvalidInputError, type FieldProblem } from '#libs/ddd/errors.js';
import { newId } from '#libs/ddd/ids.js';
import { ListingKind, ViewingStatus } from '#libs/contracts/housing/enums.js';
import {
  ViewingCancelled,
  ViewingCompleted,
  ViewingDeclined,
  ViewingRequested,
  ViewingScheduled,
  type ViewingFacts,
} from '#libs/contracts/housing/events.js';
import { InvalidHousingTransition, NotViewable } from './housing.errors.js';
import { provisionToManager } from './housing.provisions.js';
import { BOOKING_HORIZON_DAYS, cleanRegister, erasedRegister, isErased, type GuestRegister } from './stay.aggregate.js';

export interface ViewingState {
  id: string;
  listingId: string;
  organizationId: string;
  regionId: string;
  listingKind: ListingKind;
  requester: GuestRegister;
  preferredDates: CalendarDay[];
  message: string | null;
  status: ViewingStatus;
  scheduledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/**
 * A request to see a place (any kind but TRIAL_STAY): REQUESTED -> SCHEDULED -> DONE;
 * REQUESTED or SCHEDULED -> CANCELLED; REQUESTED -> DECLINED.
 */
export class ViewingRequest extends AggregateRoot {
  private constructor(private readonly state: ViewingState) {
    super(state.id, state.version);
  }

  static restore(state: ViewingState): ViewingRequest {
    return new ViewingRequest(state);
  }

  static request(
    listing: { id: string; organizationId: string; regionId: string; kind: ListingKind },
    requester: GuestRegister,
    ask: { preferredDates: CalendarDay[]; message: string | null },
    today: CalendarDay,
    now = new Date(),
  ): ViewingRequest {
    if (listing.kind === ListingKind.TRIAL_STAY) throw new NotViewable(listing.kind);
    const problems: FieldProblem[] = [];
    const dates = [...new Set(ask.preferredDates)].sort();
    if (dates.length < 1 || dates.length > 3) problems.push({ field: 'preferredDates', message: 'give 1 to 3 different days' });
    else if (dates.some((d) => !isCalendarDay(d) || d <= today || d > addDays(today, BOOKING_HORIZON_DAYS))) {
      problems.push({ field: 'preferredDates', message: `each must be from tomorrow to ${BOOKING_HORIZON_DAYS} days ahead` });
    }
    const message = ask.message === null ? null : ask.message.trim() || null;
    if (message !== null && message.length > 2000) problems.push({ field: 'message', message: 'must have at most 2000 characters' });
    const register = cleanRegister(requester.fullName, requester.phone, problems);
    if (problems.length > 0) throw new InvalidInputError(problems);
    const viewing = new ViewingRequest({
      id: newId(),
      listingId: listing.id,
      organizationId: listing.organizationId,
      regionId: listing.regionId,
      listingKind: listing.kind,
      requester: { ...requester, ...register },
      preferredDates: dates,
      message,
      status: ViewingStatus.REQUESTED,
      scheduledAt: null,
      createdAt: now,
      updatedAt: now,
      version: 0,
    });
    const provided = [provisionToManager('viewing', viewing.id, requester.accountId, listing.organizationId)];
    viewing.record(ViewingRequested.create(viewing.id, { ...viewing.facts(), preferredDates: dates, provided }));
    return viewing;
  }

  /** At a time still to come. */
  schedule(at: Date, now = new Date()): void {
    if (Number.isNaN(at.getTime()) || at.getTime() <= now.getTime()) throw InvalidInputError.field('at', 'must be in the future');
    this.move([ViewingStatus.REQUESTED], ViewingStatus.SCHEDULED, 'schedule', now);
    this.state.scheduledAt = at;
    this.record(ViewingScheduled.create(this.id, { ...this.facts(), scheduledAt: at.toISOString() }));
  }

  decline(now = new Date()): void {
    this.move([ViewingStatus.REQUESTED], ViewingStatus.DECLINED, 'decline', now);
    this.record(ViewingDeclined.create(this.id, this.facts()));
  }

  cancel(by: 'REQUESTER' | 'STAFF', now = new Date()): void {
    const previousStatus = this.state.status;
    this.move([ViewingStatus.REQUESTED, ViewingStatus.SCHEDULED], ViewingStatus.CANCELLED, 'cancel', now);
    this.record(ViewingCancelled.create(this.id, { ...this.facts(), previousStatus, cancelledBy: by }));
  }

  complete(now = new Date()): void {
    this.move([ViewingStatus.SCHEDULED], ViewingStatus.DONE, 'complete', now);
    this.record(ViewingCompleted.create(this.id, { ...this.facts(), scheduledAt: this.state.scheduledAt!.toISOString() }));
  }

  /**
   * The requester's account was erased (contract 90-privacy): an open request is cancelled as
   * their own cancellation would be, then the register and their message are emptied; the row
   * stays for counts. False when there was nothing left to do (a redelivery).
   */
  erase(now = new Date()): boolean {
    let changed = false;
    if (this.state.status === ViewingStatus.REQUESTED || this.state.status === ViewingStatus.SCHEDULED) {
      this.cancel('REQUESTER', now);
      changed = true;
    }
    if (!isErased(this.state.requester) || this.state.message !== null) {
      this.state.requester = erasedRegister(this.state.requester.accountId);
      this.state.message = null;
      this.state.updatedAt = now;
      changed = true;
    }
    return changed;
  }

  private move(from: ViewingStatus[], to: ViewingStatus, action: string, now: Date): void {
    if (!from.includes(this.state.status)) {
      throw new InvalidHousingTransition('viewing request', this.state.status, action, from.join(' or '));
    }
    this.state.status = to;
    this.state.updatedAt = now;
  }

  facts(): ViewingFacts {
    const s = this.state;
    return {
      viewingRequestId: s.id, listingId: s.listingId, regionId: s.regionId, organizationId: s.organizationId,
      listingKind: s.listingKind, accountId: s.requester.accountId,
    };
  }

  get data(): Readonly<ViewingState> {
    return { ...this.state, requester: { ...this.state.requester }, preferredDates: [...this.state.preferredDates] };
  }
  get organizationId(): string {
    return this.state.organizationId;
  }
  get requesterAccountId(): string {
    return this.state.requester.accountId;
  }
}
