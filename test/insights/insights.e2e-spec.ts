import { addDays, tokyoToday } from '#libs/ddd/calendar-day.js';
import { CHECK_IN, CLOSE, COMPLETE, DRAW, FEEDBACK, REGISTER, fieldsOf, openEvent } from '../events/events.fixtures.js';
import { CHECK_IN_STAY, CONFIRM_STAY, REQUEST_STAY, day, publishedListing, stayInput } from '../housing/housing.fixtures.js';
import { Client, TestApp, codeOf } from '../harness/harness.js';

type Staff = Client & { organizationId: string; regionId: string };

const SAVE = `mutation($input: CandidateProfileInput!) { saveMyCandidateProfile(input: $input) { id } }`;
const STEPS = `steps { stage people conversion }`;
const FUNNEL = `query($r: ID!, $from: Date!, $to: Date!) {
  funnel(regionId: $r, from: $from, to: $to) {
    region { id } from to freshness ${STEPS}
    byAge: slices(by: AGE_BAND) { key label ${STEPS} }
    byStyle: slices(by: WORK_STYLE) { key label ${STEPS} }
    byHome: slices(by: HOME_PREFECTURE) { key label ${STEPS} }
    byEvent: slices(by: EVENT) { key label ${STEPS} }
  } }`;
const EVENTS = `query($r: ID!, $from: Date!, $to: Date!) { eventInsights(regionId: $r, from: $from, to: $to) {
  eventId title kind startsAt capacity demand oversubscription confirmed attended noShows attendanceRate feedbackCount averageRating followedUp } }`;
const MATCHES = `query($r: ID!, $from: Date!, $to: Date!) { matchInsights(regionId: $r, from: $from, to: $to) {
  workStyle interests scouts matches engaged completed withdrawn medianDaysToEngaged } }`;
const KPI = `query($r: ID!, $fy: Int!) { kpiReport(regionId: $r, fiscalYear: $fy) { region { id } fiscalYear rows { key label value unit } csv freshness } }`;
const REBUILD = `mutation { rebuildInsights }`;

/** The first day of the month `months` after today's in Japan. */
function monthStart(months: number): string {
  const [y, m] = tokyoToday().split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + months, 1));
  return d.toISOString().slice(0, 10);
}
const fiscalYearOf = (day: string) => {
  const [y, m] = day.split('-').map(Number);
  return m >= 4 ? y : y - 1;
};

type Step = { stage: string; people: number | null; conversion: number | null };
const people = (steps: Step[]) => Object.fromEntries(steps.map((s) => [s.stage, s.people]));

describe('insights through GraphQL', () => {
  let t: TestApp;
  let staff: Staff; // EVENTS_MANAGE + CAREERS_MANAGE + MATCHING_COORDINATE in the region
  let analyst: Staff; // INSIGHTS_READ in the region
  let elsewhere: Staff; // INSIGHTS_READ in another region
  let regionId: string;
  let briefingId: string;
  let tourId: string;
  const from = monthStart(0);
  const to = monthStart(3);
  const period = () => ({ r: regionId, from, to });

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.staff(['EVENTS_MANAGE', 'CAREERS_MANAGE', 'MATCHING_COORDINATE']);
    regionId = staff.regionId;
    analyst = await t.staff(['INSIGHTS_READ'], regionId);
    elsewhere = await t.staff(['INSIGHTS_READ']);

    // Eight people: three in their fifties from Tokyo, three forties from Miyagi, one sixties
    // from Osaka, one with no profile (joins by registering for the briefing).
    const profiles: Array<[string, string, string[], string]> = [
      ['FIFTIES', '東京都', ['SIDE_JOB'], 'DUAL_REGION'],
      ['FIFTIES', '東京都', ['SIDE_JOB', 'PRO_BONO'], 'DUAL_REGION'],
      ['FIFTIES', '東京都', ['SIDE_JOB'], 'DUAL_REGION'],
      ['FORTIES', '宮城県', ['JOB_CHANGE'], 'EXPLORING'],
      ['FORTIES', '宮城県', ['JOB_CHANGE'], 'EXPLORING'],
      ['FORTIES', '宮城県', ['PRO_BONO'], 'VISITING'],
      ['SIXTIES_AND_OVER', '大阪府', ['STARTUP'], 'RELOCATED'],
    ];
    const people: Client[] = [];
    for (const [ageBand, homePrefecture, desiredWorkStyles, dualRegionStage] of profiles) {
      const c = await t.candidate();
      await c.ok(SAVE, {
        input: {
          fullName: '参加 者', ageBand, headline: '経験を地域で', careerSummary: '長年の経験があります。', skills: ['企画'],
          desiredWorkStyles, remoteHoursPerWeek: 5, onsiteDaysPerMonth: 2, desiredRegionIds: [regionId], dualRegionStage, homePrefecture,
        },
      });
      people.push(c);
    }
    people.push(await t.candidate());

    // The briefing: six register (the seventh profile does not), three come, three do not.
    briefingId = await openEvent(staff, { title: '東京説明会', capacity: 60 });
    const registrations = [];
    for (const c of [people[0], people[1], people[2], people[3], people[4], people[7]]) {
      registrations.push((await c.ok(REGISTER, { id: briefingId })).registerForEvent.id as string);
    }
    for (const id of registrations.slice(0, 3)) await staff.ok(CHECK_IN, { id });
    await staff.ok(CLOSE, { id: briefingId });
    await staff.ok(COMPLETE, { id: briefingId });
    for (const [i, rating] of [5, 4, 3].entries()) {
      await people[i].ok(FEEDBACK, { input: { registrationId: registrations[i], rating, interestedWorkStyles: ['SIDE_JOB'] } });
    }

    // The field tour: 3 seats drawn among 5 applicants.
    tourId = await openEvent(staff, { kind: 'TOUR', title: '気仙沼フィールドツアー', capacity: 3, allocation: 'LOTTERY' });
    for (const c of people.slice(0, 5)) await c.ok(REGISTER, { id: tourId });
    await staff.ok(DRAW, { input: { eventId: tourId, seed: 'insights-test' } });

    // Work: the three who came to the briefing express interest afterwards; all three are
    // matched and engaged; one more person is interested and left waiting.
    const { registerEmployer } = await staff.ok(`mutation($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }`, {
      input: { organizationId: staff.organizationId, name: '株式会社 港町水産', industry: '水産加工', description: '港町の会社' },
    });
    const { draftOpportunity } = await staff.ok(`mutation($input: DraftOpportunityInput!) { draftOpportunity(input: $input) { id } }`, {
      input: {
        employerId: registerEmployer.id, title: '海外向けECのマーケティング', description: '冷凍カツオの海外EC', workStyle: 'SIDE_JOB',
        skills: ['マーケティング'], remoteOk: true, onsiteDaysPerMonth: 2,
      },
    });
    const opportunityId = draftOpportunity.id;
    await staff.ok(`mutation($i: OpportunityIdInput!) { submitOpportunityForReview(input: $i) { id } }`, { i: { opportunityId } });
    await staff.ok(`mutation($i: OpportunityIdInput!) { publishOpportunity(input: $i) { id } }`, { i: { opportunityId } });
    await t.drainOutbox();
    const interests = [];
    for (const c of people.slice(0, 4)) {
      interests.push((await c.ok(`mutation($input: ExpressInterestInput!) { expressInterest(input: $input) { id } }`, { input: { opportunityId } })).expressInterest.id);
    }
    for (const interestId of interests.slice(0, 3)) {
      await staff.ok(`mutation($input: InterestIdInput!) { acceptInterest(input: $input) { id } }`, { input: { interestId } });
    }
    await t.drainOutbox();
    for (const c of people.slice(0, 3)) {
      const [match] = (await c.ok(`{ myMatches { id } }`)).myMatches;
      await staff.ok(`mutation($input: AdvanceMatchInput!) { advanceMatch(input: $input) { id } }`, { input: { matchId: match.id, stage: 'ENGAGED' } });
    }
    await t.drainOutbox();

    // The desk: the three who came ask about housing, one forties person about work; one more
    // asks and cancels (not consulted).
    const consult = (c: Client) =>
      c.ok(`mutation($input: RequestConsultationInput!) { requestConsultation(input: $input) { id } }`, {
        input: { regionId, topics: ['WORK'], channel: 'ONLINE', question: '副業の始め方を相談したい', fullName: '参加 者', phone: '090-0000-0000' },
      });
    for (const c of [people[0], people[1], people[2], people[5]]) await consult(c);
    const { requestConsultation } = await consult(people[6]);
    await people[6].ok(`mutation($input: ConsultationIdInput!) { cancelConsultation(input: $input) { id } }`, {
      input: { consultationId: requestConsultation.id },
    });
    await t.drainOutbox();

    // Housing: the three who were matched try living there, three nights each in a trial
    // house (each its own house), checked in today.
    const housing = await t.staff(['HOUSING_MANAGE'], regionId);
    for (const c of people.slice(0, 3)) {
      const listingId = await publishedListing(housing, 'TRIAL_STAY');
      const { requestStay } = await c.ok(REQUEST_STAY, { input: stayInput(listingId, day(1), day(4)) });
      await housing.ok(CONFIRM_STAY, { id: requestStay.id });
      // A day passes: the check-in day comes (the stay's nights move with it).
      await t.sql(`UPDATE housing.stay SET check_in = check_in - 1, check_out = check_out - 1 WHERE id = $1`, [requestStay.id]);
      await housing.ok(CHECK_IN_STAY, { id: requestStay.id });
    }
    await t.drainOutbox();
  });
  afterAll(() => t.close());

  it('counts the cohort at every stage of the funnel, suppressing 1 and 2', async () => {
    const { funnel } = await analyst.ok(FUNNEL, period());
    expect(funnel).toMatchObject({ region: { id: regionId }, from, to });
    expect(new Date(funnel.freshness).getTime()).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(people(funnel.steps)).toEqual({
      SIGNED_UP: 8,
      PROFILE_SAVED: 7,
      EVENT_REGISTERED: 6,
      EVENT_ATTENDED: 3,
      CONSULTED: 4,
      INTERESTED_OR_SCOUTED: 4,
      MATCHED: 3,
      ENGAGED: 3,
      TRIAL_STAY: 3,
      DUAL_REGION: 3,
      RELOCATED: null, // one person
    });
    const conversion = Object.fromEntries(funnel.steps.map((s: Step) => [s.stage, s.conversion]));
    expect(conversion).toMatchObject({
      SIGNED_UP: null, PROFILE_SAVED: 0.875, EVENT_REGISTERED: 0.8571, EVENT_ATTENDED: 0.5, CONSULTED: 1.3333, INTERESTED_OR_SCOUTED: 1,
    });
    expect(conversion.TRIAL_STAY).toBe(1);
    expect(conversion.DUAL_REGION).toBe(1);
    expect(conversion.RELOCATED).toBeNull(); // computed from a suppressed count
  });

  it('slices the cohort by age band, work style, home prefecture and event, suppressing small slices', async () => {
    const { funnel } = await analyst.ok(FUNNEL, period());
    const slice = (slices: Array<{ key: string; label: string; steps: Step[] }>, key: string) => slices.find((s) => s.key === key);
    // Age bands partition the cohort (8 = 3 FIFTIES + 3 FORTIES + 1 SIXTIES + 1 UNKNOWN): the two
    // singles are hidden, and one more beside them, so the total minus the shown ones is at least 3.
    expect(slice(funnel.byAge, 'FIFTIES')).toMatchObject({ label: '50代' });
    expect(slice(funnel.byAge, 'UNKNOWN')).toMatchObject({ label: '未回答' });
    const signedUp = funnel.byAge.map((s: { steps: Step[] }) => people(s.steps).SIGNED_UP);
    expect(signedUp.filter((n: number | null) => n === null).length).toBeGreaterThanOrEqual(2);
    expect(people(slice(funnel.byAge, 'SIXTIES_AND_OVER')!.steps).SIGNED_UP).toBeNull();
    expect(people(slice(funnel.byAge, 'UNKNOWN')!.steps).SIGNED_UP).toBeNull();
    expect(8 - signedUp.reduce((sum: number, n: number | null) => sum + (n ?? 0), 0)).toBeGreaterThanOrEqual(3);
    expect(signedUp.filter((n: number | null) => n !== null)).toEqual([3]); // one band of three still shows
    // A stage where only bands of three or none have people: nothing to hide.
    expect(funnel.byAge.map((s: { steps: Step[] }) => people(s.steps).EVENT_ATTENDED)).toEqual([3, 0, 0, 0]);
    expect(people(slice(funnel.byStyle, 'SIDE_JOB')!.steps)).toMatchObject({ SIGNED_UP: 3 });
    expect(slice(funnel.byStyle, 'SIDE_JOB')!.label).toBe('副業・兼業');
    expect(slice(funnel.byHome, '東京都')).toMatchObject({ label: '東京都' });
    expect(people(slice(funnel.byHome, '大阪府')!.steps).SIGNED_UP).toBeNull();
    const homeShown = funnel.byHome.map((s: { steps: Step[] }) => people(s.steps).SIGNED_UP);
    expect(8 - homeShown.reduce((sum: number, n: number | null) => sum + (n ?? 0), 0)).toBeGreaterThanOrEqual(3);
    expect(slice(funnel.byEvent, briefingId)).toMatchObject({ label: '東京説明会' });
    expect(people(slice(funnel.byEvent, briefingId)!.steps)).toMatchObject({ SIGNED_UP: 6, EVENT_ATTENDED: 3 });
    expect(people(slice(funnel.byEvent, tourId)!.steps)).toMatchObject({ SIGNED_UP: 5 });
  });

  it('gives each event its demand, oversubscription, attendance, ratings and follow-ups', async () => {
    const { eventInsights } = await analyst.ok(EVENTS, period());
    const briefing = eventInsights.find((e: { eventId: string }) => e.eventId === briefingId);
    expect(briefing).toMatchObject({
      title: '東京説明会', kind: 'BRIEFING', capacity: 60, demand: 6, oversubscription: 0.1, confirmed: 6, attended: 3, noShows: 3,
      attendanceRate: 0.5, feedbackCount: 3, averageRating: 4, followedUp: 3,
    });
    const tour = eventInsights.find((e: { eventId: string }) => e.eventId === tourId);
    expect(tour).toMatchObject({
      kind: 'TOUR', capacity: 3, demand: 5, oversubscription: 1.67, confirmed: 3, attended: 0, noShows: 0, attendanceRate: null,
      feedbackCount: 0, averageRating: null, followedUp: 0,
    });
  });

  it('counts the pipeline by work style', async () => {
    const { matchInsights } = await analyst.ok(MATCHES, period());
    expect(matchInsights.map((m: { workStyle: string }) => m.workStyle)).toEqual(['PRO_BONO', 'SIDE_JOB', 'JOB_CHANGE', 'STARTUP']);
    const sideJob = matchInsights.find((m: { workStyle: string }) => m.workStyle === 'SIDE_JOB');
    expect(sideJob).toMatchObject({ interests: 4, scouts: 0, matches: 3, engaged: 3, completed: 0, withdrawn: 0 });
    expect(sideJob.medianDaysToEngaged).toBeGreaterThanOrEqual(0);
    expect(sideJob.medianDaysToEngaged).toBeLessThan(1);
    expect(matchInsights.find((m: { workStyle: string }) => m.workStyle === 'STARTUP')).toMatchObject({ interests: 0, matches: 0, medianDaysToEngaged: null });
  });

  it('reports the fiscal year as rows and as CSV that opens in Excel', async () => {
    const now = tokyoToday();
    const { kpiReport } = await analyst.ok(KPI, { r: regionId, fy: fiscalYearOf(now) });
    const value = (key: string) => kpiReport.rows.find((r: { key: string }) => r.key === key)?.value;
    expect(kpiReport.rows.map((r: { key: string }) => r.key).slice(0, 13)).toEqual([
      'related_people', 'briefing_participants', 'tour_participants', 'event_oversubscription', 'consultations', 'matches_pro_bono',
      'matches_side_job', 'matches_job_change', 'matches_startup', 'engagements', 'trial_stay_nights', 'dual_region_people', 'relocated_people',
    ]);
    expect(kpiReport.rows[0]).toEqual({ key: 'related_people', label: '関係人口', value: 8, unit: '人' });
    expect([value('consultations'), value('matches_side_job'), value('matches_pro_bono'), value('engagements')]).toEqual([4, 3, 0, 3]);
    expect([value('trial_stay_nights'), value('dual_region_people'), value('relocated_people')]).toEqual([9, 3, null]);
    // The events start in 30 days: their figures belong to that day's fiscal year.
    const eventYear = fiscalYearOf(addDays(now, 30));
    const events = eventYear === fiscalYearOf(now) ? kpiReport : (await analyst.ok(KPI, { r: regionId, fy: eventYear })).kpiReport;
    const eventValue = (key: string) => events.rows.find((r: { key: string }) => r.key === key)?.value;
    expect([eventValue('briefing_participants'), eventValue('tour_participants'), eventValue('event_oversubscription')]).toEqual([3, 0, 0.17]);

    const csv: string = kpiReport.csv;
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')[0]).toBe('項目,値,単位');
    expect(csv).toContain('\r\n関係人口,8,人\r\n');
    expect(csv).toContain('\r\n移住した人数,,人\r\n');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(csv.slice(1).split('\r\n').filter(Boolean)).toHaveLength(kpiReport.rows.length + 1);
  });

  it('answers INSIGHTS_READ staff of the region and ADMIN only', async () => {
    const admin = await t.admin();
    expect((await admin.ok(FUNNEL, period())).funnel.steps[0].people).toBe(8);
    expect(codeOf(await elsewhere.gql(FUNNEL, period()))).toBe('FORBIDDEN');
    expect(codeOf(await staff.gql(EVENTS, period()))).toBe('FORBIDDEN');
    expect(codeOf(await (await t.candidate()).gql(MATCHES, period()))).toBe('FORBIDDEN');
    expect(codeOf(await t.anonymous().gql(KPI, { r: regionId, fy: 2025 }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await analyst.gql(REBUILD))).toBe('FORBIDDEN');
    expect(codeOf(await admin.gql(KPI, { r: '00000000-0000-4000-8000-000000000000', fy: 2025 }))).toBe('NOT_FOUND');
  });

  it('refuses periods that are not whole months, naming the field', async () => {
    const bad = await analyst.gql(FUNNEL, { r: regionId, from: addDays(from, 1), to });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(bad)).toEqual(['from']);
    expect(fieldsOf(await analyst.gql(EVENTS, { r: regionId, from: to, to: from }))).toEqual(['to']);
    expect(fieldsOf(await analyst.gql(KPI, { r: regionId, fy: 1999 }))).toEqual(['fiscalYear']);
    expect(codeOf(await analyst.gql(MATCHES, { r: regionId, from: '2025-02-30', to }))).toBe('BAD_USER_INPUT');
  });

  it('rebuilds every read model from the event log with the same answers', async () => {
    const answers = async () => ({
      funnel: (await analyst.ok(FUNNEL, period())).funnel,
      events: (await analyst.ok(EVENTS, period())).eventInsights,
      matches: (await analyst.ok(MATCHES, period())).matchInsights,
      kpi: (await analyst.ok(KPI, { r: regionId, fy: fiscalYearOf(tokyoToday()) })).kpiReport,
    });
    const sortSlices = (a: Awaited<ReturnType<typeof answers>>) => {
      for (const k of ['byAge', 'byStyle', 'byHome', 'byEvent']) a.funnel[k].sort((x: { key: string }, y: { key: string }) => x.key.localeCompare(y.key));
      return a;
    };
    const before = sortSlices(await answers());
    const tables = ['person', 'profile', 'event', 'registration', 'feedback', 'pair', 'match', 'consultation', 'stay', 'region'];
    const countRows = async () => Promise.all(tables.map(async (x) => (await t.sql(`SELECT count(*)::int AS n FROM insights.${x}`))[0].n));
    const rowsBefore = await countRows();
    const admin = await t.admin();
    const { rebuildInsights } = await admin.ok(REBUILD);
    expect(rebuildInsights).toBe(before.funnel.freshness);
    expect(await countRows()).toEqual(rowsBefore);
    expect(sortSlices(await answers())).toEqual(before);
  });
});
