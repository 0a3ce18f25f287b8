import { InvalidInputError } from '#libs/ddd/errors.js';
import { funnelSteps, sliceSteps, FUNNEL_STAGES, type StageCounts } from './funnel.js';
import { kpiCsv, kpiRows, type KpiFacts } from './kpi.js';
import { fiscalYearPeriod, monthPeriod } from './period.js';
import { median, ratio, seatFigures, suppress } from './suppression.js';

const counts = (values: number[]): StageCounts => Object.fromEntries(FUNNEL_STAGES.map((s, i) => [s, values[i] ?? 0])) as StageCounts;

describe('small-count suppression', () => {
  it('hides 1 and 2, shows 0 and 3 and up, and hides what is computed from a hidden count', () => {
    expect([0, 1, 2, 3, 40].map(suppress)).toEqual([0, null, null, 3, 40]);
    expect(ratio(3, 6)).toBe(0.5);
    expect(ratio(2, 6)).toBeNull();
    expect(ratio(6, 2)).toBeNull();
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(0, 5)).toBe(0);
  });

  it('takes the median of odd and even counts', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('the funnel', () => {
  it('converts stage to stage, above 1 where people skip a stage, null where a count is hidden', () => {
    const steps = funnelSteps(counts([10, 8, 6, 2, 0, 5, 4]));
    expect(steps[0]).toEqual({ stage: 'SIGNED_UP', people: 10, conversion: null });
    expect(steps[1]).toEqual({ stage: 'PROFILE_SAVED', people: 8, conversion: 0.8 });
    expect(steps[3]).toEqual({ stage: 'EVENT_ATTENDED', people: null, conversion: null });
    expect(steps[4]).toEqual({ stage: 'CONSULTED', people: 0, conversion: null });
    expect(steps[5]).toEqual({ stage: 'INTERESTED_OR_SCOUTED', people: 5, conversion: null });
    expect(steps[6]).toEqual({ stage: 'MATCHED', people: 4, conversion: 0.8 });
    expect(funnelSteps(counts([3, 3, 3, 3, 3, 9])).map((s) => s.conversion)[5]).toBe(3);
  });
});

describe('complementary suppression', () => {
  it('hides a small slice together with the next smallest, so the total minus the rest gives nothing away', () => {
    // 10 joined: 8 in their forties, 2 in their fifties; the total (10) is shown by the funnel.
    const [forties, fifties] = sliceSteps([{ counts: counts([8, 8]) }, { counts: counts([2, 1]) }]);
    expect([forties[0].people, fifties[0].people]).toEqual([null, null]);
    expect([forties[1].people, fifties[1].people]).toEqual([null, null]);
    expect(forties[1].conversion).toBeNull();
    // Two small cells holding 3 or more between them are enough on their own.
    const three = sliceSteps([{ counts: counts([9]) }, { counts: counts([2]) }, { counts: counts([1]) }, { counts: counts([2]) }]);
    expect(three.map((s) => s[0].people)).toEqual([9, null, null, null]);
    // Two singles hold 2: one more (the smallest other) goes with them.
    const singles = sliceSteps([{ counts: counts([5]) }, { counts: counts([1]) }, { counts: counts([4]) }, { counts: counts([1]) }]);
    expect(singles.map((s) => s[0].people)).toEqual([5, null, null, null]);
    // Nothing small, nothing hidden; zeros show.
    expect(sliceSteps([{ counts: counts([3, 0]) }, { counts: counts([4, 3]) }]).map((s) => [s[0].people, s[1].people])).toEqual([[3, 0], [4, 3]]);
  });

  it("hides an event's seat figures together: confirmed = attended + noShows once completed", () => {
    expect(seatFigures(10, 8, 2)).toEqual({ confirmed: null, attended: null, noShows: null });
    expect(seatFigures(10, 1, 9)).toEqual({ confirmed: null, attended: null, noShows: null });
    expect(seatFigures(10, 7, 3)).toEqual({ confirmed: 10, attended: 7, noShows: 3 });
    expect(seatFigures(12, 0, 0)).toEqual({ confirmed: 12, attended: 0, noShows: 0 });
  });
});

describe('periods', () => {
  it('takes whole months, from before to', () => {
    expect(monthPeriod('2025-04-01', '2025-07-01').fromInstant.toISOString()).toBe('2025-03-31T15:00:00.000Z');
    const field = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as InvalidInputError).fields[0].field;
      }
      return null;
    };
    expect(field(() => monthPeriod('2025-04-02', '2025-07-01'))).toBe('from');
    expect(field(() => monthPeriod('2025-04-01', '2025-07-15'))).toBe('to');
    expect(field(() => monthPeriod('2025-04-01', '2025-04-01'))).toBe('to');
    expect(field(() => monthPeriod('2025-02-30', '2025-04-01'))).toBe('from');
    expect(field(() => fiscalYearPeriod(1999))).toBe('fiscalYear');
  });

  it('runs a fiscal year from April to March (令和7年度 = 2025)', () => {
    const fy = fiscalYearPeriod(2025);
    expect([fy.from, fy.to]).toEqual(['2025-04-01', '2026-04-01']);
  });
});

describe('the KPI report', () => {
  const facts: KpiFacts = {
    relatedPeople: 120, briefingParticipants: 58, tourParticipants: 20, briefingEventsWithFewAttendees: 0, tourEventsWithFewAttendees: 0, eventDemand: 140, eventCapacity: 80, consultations: 2,
    matchesByWorkStyle: { PRO_BONO: 4, SIDE_JOB: 7, JOB_CHANGE: 1, STARTUP: 0 }, engagements: 5, trialStays: 3, trialStayNights: 17,
    dualRegionPeople: 3, relocatedPeople: 1,
  };

  it('lists the contract rows in order, suppressed', () => {
    const rows = kpiRows(facts);
    expect(rows.map((r) => r.key)).toEqual([
      'related_people', 'briefing_participants', 'tour_participants', 'event_oversubscription', 'consultations', 'matches_pro_bono',
      'matches_side_job', 'matches_job_change', 'matches_startup', 'engagements', 'trial_stay_nights', 'dual_region_people', 'relocated_people',
    ]);
    const value = (key: string) => rows.find((r) => r.key === key)!.value;
    expect(value('event_oversubscription')).toBe(1.75);
    expect(value('consultations')).toBeNull();
    expect(value('matches_job_change')).toBeNull();
    expect(value('matches_startup')).toBe(0);
    expect(value('trial_stay_nights')).toBe(17);
    expect(value('relocated_people')).toBeNull();
    expect(kpiRows({ ...facts, trialStays: 2 }).find((r) => r.key === 'trial_stay_nights')!.value).toBeNull();
    // A yearly sum would give away an event's hidden attendance by subtraction.
    expect(kpiRows({ ...facts, briefingEventsWithFewAttendees: 1 }).find((r) => r.key === 'briefing_participants')!.value).toBeNull();
    expect(kpiRows({ ...facts, tourEventsWithFewAttendees: 1 }).find((r) => r.key === 'tour_participants')!.value).toBeNull();
  });

  it('writes CSV that Excel opens as it is: BOM, CRLF, header 項目,値,単位, empty cells for suppressed values', () => {
    const csv = kpiCsv(kpiRows(facts));
    expect(csv.startsWith('\uFEFF項目,値,単位\r\n関係人口,120,人\r\n')).toBe(true);
    expect(csv).toContain('\r\n相談件数,,件\r\n');
    expect(csv).toContain('\r\nイベント応募倍率,1.75,倍\r\n');
    expect(csv.endsWith('移住した人数,,人\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});
