import { RegistrationStatus } from '#libs/contracts/events/enums.js';
import { newId } from '#libs/ddd/ids.js';
import { NotAttended, RegistrationNotCancellable, RegistrationNotConfirmed } from './events.errors.js';
import type { Placement } from './seat-allocation.js';

export interface RegistrationState {
  id: string;
  eventId: string;
  accountId: string;
  /** Copied from the caller at registration, so no read of identity is needed later. */
  attendeeDisplayName: string;
  /** Null once the attendee erased their account. */
  attendeeEmail: string | null;
  status: RegistrationStatus;
  waitlistPosition: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Statuses that count as the account's one registration for the event. */
export const ACTIVE_STATUSES: readonly RegistrationStatus[] = [
  RegistrationStatus.APPLIED,
  RegistrationStatus.CONFIRMED,
  RegistrationStatus.WAITLISTED,
  RegistrationStatus.ATTENDED,
  RegistrationStatus.NO_SHOW,
];

/**
 * One person's registration: an entity of the Event aggregate. The Event decides seats
 * (it holds the counters); a registration only knows its own moves.
 */
export class Registration {
  private constructor(
    readonly state: RegistrationState,
    /** Never saved yet. */
    readonly isNew: boolean,
  ) {}

  static restore(state: RegistrationState): Registration {
    return new Registration(state, false);
  }

  static create(input: {
    eventId: string;
    attendee: { accountId: string; displayName: string; email: string };
    placement: Placement;
    now: Date;
  }): Registration {
    return new Registration(
      {
        id: newId(),
        eventId: input.eventId,
        accountId: input.attendee.accountId,
        attendeeDisplayName: input.attendee.displayName,
        attendeeEmail: input.attendee.email,
        status: input.placement.status,
        waitlistPosition: input.placement.status === RegistrationStatus.WAITLISTED ? input.placement.waitlistPosition : null,
        createdAt: input.now,
        updatedAt: input.now,
      },
      true,
    );
  }

  get id(): string {
    return this.state.id;
  }
  get status(): RegistrationStatus {
    return this.state.status;
  }
  get accountId(): string {
    return this.state.accountId;
  }
  get waitlistPosition(): number | null {
    return this.state.waitlistPosition;
  }
  get isActive(): boolean {
    return this.state.status !== RegistrationStatus.CANCELLED;
  }

  /** Takes the place given by the seat rules (the draw, or a promotion from the queue). */
  place(placement: Placement, now: Date): void {
    this.state.status = placement.status;
    this.state.waitlistPosition = placement.status === RegistrationStatus.WAITLISTED ? placement.waitlistPosition : null;
    this.state.updatedAt = now;
  }

  /** Only registrations that have not happened yet can be cancelled. */
  assertCancellable(): void {
    if (this.state.status === RegistrationStatus.ATTENDED || this.state.status === RegistrationStatus.NO_SHOW) {
      throw new RegistrationNotCancellable(this.state.status);
    }
  }

  cancel(now: Date): void {
    this.assertCancellable();
    this.state.status = RegistrationStatus.CANCELLED;
    this.state.waitlistPosition = null;
    this.state.updatedAt = now;
  }

  /** CONFIRMED -> ATTENDED. False when already ATTENDED (a second scan at the door changes nothing). */
  checkIn(now: Date): boolean {
    if (this.state.status === RegistrationStatus.ATTENDED) return false;
    if (this.state.status !== RegistrationStatus.CONFIRMED) throw new RegistrationNotConfirmed(this.state.status);
    this.state.status = RegistrationStatus.ATTENDED;
    this.state.updatedAt = now;
    return true;
  }

  markNoShow(now: Date): void {
    if (this.state.status !== RegistrationStatus.CONFIRMED) throw new Error(`Only CONFIRMED becomes NO_SHOW, not ${this.state.status}`);
    this.state.status = RegistrationStatus.NO_SHOW;
    this.state.updatedAt = now;
  }

  /** Feedback comes after check-in. */
  assertAttended(): void {
    if (this.state.status !== RegistrationStatus.ATTENDED) throw new NotAttended(this.state.status);
  }
}
