import fc from 'fast-check';
import { AllocationPolicy, RegistrationStatus } from '#libs/contracts/events/enums.js';
import {
  closeQueueGap,
  countsAfterPlacing,
  placeDrawn,
  placeNewRegistration,
  planDeparture,
  seatsLeft,
  type SeatCounts,
} from './seat-allocation.js';

const counts = (c: Partial<SeatCounts>): SeatCounts => ({ capacity: 2, confirmed: 0, waitlisted: 0, applied: 0, ...c });
const { CONFIRMED, WAITLISTED, APPLIED, ATTENDED, CANCELLED } = RegistrationStatus;

describe('placeNewRegistration', () => {
  it('FIRST_COME: confirms while seats are left, then queues at the end', () => {
    expect(placeNewRegistration(AllocationPolicy.FIRST_COME, counts({ confirmed: 0 }))).toEqual({ status: CONFIRMED });
    expect(placeNewRegistration(AllocationPolicy.FIRST_COME, counts({ confirmed: 1 }))).toEqual({ status: CONFIRMED });
    expect(placeNewRegistration(AllocationPolicy.FIRST_COME, counts({ confirmed: 2 }))).toEqual({ status: WAITLISTED, waitlistPosition: 1 });
    expect(placeNewRegistration(AllocationPolicy.FIRST_COME, counts({ confirmed: 2, waitlisted: 4 }))).toEqual({
      status: WAITLISTED,
      waitlistPosition: 5,
    });
  });

  it('FIRST_COME: a newcomer never overtakes the queue', () => {
    expect(placeNewRegistration(AllocationPolicy.FIRST_COME, counts({ confirmed: 1, waitlisted: 1 }))).toEqual({
      status: WAITLISTED,
      waitlistPosition: 2,
    });
  });

  it('LOTTERY: always an application until the draw', () => {
    expect(placeNewRegistration(AllocationPolicy.LOTTERY, counts({ confirmed: 0 }))).toEqual({ status: APPLIED });
    expect(countsAfterPlacing(counts({ applied: 3 }), { status: APPLIED })).toMatchObject({ applied: 4 });
  });
});

describe('planDeparture', () => {
  it('gives a freed seat to the head of the queue and moves the queue up', () => {
    expect(planDeparture(counts({ confirmed: 2, waitlisted: 3 }), { status: CONFIRMED, waitlistPosition: null })).toEqual({
      counts: counts({ confirmed: 2, waitlisted: 2 }),
      promoteHead: true,
      closeGapAfter: 1,
    });
  });

  it('frees the seat when nobody is queued', () => {
    expect(planDeparture(counts({ confirmed: 2 }), { status: CONFIRMED, waitlistPosition: null })).toEqual({
      counts: counts({ confirmed: 1 }),
      promoteHead: false,
      closeGapAfter: null,
    });
  });

  it('closes the gap a queued leaver leaves', () => {
    expect(planDeparture(counts({ confirmed: 2, waitlisted: 3 }), { status: WAITLISTED, waitlistPosition: 2 })).toEqual({
      counts: counts({ confirmed: 2, waitlisted: 2 }),
      promoteHead: false,
      closeGapAfter: 2,
    });
  });

  it('withdraws an application', () => {
    expect(planDeparture(counts({ applied: 5 }), { status: APPLIED, waitlistPosition: null }).counts.applied).toBe(4);
  });

  it('refuses statuses that hold no place', () => {
    expect(() => planDeparture(counts({}), { status: ATTENDED, waitlistPosition: null })).toThrow();
    expect(() => planDeparture(counts({}), { status: CANCELLED, waitlistPosition: null })).toThrow();
  });
});

describe('closeQueueGap', () => {
  it('keeps positions 1..n after any removal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }))), ([n, removed]) => {
        const queue = Array.from({ length: n }, (_, i) => ({ id: `r${i + 1}`, waitlistPosition: i + 1 }));
        const after = closeQueueGap(queue, removed);
        expect(after.map((r) => r.waitlistPosition)).toEqual(Array.from({ length: n - 1 }, (_, i) => i + 1));
        // Order is kept: those behind the leaver keep their relative order.
        expect(after.map((r) => r.id)).toEqual(queue.filter((r) => r.waitlistPosition !== removed).map((r) => r.id));
      }),
    );
  });
});

describe('placeDrawn', () => {
  it('seats the first `capacity` drawn and queues the rest in drawn order', () => {
    expect(placeDrawn(2, ['c', 'a', 'd', 'b'])).toEqual([
      { item: 'c', placement: { status: CONFIRMED } },
      { item: 'a', placement: { status: CONFIRMED } },
      { item: 'd', placement: { status: WAITLISTED, waitlistPosition: 1 } },
      { item: 'b', placement: { status: WAITLISTED, waitlistPosition: 2 } },
    ]);
    expect(placeDrawn(5, ['x']).map((p) => p.placement.status)).toEqual([CONFIRMED]);
  });
});

describe('seatsLeft', () => {
  it('is capacity minus seats taken, never negative', () => {
    expect(seatsLeft(counts({ capacity: 60, confirmed: 59 }))).toBe(1);
    expect(seatsLeft(counts({ capacity: 60, confirmed: 60 }))).toBe(0);
  });
});
