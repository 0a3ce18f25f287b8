import { randomBytes } from 'node:crypto';
import { CHECK_IN, CLOSE, FEEDBACK, MY_REGISTRATIONS, REGISTER, openEvent } from '../events/events.fixtures.js';
import {
  ACCEPT, APPLY, ASSIGN, REQUEST as REQUEST_MENTORSHIP, SET_TEMPLATE, START, applyInput, approvedSupporter, openRole,
  requestInput as mentorshipInput,
} from '../community/community.fixtures.js';
import { CONFIRM_STAY, LISTING_STAYS, REQUEST_STAY, REQUEST_VIEWING, day, publishedListing, stayInput } from '../housing/housing.fixtures.js';
import { Client, PASSWORD, TestApp, codeOf } from '../harness/harness.js';
import { personalDataTraces } from '../harness/personal-data.js';
import { REQUEST as REQUEST_CONSULTATION, eventually, requestInput as consultationInput } from '../support/support.fixtures.js';
import { ACCESS_LOG, ERASE, EXPORT, MY_RECORDS, RECORDS, SAVE_PROFILE, SET_CONSENT, profileInput } from './privacy.fixtures.js';

type Staff = Client & { organizationId: string; regionId: string };

/**
 * Erasure as a person would do it (contract 90-privacy): someone who used every module —
 * consents, a briefing seat with a queue behind it and another attended with feedback, a
 * profile, a match and its messages, a stay and a viewing, a role's only seat, a mentorship
 * made ACTIVE, an onboarding plan, a consultation — exports their data, then erases the
 * account while the background relay runs. Their seat, nights and role seat go to the people
 * waiting, and afterwards no column of any table of any schema, no event payload and no log
 * line holds their name, email or phone.
 */
describe('privacy: erasure of a person who touched every module', () => {
  const logs: string[] = [];
  let t: TestApp;
  let biz: Staff; // the employer, WORK consultations, coordinates matches
  let organizer: Staff;
  let city: Staff; // housing and community

  const tag = randomBytes(3).toString('hex');
  const person = {
    email: `erase-${tag}@test.minato.example`,
    displayName: `ケシコ${tag}`,
    fullName: `唐桑 消子${tag}`,
    phone: '090-7777-3131',
  };
  /** Every form the values could be stored in. */
  const needles = [person.email, person.displayName, person.fullName, person.phone, person.phone.replace(/-/g, ''), `erase-${tag}`];

  beforeAll(async () => {
    t = await TestApp.start({ config: { relayIntervalMs: 250 }, logs, logLevel: 'trace' });
    biz = await t.staff(['CAREERS_MANAGE', 'MATCHING_COORDINATE']);
    organizer = await t.staff(['EVENTS_MANAGE'], biz.regionId);
    city = await t.staff(['HOUSING_MANAGE', 'COMMUNITY_MANAGE'], biz.regionId);
  });
  afterAll(() => t.close());

  it('exports every module’s section, then erases: holds released to the queues, no trace left anywhere', async () => {
    const regionId = biz.regionId;
    const signUp = await t.anonymous().ok(`mutation($input: SignUpInput!) { signUp(input: $input) { token account { id } } }`,
      { input: { email: person.email, password: PASSWORD, displayName: person.displayName } });
    const me = new Client(t.server, signUp.signUp.token, signUp.signUp.account.id);
    const id = me.accountId!;
    const waiting = await t.candidate('待っている人');

    // Consents.
    await me.ok(SET_CONSENT, { input: { purpose: 'CONSORTIUM_SHARING', granted: true } });
    await me.ok(SET_CONSENT, { input: { purpose: 'NEWSLETTER', granted: true } });

    // Events: the only seat of one briefing (someone waits behind), another attended with feedback.
    const full = await openEvent(organizer, { capacity: 1, title: '少人数の相談会' });
    const seat = (await me.ok(REGISTER, { id: full })).registerForEvent;
    expect(seat.status).toBe('CONFIRMED');
    expect((await waiting.ok(REGISTER, { id: full })).registerForEvent.status).toBe('WAITLISTED');
    const attended = await openEvent(organizer, { title: '東京説明会' });
    const visit = (await me.ok(REGISTER, { id: attended })).registerForEvent;
    await organizer.ok(CLOSE, { id: attended });
    await organizer.ok(CHECK_IN, { id: visit.id });
    await me.ok(FEEDBACK, { input: { registrationId: visit.id, rating: 5, comment: `とても良かったです。${person.fullName}(${person.phone})` } });

    // Matching: a profile, an interest accepted (a match), a message with contact details in it.
    const employerId = (await biz.ok(`mutation($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }`, {
      input: { organizationId: biz.organizationId, name: '株式会社 港町水産', industry: '水産加工', description: '港町の会社' },
    })).registerEmployer.id;
    const opportunityId = (await biz.ok(`mutation($input: DraftOpportunityInput!) { draftOpportunity(input: $input) { id } }`, {
      input: { employerId, title: '経理(副業)', description: '月次決算の支援', workStyle: 'SIDE_JOB', skills: ['経理'], remoteOk: true, onsiteDaysPerMonth: 2 },
    })).draftOpportunity.id;
    await biz.ok(`mutation($i: OpportunityIdInput!) { submitOpportunityForReview(input: $i) { id } }`, { i: { opportunityId } });
    await biz.ok(`mutation($i: OpportunityIdInput!) { publishOpportunity(input: $i) { id } }`, { i: { opportunityId } });
    const profileId = (await me.ok(SAVE_PROFILE, { input: profileInput(regionId, { fullName: person.fullName, phone: person.phone }) }))
      .saveMyCandidateProfile.id;
    // Matching learns of the opportunity from careers' event (the relay runs every 250 ms).
    const expressed = await eventually(
      () => me.gql(`mutation($input: ExpressInterestInput!) { expressInterest(input: $input) { id } }`, { input: { opportunityId } }),
      (res) => res.errors === undefined, 10_000,
    );
    expect(expressed.errors).toBeUndefined();
    const interest = expressed.data!.expressInterest;
    await biz.ok(`mutation($input: InterestIdInput!) { acceptInterest(input: $input) { id } }`, { input: { interestId: interest.id } });
    const matchId = (await eventually(async () => (await me.ok(`{ myMatches { id } }`)).myMatches, (m) => m.length === 1, 10_000))[0].id;
    await me.ok(`mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`,
      { input: { matchId, body: `よろしくお願いします。連絡は ${person.email} へ` } });
    // Staff read the contact details (the access log keeps it, by account id).
    const seen = (await biz.ok(`query($id: ID!) { candidate(id: $id) { fullName phone } }`, { id: profileId })).candidate;
    expect(seen).toEqual({ fullName: person.fullName, phone: person.phone });

    // Housing: the nights of a trial house (someone else asked for the same nights), a viewing.
    const house = await publishedListing(city, 'TRIAL_STAY', { title: '唐桑の家' });
    const theirStay = (await waiting.ok(REQUEST_STAY, { input: stayInput(house, day(11), day(13), { fullName: '待っている 人', phone: '080-0000-1111' }) }))
      .requestStay;
    const stay = (await me.ok(REQUEST_STAY, { input: stayInput(house, day(10), day(13), { fullName: person.fullName, phone: person.phone }) })).requestStay;
    await city.ok(CONFIRM_STAY, { id: stay.id });
    expect(codeOf(await city.gql(CONFIRM_STAY, { id: theirStay.id }))).toBe('CONFLICT');
    const akiya = await publishedListing(city, 'AKIYA_RENT', { title: '鹿折の空き家' });
    const viewing = (await me.ok(REQUEST_VIEWING, {
      input: { listingId: akiya, preferredDates: [day(20)], message: `${person.fullName}です。`, fullName: person.fullName, phone: person.phone },
    })).requestViewing;
    const guests = (await city.ok(LISTING_STAYS, { id: house })).listingStays.edges.map((e: any) => e.node.guest);
    expect(guests).toContainEqual(expect.objectContaining({ fullName: person.fullName }));

    // Community: the one seat of a role (someone else applied too), a mentorship made ACTIVE, onboarding.
    const roleId = await openRole(city, { title: '朝市の手伝い', seats: 1 });
    const application = (await me.ok(APPLY, { input: applyInput(roleId, { fullName: person.fullName, phone: person.phone }) })).applyForRole;
    await city.ok(ACCEPT, { id: application.id });
    const theirApplication = (await waiting.ok(APPLY, { input: applyInput(roleId) })).applyForRole;
    expect(codeOf(await city.gql(ACCEPT, { id: theirApplication.id }))).toBe('CONFLICT');
    const { supporterId } = await approvedSupporter(t, city, 2, '伴走 する人');
    const mentorship = (await me.ok(REQUEST_MENTORSHIP, { input: mentorshipInput(regionId, { fullName: person.fullName, phone: person.phone }) }))
      .requestMentorship;
    expect((await city.ok(ASSIGN, { m: mentorship.id, s: supporterId })).assignSupporter.status).toBe('ACTIVE');
    await city.ok(SET_TEMPLATE, { input: { regionId, steps: [{ key: 'moving-in', title: '転入届', description: '市役所で' }] } });
    const plan = (await me.ok(START, { r: regionId })).startOnboarding;

    // Support: a consultation about work.
    const consultation = (await me.ok(REQUEST_CONSULTATION, {
      input: consultationInput(regionId, { fullName: person.fullName, phone: person.phone, question: `${person.fullName}と申します。副業を探しています。` }),
    })).requestConsultation;

    // Provision records for each occasion, once the relay has passed the acts' events.
    const occasions = async () => new Set((await me.ok(MY_RECORDS, { first: 100 })).myProvisionRecords.edges.map((e: any) => e.node.occasion));
    await eventually(occasions, (o) => ['match', 'stay', 'viewing', 'application', 'mentorship', 'consultation'].every((x) => o.has(x)), 10_000);
    const admin = await t.admin();
    const recordsBefore = (await admin.ok(RECORDS, { accountId: id, first: 100 })).provisionRecords.totalCount;
    const readsBefore = (await admin.ok(ACCESS_LOG, { subjectAccountId: id, first: 100 })).personalDataAccessLog.totalCount;
    expect(readsBefore).toBeGreaterThanOrEqual(3);

    // Export: one JSON document with a section from every module, holding what each keeps.
    const exported = (await me.ok(EXPORT)).exportMyData;
    const document = JSON.parse(exported.json);
    expect(Object.keys(document)).toEqual(expect.arrayContaining(
      ['generatedAt', 'identity', 'careers', 'events', 'matching', 'housing', 'community', 'support', 'insights', 'privacy']));
    const section = (name: string) => JSON.stringify(document[name]);
    expect(section('identity')).toContain(person.email);
    for (const registration of [seat.id, visit.id]) expect(section('events')).toContain(registration);
    for (const held of [profileId, matchId, interest.id, person.fullName]) expect(section('matching')).toContain(held);
    expect(section('matching')).toContain('よろしくお願いします');
    for (const held of [stay.id, viewing.id, person.phone]) expect(section('housing')).toContain(held);
    for (const held of [application.id, mentorship.id, plan.id]) expect(section('community')).toContain(held);
    expect(section('support')).toContain(consultation.id);
    expect(document.privacy.consents).toEqual(expect.arrayContaining([expect.objectContaining({ purpose: 'NEWSLETTER', granted: true })]));
    expect(document.privacy.provisionRecords.length).toBe(recordsBefore);

    // Erasure.
    const wrong = await me.gql(ERASE, { input: { password: 'wrong-password-1' } });
    expect(codeOf(wrong)).toBe('BAD_USER_INPUT');
    const started = Date.now();
    expect((await me.ok(ERASE, { input: { password: PASSWORD } })).eraseMyAccount).toBe(true);
    expect(codeOf(await me.gql(`{ me { id } }`))).toBe('UNAUTHENTICATED');

    // Released as the person's own cancellations would: the queue moves up, nights and seat are free.
    await eventually(async () => (await waiting.ok(MY_REGISTRATIONS)).myRegistrations.find((r: any) => r.event.id === full)?.status,
      (status) => status === 'CONFIRMED', 10_000);
    await eventually(async () => codeOf(await city.gql(CONFIRM_STAY, { id: theirStay.id })) ?? 'CONFIRMED', (r) => r === 'CONFIRMED', 10_000);
    await eventually(async () => codeOf(await city.gql(ACCEPT, { id: theirApplication.id })) ?? 'ACCEPTED', (r) => r === 'ACCEPTED', 10_000);

    // No trace: every column of every table of every schema, the event log’s payloads with them.
    const traces = () => personalDataTraces(t, needles);
    const left = await eventually(traces, (found) => found.length === 0, 15_000).catch(async () => traces());
    expect(left).toEqual([]);
    const tookMs = Date.now() - started;
    console.log(`erasure: every module done and no trace left ${tookMs} ms after eraseMyAccount returned`);

    // What stays: provision records and access-log entries, by account id; signing in fails as for an unknown email.
    expect((await admin.ok(RECORDS, { accountId: id, first: 100 })).provisionRecords.totalCount).toBe(recordsBefore);
    expect((await admin.ok(ACCESS_LOG, { subjectAccountId: id, first: 100 })).personalDataAccessLog.totalCount).toBeGreaterThanOrEqual(readsBefore);
    const signIn = await t.anonymous().gql(`mutation($input: SignInInput!) { signIn(input: $input) { token } }`, { input: { email: person.email, password: PASSWORD } });
    const unknown = await t.anonymous().gql(`mutation($input: SignInInput!) { signIn(input: $input) { token } }`,
      { input: { email: `never-${tag}@test.minato.example`, password: PASSWORD } });
    expect(codeOf(signIn)).toBe(codeOf(unknown));
    expect(signIn.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);

    // The logs (every level, from the first request) never held them.
    expect(logs.length).toBeGreaterThan(0);
    const logged = logs.join('\n');
    for (const needle of needles) expect(logged).not.toContain(needle);
  });
});
