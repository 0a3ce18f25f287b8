import { QueryBus } from '@nestjs/cqrs';
import { ExportInsightsPersonalDataQuery } from '#libs/contracts/insights/personal-data.js';
import { AccountErasureRequested } from '#libs/contracts/privacy/events.js';
import { newId } from '#libs/ddd/ids.js';
import { CHECK_IN, CLOSE, FEEDBACK, REGISTER, openEvent } from '../events/events.fixtures.js';
import { PASSWORD, TestApp } from '../harness/harness.js';
import { REQUEST, requestInput } from '../support/support.fixtures.js';

/**
 * Every text-like column of the insights schema, with what it holds. None can hold a
 * person's name, email or phone: they are event, job and region facts and the profile's
 * slices. A new column fails this list, so whoever adds one says what it holds.
 */
const TEXT_COLUMNS: Record<string, string> = {
  'event.title': "the event's title (the organizer's, public)",
  'event.kind': 'BRIEFING, TOUR…',
  'event.status': "the event's status",
  'registration.status': "the registration's status",
  'pair.kind': 'INTEREST or SCOUT',
  'pair.work_style': "the job's work style",
  'match.work_style': "the job's work style",
  'profile.age_band': 'FORTIES, FIFTIES…',
  'profile.home_prefecture': 'a prefecture (a slice, not an address)',
  'profile.work_styles': 'desired work styles',
  'stay.listing_kind': "the listing's kind",
  'region.code': "the region's code",
  'region.name': "the region's name",
};

/** Insights and personal data: its export section, and why erasure leaves it as it is (no name, email or phone; the counts stay). */
describe('insights: personal data', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('has no column that can hold a name, an email or a phone', async () => {
    const columns = await t.sql<{ name: string; data_type: string }>(
      `SELECT table_name || '.' || column_name AS name, data_type FROM information_schema.columns c
         JOIN information_schema.tables USING (table_schema, table_name)
        WHERE c.table_schema = 'insights' AND table_type = 'BASE TABLE'
          AND data_type NOT IN ('uuid', 'integer', 'bigint', 'boolean', 'date', 'timestamp with time zone', 'numeric')
        ORDER BY 1`,
    );
    expect(Object.fromEntries(columns.map((c) => [c.name, TEXT_COLUMNS[c.name] ?? `unknown (${c.data_type})`]))).toEqual(TEXT_COLUMNS);
  });

  it("exports the rows kept of the person and keeps them (the counts) when the person's account is erased", async () => {
    const organizer = await t.staff(['EVENTS_MANAGE']);
    const regionId = organizer.regionId;
    await t.staff(['CAREERS_MANAGE'], regionId); // the WORK desk
    const who = { displayName: '分析 さん', fullName: '分析 花子', phone: '090-3141-5926', email: `${t.unique('insights')}@test.minato.example` };
    const signUp = await t.anonymous().ok(`mutation($input: SignUpInput!) { signUp(input: $input) { token account { id } } }`, {
      input: { email: who.email, password: PASSWORD, displayName: who.displayName },
    });
    const person = t.as(signUp.signUp.token);
    const me: string = signUp.signUp.account.id;
    await person.ok(`mutation($input: CandidateProfileInput!) { saveMyCandidateProfile(input: $input) { id } }`, {
      input: {
        fullName: who.fullName, ageBand: 'FIFTIES', headline: '経理30年', careerSummary: '経理と総務。', skills: ['経理'], desiredWorkStyles: ['SIDE_JOB'],
        remoteHoursPerWeek: 4, onsiteDaysPerMonth: 2, desiredRegionIds: [regionId], dualRegionStage: 'EXPLORING', phone: who.phone,
      },
    });
    const eventId = await openEvent(organizer, { title: '気仙沼 副業説明会' });
    const registration = (await person.ok(REGISTER, { id: eventId })).registerForEvent;
    await organizer.ok(CLOSE, { id: eventId });
    await organizer.ok(CHECK_IN, { id: registration.id });
    await person.ok(FEEDBACK, { input: { registrationId: registration.id, rating: 5, comment: `${who.fullName}です`, interestedWorkStyles: ['SIDE_JOB'] } });
    const consultation = (await person.ok(REQUEST, { input: requestInput(regionId, { fullName: who.fullName, phone: who.phone }) })).requestConsultation;
    await t.drainAll();

    const exported = async () => JSON.parse(JSON.stringify(await t.app.get(QueryBus).execute(new ExportInsightsPersonalDataQuery(me))));
    const section = await exported();
    expect(section).toEqual({
      people: [expect.objectContaining({ regionId, joinedAt: expect.any(String), eventRegisteredAt: expect.any(String), eventAttendedAt: expect.any(String) })],
      profile: { ageBand: 'FIFTIES', homePrefecture: null, workStyles: ['SIDE_JOB'], firstSavedAt: expect.any(String) },
      registrations: [{
        registrationId: registration.id, eventId, regionId, status: 'ATTENDED', registeredAt: expect.any(String), attendedAt: expect.any(String), rating: 5,
      }],
      pairs: [],
      matches: [],
      consultations: [{ consultationId: consultation.id, regionId, requestedAt: expect.any(String), cancelledAt: null }],
      stays: [],
    });
    for (const value of Object.values(who)) expect(JSON.stringify(section)).not.toContain(value);
    expect(await t.app.get(QueryBus).execute(new ExportInsightsPersonalDataQuery(newId())))
      .toEqual({ people: [], profile: null, registrations: [], pairs: [], matches: [], consultations: [], stays: [] });

    // Erased: insights has no subscriber for it and nothing to remove; the counts stay
    // (support's cancellation of nothing here: the consultation is open, support cancels it as the person's own).
    await t.publish([AccountErasureRequested.create(me, { accountId: me, requestedAt: new Date().toISOString() })], 'privacy');
    await t.drainAll();
    const after = await exported();
    expect(after).toEqual({ ...section, consultations: [{ ...section.consultations[0], cancelledAt: expect.any(String) }] });
  });
});
