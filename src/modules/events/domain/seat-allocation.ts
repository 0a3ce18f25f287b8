import { AllocationPolicy, RegistrationStatus } from '#libs/contracts/events/enums.js';

/**
 * The seat rules as pure functions. The handlers apply them with SQL while holding the
 * event row's lock, so one event's registrations change one transaction at a time and
 * these functions see the true counts; never more CONFIRMED than capacity.
 */

/** The event's seat counters. `confirmed` counts every seat taken: CONFIRMED, ATTENDED and NO_SHOW. */
export interface SeatCounts {
  capacity: number;
  confirmed: number;
  waitlisted: number;
  applied: number;
}

/** Where a new registration goes. */
export type Placement =
  | { status: RegistrationStatus.CONFIRMED }
  | { status: RegistrationStatus.WAITLISTED; waitlistPosition: number }
  | { status: RegistrationStatus.APPLIED };

export const seatsLeft = (c: SeatCounts): number => Math.max(0, c.capacity - c.confirmed);

/**
 * FIRST_COME: a seat while one is left, else the end of the queue. LOTTERY: an application
 * until the draw.
 */
export function placeNewRegistration(policy: AllocationPolicy, counts: SeatCounts): Placement {
  if (policy === AllocationPolicy.LOTTERY) return { status: RegistrationStatus.APPLIED };
  // A queue that is not empty while a seat is free would be a broken invariant: the head
  // of the queue gets a seat the moment one frees up, so newcomers never overtake it.
  if (seatsLeft(counts) > 0 && counts.waitlisted === 0) return { status: RegistrationStatus.CONFIRMED };
  return { status: RegistrationStatus.WAITLISTED, waitlistPosition: counts.waitlisted + 1 };
}

/** The counters once `placement` is taken. */
export function countsAfterPlacing(counts: SeatCounts, placement: Placement): SeatCounts {
  switch (placement.status) {
    case RegistrationStatus.CONFIRMED:
      return { ...counts, confirmed: counts.confirmed + 1 };
    case RegistrationStatus.WAITLISTED:
      return { ...counts, waitlisted: counts.waitlisted + 1 };
    case RegistrationStatus.APPLIED:
      return { ...counts, applied: counts.applied + 1 };
  }
}

/** What happens when a registration leaves (is cancelled). */
export interface Departure {
  counts: SeatCounts;
  /** The head of the queue takes the freed seat. */
  promoteHead: boolean;
  /**
   * Queue positions above this one move down by one, keeping the queue 1..n without gaps
   * (the promoted head's position 1, or the leaver's own); null when the queue is untouched.
   */
  closeGapAfter: number | null;
}

/** The seat a CONFIRMED leaver frees goes to the head of the queue at once. */
export function planDeparture(
  counts: SeatCounts,
  leaving: { status: RegistrationStatus; waitlistPosition: number | null },
): Departure {
  switch (leaving.status) {
    case RegistrationStatus.CONFIRMED:
      if (counts.waitlisted > 0) {
        // confirmed stays the same: one leaves, the head comes in.
        return { counts: { ...counts, waitlisted: counts.waitlisted - 1 }, promoteHead: true, closeGapAfter: 1 };
      }
      return { counts: { ...counts, confirmed: counts.confirmed - 1 }, promoteHead: false, closeGapAfter: null };
    case RegistrationStatus.WAITLISTED:
      if (leaving.waitlistPosition === null) throw new Error('A WAITLISTED registration has a queue position');
      return { counts: { ...counts, waitlisted: counts.waitlisted - 1 }, promoteHead: false, closeGapAfter: leaving.waitlistPosition };
    case RegistrationStatus.APPLIED:
      return { counts: { ...counts, applied: counts.applied - 1 }, promoteHead: false, closeGapAfter: null };
    default:
      throw new Error(`A ${leaving.status} registration does not leave the seat plan`);
  }
}

/**
 * The queue after the registration at `removed` left it: those behind move up one. The SQL
 * `waitlist_position = waitlist_position - 1 WHERE waitlist_position > removed` does the same.
 */
export function closeQueueGap<T extends { waitlistPosition: number }>(queue: readonly T[], removed: number): T[] {
  return queue
    .filter((r) => r.waitlistPosition !== removed)
    .map((r) => (r.waitlistPosition > removed ? { ...r, waitlistPosition: r.waitlistPosition - 1 } : r));
}

/** After a draw: the first `capacity` drawn get seats, the rest queue in drawn order (positions 1..n). */
export function placeDrawn<T>(capacity: number, drawn: readonly T[]): Array<{ item: T; placement: Placement }> {
  return drawn.map((item, index) => ({
    item,
    placement:
      index < capacity
        ? { status: RegistrationStatus.CONFIRMED }
        : { status: RegistrationStatus.WAITLISTED, waitlistPosition: index - capacity + 1 },
  }));
}
