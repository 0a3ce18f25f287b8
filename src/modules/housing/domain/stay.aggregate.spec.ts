import { addDays } from '#libs/ddd/calendar-day.js';
import { ListingKind, StayStatus } from '#libs/contracts/housing/enums.js';
import { Stay, effectiveStayStatus, type BookableListing } from './stay.aggregate.js';

const today = '2026-12-01';
const listing: BookableListing = {
  id: 'l', organizationId: 'o', regionId: 'r', kind: ListingKind.TRIAL_STAY, nightlyRateYen: 2000, minNights: 3, maxNights: 14, capacity: 4,
};
const guest = { accountId: 'g', displayName: 'g', email: 'g@x.jp', fullName: '佐藤 真理子', phone: '090-1234-5678' };
const ask = (checkIn: string, nights: number, partySize = 1) => ({ checkIn, checkOut: addDays(checkIn, nights), partySize, purpose: null });
const fields = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return ((e as { fields?: Array<{ field: string }> }).fields ?? []).map((f) => f.field);
  }
  return [];
};

describe('Stay', () => {
  it('fixes the price at nights x nightly rate and records StayRequested', () => {
    const stay = Stay.request(listing, guest, ask('2026-12-05', 4), today);
    expect(stay.data).toMatchObject({ status: StayStatus.REQUESTED, priceYen: 8000 });
    expect(stay.nights).toBe(4);
    expect(stay.pullEvents().map((e) => e.type)).toEqual(['housing.stay.requested']);
  });

  it('takes check-in from tomorrow up to 180 days ahead, in Japan', () => {
    expect(fields(() => Stay.request(listing, guest, ask(today, 3), today))).toEqual(['checkIn']);
    expect(fields(() => Stay.request(listing, guest, ask(addDays(today, 1), 3), today))).toEqual([]);
    expect(fields(() => Stay.request(listing, guest, ask(addDays(today, 180), 3), today))).toEqual([]);
    expect(fields(() => Stay.request(listing, guest, ask(addDays(today, 181), 3), today))).toEqual(['checkIn']);
  });

  it('keeps nights between minNights and maxNights and the party within capacity', () => {
    for (const [nights, ok] of [[2, false], [3, true], [14, true], [15, false], [0, false], [-1, false]] as const) {
      expect(fields(() => Stay.request(listing, guest, ask('2026-12-05', nights), today))).toEqual(ok ? [] : ['checkOut']);
    }
    expect(fields(() => Stay.request(listing, guest, ask('2026-12-05', 3, 5), today))).toEqual(['partySize']);
    expect(fields(() => Stay.request(listing, guest, ask('2026-12-05', 3, 0), today))).toEqual(['partySize']);
  });

  it('refuses kinds not booked by the night', () => {
    expect(() => Stay.request({ ...listing, kind: ListingKind.RENTAL }, guest, ask('2026-12-05', 3), today)).toThrow(
      expect.objectContaining({ reason: 'NOT_BOOKABLE' }),
    );
  });

  it('moves REQUESTED -> CONFIRMED -> CHECKED_IN (from the check-in day) -> COMPLETED', () => {
    const stay = Stay.request(listing, guest, ask('2026-12-05', 3), today);
    stay.confirm(today);
    expect(() => stay.checkIn('2026-12-04')).toThrow(expect.objectContaining({ reason: 'CHECK_IN_DAY_NOT_REACHED' }));
    stay.checkIn('2026-12-05');
    expect(() => stay.cancel('GUEST', '2026-12-05')).toThrow(expect.objectContaining({ reason: 'INVALID_STATUS_TRANSITION' }));
    stay.complete('2026-12-08');
    expect(stay.status).toBe(StayStatus.COMPLETED);
    expect(stay.pullEvents().map((e) => e.type)).toEqual([
      'housing.stay.requested', 'housing.stay.confirmed', 'housing.stay.checked-in', 'housing.stay.completed',
    ]);
  });

  it('treats a stay still REQUESTED on its check-in day as CANCELLED, and lapses it once', () => {
    expect(effectiveStayStatus(StayStatus.REQUESTED, '2026-12-05', '2026-12-04')).toBe(StayStatus.REQUESTED);
    expect(effectiveStayStatus(StayStatus.REQUESTED, '2026-12-05', '2026-12-05')).toBe(StayStatus.CANCELLED);
    expect(effectiveStayStatus(StayStatus.CONFIRMED, '2026-12-05', '2026-12-06')).toBe(StayStatus.CONFIRMED);
    const stay = Stay.request(listing, guest, ask('2026-12-05', 3), today);
    stay.pullEvents();
    expect(() => stay.confirm('2026-12-05')).toThrow(expect.objectContaining({ reason: 'INVALID_STATUS_TRANSITION' }));
    expect(stay.lapse('2026-12-04')).toBe(false);
    expect(stay.lapse('2026-12-05')).toBe(true);
    expect(stay.lapse('2026-12-05')).toBe(false);
    const [event] = stay.pullEvents();
    expect(event.payload).toMatchObject({ previousStatus: 'REQUESTED', cancelledBy: 'SYSTEM' });
  });

  describe('erase (the guest\'s account was erased)', () => {
    const erased = { accountId: 'g', displayName: '退会済みユーザー', email: '', fullName: '', phone: '' };

    it('cancels a stay still held as the guest would, then empties the register and the purpose; once', () => {
      const stay = Stay.request(listing, guest, { ...ask('2026-12-05', 3), purpose: '電話 090-1234-5678' }, today);
      stay.confirm(today);
      stay.pullEvents();
      expect(stay.erase(today)).toBe(true);
      expect(stay.data).toMatchObject({ status: StayStatus.CANCELLED, guest: erased, purpose: null });
      expect(stay.pullEvents().map((e) => [e.type, (e.payload as { cancelledBy: string }).cancelledBy])).toEqual([['housing.stay.cancelled', 'GUEST']]);
      expect(stay.erase(today)).toBe(false);
      expect(stay.pullEvents()).toEqual([]);
    });

    it('writes down a request that lapsed on its check-in day as that, and keeps a stay that took place', () => {
      const lapsed = Stay.request(listing, guest, ask('2026-12-05', 3), today);
      lapsed.pullEvents();
      expect(lapsed.erase('2026-12-05')).toBe(true);
      expect(lapsed.pullEvents().map((e) => (e.payload as { cancelledBy: string }).cancelledBy)).toEqual(['SYSTEM']);
      const stayed = Stay.request(listing, guest, ask('2026-12-05', 3), today);
      stayed.confirm(today);
      stayed.checkIn('2026-12-05');
      stayed.pullEvents();
      expect(stayed.erase('2026-12-06')).toBe(true);
      expect(stayed.data).toMatchObject({ status: StayStatus.CHECKED_IN, guest: erased });
      expect(stayed.pullEvents()).toEqual([]);
    });
  });
});
