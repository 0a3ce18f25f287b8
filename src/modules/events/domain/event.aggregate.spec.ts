import fc from 'fast-check';
import {
  AttendeeCheckedIn,
  AttendeeNoShow,
  EventCreated,
  LotteryDrawn,
  RegistrationCancelled,
  RegistrationConfirmed,
  RegistrationPromoted,
  RegistrationWaitlisted,
} from '#libs/contracts/events/events.js';
import { AllocationPolicy, EventKind, EventStatus, RegistrationStatus } from '#libs/contracts/events/enums.js';
import type { InvalidInputError } from '#libs/ddd/errors.js';
import { Event, type EventDetails } from './event.aggregate.js';
import { drawLottery } from './lottery.js';
import type { Registration } from './registration.entity.js';

const NOW = new Date('2027-01-10T00:00:00Z');
const details = (overrides: Partial<EventDetails> = {}): EventDetails => ({
  kind: EventKind.BRIEFING,
  title: ' 東京説明会 ',
  description: '気仙沼のセカンドキャリア',
  startsAt: new Date('2027-02-19T10:00:00Z'),
  endsAt: new Date('2027-02-19T11:30:00Z'),
  venue: { name: 'MY Shokudo Hall & Kitchen', address: '東京都千代田区大手町2-6-4', online: false },
  meetingPoint: null,
  capacity: 2,
  feeYen: 0,
  allocation: AllocationPolicy.FIRST_COME,
  applicationDeadline: null,
  program: [],
  speakers: [],
  ...overrides,
});
const newEvent = (overrides: Partial<EventDetails> = {}) =>
  Event.create({ organizationId: 'org', regionId: 'region', details: details(overrides), now: NOW });
const openEvent = (overrides: Partial<EventDetails> = {}) => {
  const event = newEvent(overrides);
  event.open(NOW);
  event.pullEvents();
  return event;
};
const person = (n: number) => ({ accountId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, displayName: `人${n}`, email: `p${n}@x.jp` });
const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    return (error as InvalidInputError).fields.map((f) => f.field);
  }
  throw new Error('expected BAD_USER_INPUT');
};
const reasonOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return (error as { reason?: string }).reason;
  }
  throw new Error('expected an error');
};

describe('Event lifecycle', () => {
  it('is created as a DRAFT with clean details and records EventCreated', () => {
    const event = newEvent();
    expect(event.status).toBe(EventStatus.DRAFT);
    expect(event.state.title).toBe('東京説明会');
    const [created] = event.pullEvents();
    expect(EventCreated.is(created) && created.payload).toMatchObject({ eventId: event.id, eventKind: 'BRIEFING', regionId: 'region', organizerOrganizationId: 'org' });
  });

  const moves: Array<[string, (e: Event) => void, EventStatus[], EventStatus]> = [
    ['open', (e) => e.open(NOW), [EventStatus.DRAFT], EventStatus.OPEN],
    ['close', (e) => e.close(NOW), [EventStatus.OPEN], EventStatus.CLOSED],
    ['complete', (e) => e.complete([], NOW), [EventStatus.CLOSED], EventStatus.COMPLETED],
    ['cancel', (e) => e.cancel(NOW), [EventStatus.DRAFT, EventStatus.OPEN, EventStatus.CLOSED], EventStatus.CANCELLED],
  ];
  const reach = (status: EventStatus): Event => {
    const e = newEvent();
    const path: Record<EventStatus, Array<(e: Event) => void>> = {
      DRAFT: [],
      OPEN: [(x) => x.open(NOW)],
      CLOSED: [(x) => x.open(NOW), (x) => x.close(NOW)],
      COMPLETED: [(x) => x.open(NOW), (x) => x.close(NOW), (x) => x.complete([], NOW)],
      CANCELLED: [(x) => x.cancel(NOW)],
    };
    path[status].forEach((step) => step(e));
    return e;
  };

  for (const [name, move, allowed, to] of moves) {
    for (const from of Object.values(EventStatus)) {
      if (allowed.includes(from)) {
        it(`${name}: ${from} -> ${to}`, () => {
          const e = reach(from);
          move(e);
          expect(e.status).toBe(to);
        });
      } else {
        it(`${name}: refuses ${from} with CONFLICT INVALID_STATUS_TRANSITION`, () => {
          const e = reach(from);
          expect(reasonOf(() => move(e))).toBe('INVALID_STATUS_TRANSITION');
          expect(e.status).toBe(from);
        });
      }
    }
  }
});

describe('Event validation', () => {
  it('names every bad field at once', () => {
    const fields = fieldsOf(() =>
      newEvent({
        title: '  ',
        capacity: 0,
        feeYen: -1,
        endsAt: new Date('2027-02-19T09:00:00Z'),
        applicationDeadline: new Date('2027-02-20T00:00:00Z'),
        venue: { name: '', address: 'x', online: false },
      }),
    );
    expect(fields).toEqual(['title', 'endsAt', 'applicationDeadline', 'capacity', 'feeYen', 'venue.name']);
  });

  it('wants endsAt strictly after startsAt, and program times within the event', () => {
    expect(fieldsOf(() => newEvent({ endsAt: new Date('2027-02-19T10:00:00Z') }))).toEqual(['endsAt']);
    expect(
      fieldsOf(() => newEvent({ program: [{ startsAt: new Date('2027-02-19T12:00:00Z'), title: '第1部', description: null }] })),
    ).toEqual(['program.0.startsAt']);
    expect(fieldsOf(() => newEvent({ speakers: [{ name: '猪尾 愛隆', affiliation: ' ', title: null }] }))).toEqual(['speakers.0.affiliation']);
  });

  it('accepts a deadline equal to the start, a free event and one seat', () => {
    const e = newEvent({ applicationDeadline: new Date('2027-02-19T10:00:00Z'), feeYen: 0, capacity: 1 });
    expect(e.state.capacity).toBe(1);
  });
});

describe('FIRST_COME seats', () => {
  it('confirms while seats are left, then queues 1..n, recording each', () => {
    const event = openEvent({ capacity: 2 });
    const regs = [1, 2, 3, 4].map((n) => event.register(person(n), NOW));
    expect(regs.map((r) => [r.status, r.waitlistPosition])).toEqual([
      ['CONFIRMED', null],
      ['CONFIRMED', null],
      ['WAITLISTED', 1],
      ['WAITLISTED', 2],
    ]);
    expect(event.counts).toEqual({ capacity: 2, confirmed: 2, waitlisted: 2, applied: 0 });
    expect(event.seatsLeft).toBe(0);
    const recorded = event.pullEvents();
    expect(recorded.filter((e) => RegistrationConfirmed.is(e))).toHaveLength(2);
    const waitlisted = recorded.filter((e) => RegistrationWaitlisted.is(e));
    expect(waitlisted.map((e) => RegistrationWaitlisted.is(e) && e.payload.waitlistPosition)).toEqual([1, 2]);
    expect(recorded[0].payload).toMatchObject({ accountId: person(1).accountId, registrationId: regs[0].id, eventKind: 'BRIEFING' });
  });

  it('refuses registration when not OPEN, or after the deadline: REGISTRATION_CLOSED', () => {
    expect(reasonOf(() => newEvent().register(person(1), NOW))).toBe('REGISTRATION_CLOSED');
    const closed = openEvent();
    closed.close(NOW);
    expect(reasonOf(() => closed.register(person(1), NOW))).toBe('REGISTRATION_CLOSED');
    const late = openEvent({ applicationDeadline: new Date('2027-02-01T00:00:00Z') });
    expect(reasonOf(() => late.register(person(1), new Date('2027-02-01T00:00:01Z')))).toBe('REGISTRATION_CLOSED');
    expect(late.register(person(1), new Date('2027-02-01T00:00:00Z')).status).toBe('CONFIRMED');
    const started = openEvent();
    expect(reasonOf(() => started.register(person(2), new Date('2027-02-19T10:00:01Z')))).toBe('REGISTRATION_CLOSED');
  });

  it('hands a cancelled seat to the head of the queue at once', () => {
    const event = openEvent({ capacity: 1 });
    const [a, b, c] = [1, 2, 3].map((n) => event.register(person(n), NOW));
    event.pullEvents();
    const outcome = event.cancelRegistration(a, b, 'ATTENDEE', NOW);
    expect(outcome).toEqual({ changed: true, promoted: b, closeGapAfter: 1 });
    expect([a.status, b.status, b.waitlistPosition]).toEqual(['CANCELLED', 'CONFIRMED', null]);
    expect(c.waitlistPosition).toBe(2); // the repository moves it up: closeGapAfter 1
    expect(event.counts).toEqual({ capacity: 1, confirmed: 1, waitlisted: 1, applied: 0 });
    const recorded = event.pullEvents();
    expect(recorded.map((e) => e.type)).toEqual([RegistrationCancelled.type, RegistrationPromoted.type]);
    expect(recorded[0]).toMatchObject({ payloadVersion: 2, payload: { previousStatus: 'CONFIRMED', cancelledBy: 'ATTENDEE', queueMovedAfter: 1 } });
  });

  it('says in the cancellation where the queue moved up (a leaver from the queue, or none)', () => {
    const event = openEvent({ capacity: 1 });
    const [a, b, c, d] = [1, 2, 3, 4].map((n) => event.register(person(n), NOW));
    event.pullEvents();
    event.cancelRegistration(c, null, 'ATTENDEE', NOW); // position 2 of the queue b, c, d
    expect(event.pullEvents()[0].payload).toMatchObject({ previousStatus: 'WAITLISTED', queueMovedAfter: 2 });
    const alone = openEvent({ capacity: 2 });
    const e = alone.register(person(5), NOW);
    alone.pullEvents();
    alone.cancelRegistration(e, null, 'ATTENDEE', NOW);
    expect(alone.pullEvents()[0].payload).toMatchObject({ previousStatus: 'CONFIRMED', queueMovedAfter: null });
    expect([a.status, b.status, d.status]).toEqual(['CONFIRMED', 'WAITLISTED', 'WAITLISTED']);
  });

  it('changes nothing when cancelling a cancelled registration', () => {
    const event = openEvent();
    const a = event.register(person(1), NOW);
    event.cancelRegistration(a, null, 'ATTENDEE', NOW);
    event.pullEvents();
    expect(event.cancelRegistration(a, null, 'ATTENDEE', NOW).changed).toBe(false);
    expect(event.pullEvents()).toEqual([]);
  });

  it('keeps the rules under any sequence of registrations and cancellations (model)', () => {
    type Op = { kind: 'register' | 'cancel'; who: number };
    const op = fc.record({ kind: fc.constantFrom<'register' | 'cancel'>('register', 'cancel'), who: fc.integer({ min: 1, max: 12 }) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(op, { maxLength: 80 }), (capacity, ops: Op[]) => {
        const event = openEvent({ capacity });
        const all: Registration[] = [];
        const active = (who: number) => all.find((r) => r.accountId === person(who).accountId && r.isActive);
        for (const { kind, who } of ops) {
          const mine = active(who);
          if (kind === 'register') {
            if (!mine) all.push(event.register(person(who), NOW));
          } else if (mine) {
            // What the cancel handler and its SQL do.
            const head = mine.status === 'CONFIRMED' ? (all.find((r) => r.waitlistPosition === 1) ?? null) : null;
            const { closeGapAfter } = event.cancelRegistration(mine, head, 'ATTENDEE', NOW);
            if (closeGapAfter !== null) {
              for (const r of all) {
                if (r.waitlistPosition !== null && r.waitlistPosition > closeGapAfter) r.place({ status: RegistrationStatus.WAITLISTED, waitlistPosition: r.waitlistPosition - 1 }, NOW);
              }
            }
          }
          const confirmed = all.filter((r) => r.status === 'CONFIRMED').length;
          const queued = all.filter((r) => r.status === 'WAITLISTED');
          expect(confirmed).toBe(event.counts.confirmed);
          expect(queued.length).toBe(event.counts.waitlisted);
          expect(confirmed).toBeLessThanOrEqual(capacity);
          if (queued.length > 0) expect(confirmed).toBe(capacity);
          expect(queued.map((r) => r.waitlistPosition).sort((x, y) => x! - y!)).toEqual(queued.map((_, i) => i + 1));
          // The queue keeps registration order (FIRST_COME).
          const order = queued.sort((x, y) => x.waitlistPosition! - y.waitlistPosition!).map((r) => all.indexOf(r));
          expect(order).toEqual([...order].sort((x, y) => x - y));
        }
      }),
    );
  });
});

describe('LOTTERY', () => {
  const lottery = (capacity: number) => openEvent({ allocation: AllocationPolicy.LOTTERY, capacity, kind: EventKind.TOUR });

  it('collects applications, then seats `capacity` of them and queues the rest in drawn order', () => {
    const event = lottery(2);
    const applicants = [5, 3, 1, 4, 2].map((n) => event.register(person(n), NOW));
    expect(applicants.every((r) => r.status === 'APPLIED')).toBe(true);
    expect(event.counts.applied).toBe(5);
    event.pullEvents();

    const record = event.drawLottery(applicants, 'kesennuma-2027-spring', NOW);
    const expected = drawLottery('kesennuma-2027-spring', applicants.map((r) => r.accountId));
    expect(record).toMatchObject({ seed: 'kesennuma-2027-spring', applicantCount: 5, winnerCount: 2, resultDigest: expected.resultDigest });
    const byAccount = new Map(applicants.map((r) => [r.accountId, r]));
    expect(expected.drawn.map((id) => [byAccount.get(id)!.status, byAccount.get(id)!.waitlistPosition])).toEqual([
      ['CONFIRMED', null],
      ['CONFIRMED', null],
      ['WAITLISTED', 1],
      ['WAITLISTED', 2],
      ['WAITLISTED', 3],
    ]);
    expect(event.status).toBe(EventStatus.CLOSED);
    expect(event.counts).toEqual({ capacity: 2, confirmed: 2, waitlisted: 3, applied: 0 });
    const types = event.pullEvents().map((e) => e.type);
    expect(types.filter((t) => t === LotteryDrawn.type)).toHaveLength(1);
    expect(types.filter((t) => t === RegistrationConfirmed.type)).toHaveLength(2);
    expect(types.filter((t) => t === RegistrationWaitlisted.type)).toHaveLength(3);
  });

  it('seats everyone when there are fewer applicants than seats', () => {
    const event = lottery(20);
    const applicants = [1, 2, 3].map((n) => event.register(person(n), NOW));
    expect(event.drawLottery(applicants, 's', NOW).winnerCount).toBe(3);
    expect(applicants.every((r) => r.status === 'CONFIRMED')).toBe(true);
  });

  it('draws once, only for LOTTERY events, only when OPEN or CLOSED, with a sane seed', () => {
    const event = lottery(1);
    const applicants = [event.register(person(1), NOW)];
    expect(fieldsOf(() => event.drawLottery(applicants, '', NOW))).toEqual(['seed']);
    event.drawLottery(applicants, 's', NOW);
    expect(reasonOf(() => event.drawLottery([], 's', NOW))).toBe('LOTTERY_ALREADY_DRAWN');
    expect(reasonOf(() => openEvent().drawLottery([], 's', NOW))).toBe('NOT_A_LOTTERY');
    const draft = newEvent({ allocation: AllocationPolicy.LOTTERY });
    expect(reasonOf(() => draft.drawLottery([], 's', NOW))).toBe('INVALID_STATUS_TRANSITION');
  });

  it('cannot be completed with applicants still waiting for the draw', () => {
    const event = lottery(1);
    event.register(person(1), NOW);
    event.close(NOW);
    expect(reasonOf(() => event.complete([], NOW))).toBe('LOTTERY_NOT_DRAWN');
  });
});

describe('on the day', () => {
  it('checks in CONFIRMED attendees once, and marks the rest NO_SHOW on completion', () => {
    const event = openEvent({ capacity: 2 });
    const [a, b, c] = [1, 2, 3].map((n) => event.register(person(n), NOW));
    event.close(NOW);
    event.pullEvents();
    expect(event.checkIn(a, NOW)).toBe(true);
    expect(event.checkIn(a, NOW)).toBe(false);
    expect(reasonOf(() => event.checkIn(c, NOW))).toBe('REGISTRATION_NOT_CONFIRMED');
    expect(event.pullEvents().map((e) => e.type)).toEqual([AttendeeCheckedIn.type]);
    // A checked-in seat stays taken.
    expect(event.counts.confirmed).toBe(2);
    expect(reasonOf(() => event.cancelRegistration(a, null, 'ATTENDEE', NOW))).toBe('REGISTRATION_NOT_CANCELLABLE');

    event.complete([b], NOW);
    expect([a.status, b.status, c.status]).toEqual(['ATTENDED', 'NO_SHOW', 'WAITLISTED']);
    const recorded = event.pullEvents();
    expect(recorded.map((e) => e.type)).toEqual([AttendeeNoShow.type, 'events.event.completed']);
    expect(recorded[1].payload).toMatchObject({ attendedCount: 1, noShowCount: 1 });
    expect(reasonOf(() => event.checkIn(b, NOW))).toBe('EVENT_NOT_ACTIVE');
    expect(reasonOf(() => event.cancelRegistration(c, null, 'ATTENDEE', NOW))).toBe('EVENT_NOT_ACTIVE');
  });
});
