import * as Community from '#libs/contracts/community/events.js';
import * as Housing from '#libs/contracts/housing/events.js';
import { ConsultationChannel, ConsultationStatus, ConsultationTopic, JourneyStage } from '#libs/contracts/support/enums.js';
import * as Support from '#libs/contracts/support/events.js';
import { Capability } from '#libs/contracts/identity/enums.js';
import { ERASED_DISPLAY_NAME } from '#libs/contracts/privacy/enums.js';
import { provisionsOf } from '#libs/contracts/privacy/events.js';
import { Consultation } from './consultation.aggregate.js';
import { ConsultationSlot } from './consultation-slot.js';
import { ANY_ORGANIZATION, JOURNEY_EVENT_TYPES, planJourney } from './journey-events.js';
import { ENTRY_KINDS, JourneyFact, STAGE_ORDER, furthest, nextSteps, summarize } from './journey.js';
import { route } from './routing.js';

const NOW = new Date('2026-11-30T10:00:00Z');
const later = (hours: number) => new Date(NOW.getTime() + hours * 3600_000);
const code = (f: () => unknown) => {
  try {
    f();
    return 'OK';
  } catch (e) {
    return (e as { reason?: string; code?: string }).reason ?? (e as { code?: string }).code;
  }
};

describe('routing', () => {
  const orgs = [
    { id: 'biz', regionId: 'k', capabilities: [Capability.CAREERS_MANAGE] },
    { id: 'joins', regionId: 'k', capabilities: [Capability.MATCHING_COORDINATE] },
    { id: 'city', regionId: 'k', capabilities: [Capability.HOUSING_MANAGE, Capability.COMMUNITY_MANAGE] },
    { id: 'yui', regionId: 'k', capabilities: [Capability.COMMUNITY_MANAGE] },
    { id: 'events', regionId: 'k', capabilities: [Capability.EVENTS_MANAGE] },
    { id: 'far', regionId: 'o', capabilities: [Capability.CAREERS_MANAGE, Capability.HOUSING_MANAGE] },
  ];
  it('sends each topic to the region\'s organizations holding its capability', () => {
    expect(route([ConsultationTopic.WORK], orgs, 'k')).toEqual(['biz', 'joins']);
    expect(route([ConsultationTopic.HOUSING], orgs, 'k')).toEqual(['city']);
    expect(route([ConsultationTopic.COMMUNITY], orgs, 'k')).toEqual(['city', 'yui']);
    expect(route([ConsultationTopic.RELOCATION], orgs, 'k')).toEqual(['city', 'yui']);
    expect(route([ConsultationTopic.WORK, ConsultationTopic.HOUSING], orgs, 'k')).toEqual(['biz', 'city', 'joins']);
    expect(route([ConsultationTopic.WORK], orgs, 'nowhere')).toEqual([]);
  });
});

describe('Consultation', () => {
  const slot = (over: Partial<ReturnType<typeof slotData>> = {}) => ({ ...slotData(), ...over });
  const slotData = () => ({
    regionId: 'k', organizationId: 'biz', topics: [ConsultationTopic.WORK], channel: ConsultationChannel.ONLINE,
    startsAt: later(24), endsAt: later(25), offeredBy: 's', createdAt: NOW,
  });
  const request = () =>
    Consultation.request({
      accountId: 'p', regionId: 'k', displayName: 'p', email: 'p@x.jp', fullName: '佐藤', phone: '090-1234-5678',
      topics: [ConsultationTopic.WORK, ConsultationTopic.WORK], channel: ConsultationChannel.ONLINE, question: '相談です', routedTo: ['biz'],
    }, NOW);

  it('is requested once per topic and says so in an event without personal data', () => {
    const c = request();
    expect(c.data).toMatchObject({ status: ConsultationStatus.REQUESTED, topics: [ConsultationTopic.WORK], slotId: null });
    const [event] = c.pullEvents();
    expect(event.type).toBe(Support.ConsultationRequested.type);
    // The values themselves (a bare "090" would also match a random id).
    expect(JSON.stringify(event.payload)).not.toMatch(/佐藤|090-1234-5678|相談です|p@x\.jp/);
  });

  it('books a slot only when it is ahead and fits region, routing, channel and topic', () => {
    expect(code(() => request().book('s1', slot({ startsAt: later(-1) }), 'PERSON', NOW))).toBe('SLOT_PAST');
    expect(code(() => request().book('s1', slot({ regionId: 'o' }), 'PERSON', NOW))).toBe('SLOT_MISMATCH');
    expect(code(() => request().book('s1', slot({ organizationId: 'city' }), 'PERSON', NOW))).toBe('SLOT_MISMATCH');
    expect(code(() => request().book('s1', slot({ channel: ConsultationChannel.PHONE }), 'PERSON', NOW))).toBe('SLOT_MISMATCH');
    expect(code(() => request().book('s1', slot({ topics: [ConsultationTopic.HOUSING] }), 'PERSON', NOW))).toBe('SLOT_MISMATCH');
    const c = request();
    c.book('s1', slot({ topics: [ConsultationTopic.HOUSING, ConsultationTopic.WORK] }), 'STAFF', NOW);
    expect(c.data).toMatchObject({ status: ConsultationStatus.BOOKED, slotId: 's1' });
    expect(code(() => c.book('s2', slot(), 'PERSON', NOW))).toBe('INVALID_STATUS_TRANSITION');
  });

  it('moves REQUESTED or BOOKED to DONE, NO_SHOW or CANCELLED, and nothing after', () => {
    const done = request();
    done.recordOutcome(ConsultationStatus.DONE, '  メモ  ', NOW);
    expect(done.data).toMatchObject({ status: ConsultationStatus.DONE, outcome: 'メモ' });
    expect(code(() => done.cancel('PERSON', NOW))).toBe('INVALID_STATUS_TRANSITION');
    expect(code(() => done.recordOutcome(ConsultationStatus.NO_SHOW, null, NOW))).toBe('INVALID_STATUS_TRANSITION');
    expect(code(() => request().recordOutcome(ConsultationStatus.BOOKED, null, NOW))).toBe('BAD_USER_INPUT');
    const booked = request();
    booked.book('s1', slot(), 'PERSON', NOW);
    booked.cancel('STAFF', NOW);
    const events = booked.pullEvents();
    expect(events.map((e) => e.type)).toEqual([Support.ConsultationRequested.type, Support.ConsultationBooked.type, Support.ConsultationCancelled.type]);
    expect(events[2].payload).toMatchObject({ previousStatus: 'BOOKED', cancelledBy: 'STAFF', slotId: 's1' });
  });

  it('names each routed organization in a provision fact (basis REQUEST) of the request, ids only', () => {
    const c = Consultation.request({
      accountId: 'p', regionId: 'k', displayName: 'p', email: 'p@x.jp', fullName: '佐藤', phone: '090-1234-5678',
      topics: [ConsultationTopic.WORK], channel: ConsultationChannel.ONLINE, question: '相談です', routedTo: ['biz', 'joins'],
    }, NOW);
    const [event] = c.pullEvents();
    expect(provisionsOf(event.payload)).toEqual(['biz', 'joins'].map((o) => ({
      subjectAccountId: 'p', recipientOrganizationId: o, recipientAccountId: null, purpose: '相談窓口でのご相談に対応するため',
      fields: ['fullName', 'email', 'phone'], basis: 'REQUEST', occasion: 'consultation', occasionId: c.id,
    })));
  });

  it('erases what the person gave and the notes about them; an erased one holds nothing more', () => {
    const c = request();
    c.recordOutcome(ConsultationStatus.DONE, '佐藤さんに紹介', NOW);
    expect(c.holdsPersonalData).toBe(true);
    c.erasePersonalData(later(1));
    expect(c.data).toMatchObject({
      displayName: ERASED_DISPLAY_NAME, fullName: null, email: null, phone: null, question: '', outcome: null,
      status: ConsultationStatus.DONE, topics: [ConsultationTopic.WORK], routedTo: ['biz'], updatedAt: later(1),
    });
    expect(c.holdsPersonalData).toBe(false);
    expect(c.isOpen).toBe(false);
    expect(request().isOpen).toBe(true);
  });

  it('refuses a request without what staff need to call back', () => {
    expect(code(() => Consultation.request({
      accountId: 'p', regionId: 'k', displayName: 'p', email: 'p@x.jp', fullName: ' ', phone: 'no', topics: [],
      channel: ConsultationChannel.PHONE, question: '', routedTo: [],
    }, NOW))).toBe('BAD_USER_INPUT');
  });
});

describe('ConsultationSlot.offer', () => {
  const input = { regionId: 'k', organizationId: 'biz', topics: [ConsultationTopic.WORK], channel: ConsultationChannel.ONLINE, offeredBy: 's' };
  it('makes slots of one length, 15 to 180 minutes, all ahead and none twice', () => {
    const slots = ConsultationSlot.offer({ ...input, startsAt: [later(1), later(2)], minutes: 30 }, NOW);
    expect(slots.map((s) => s.data.endsAt.getTime() - s.data.startsAt.getTime())).toEqual([1800_000, 1800_000]);
    for (const minutes of [14, 181, 30.5]) expect(code(() => ConsultationSlot.offer({ ...input, startsAt: [later(1)], minutes }, NOW))).toBe('BAD_USER_INPUT');
    expect(code(() => ConsultationSlot.offer({ ...input, startsAt: [NOW], minutes: 30 }, NOW))).toBe('BAD_USER_INPUT');
    expect(code(() => ConsultationSlot.offer({ ...input, startsAt: [later(1), later(1)], minutes: 30 }, NOW))).toBe('BAD_USER_INPUT');
  });
});

describe('the journey rules', () => {
  it('keeps the furthest stage ever reached, in the contract\'s order', () => {
    expect(STAGE_ORDER).toEqual(Object.values(JourneyStage));
    expect(furthest(JourneyStage.CONSULTED, JourneyStage.ATTENDED_EVENT)).toBe(JourneyStage.CONSULTED);
    expect(furthest(JourneyStage.MATCHED, JourneyStage.WORKING)).toBe(JourneyStage.WORKING);
    expect(furthest(JourneyStage.TRIAL_STAY, JourneyStage.REGISTERED)).toBe(JourneyStage.TRIAL_STAY);
  });

  it('suggests next steps from what is missing', () => {
    const steps = (stage: JourneyStage, facts: JourneyFact[]) => nextSteps(stage, new Set(facts)).map((s) => s.module);
    expect(steps(JourneyStage.REGISTERED, [])).toEqual(['support', 'events']);
    expect(steps(JourneyStage.CONSULTED, [JourneyFact.CONSULTATION, JourneyFact.EVENT_ATTENDED])).toEqual(['matching']);
    expect(nextSteps(JourneyStage.MATCHED, new Set([JourneyFact.CONSULTATION, JourneyFact.MATCH, JourneyFact.INTEREST])))
      .toEqual([{ module: 'housing', suggestion: 'お試し住宅で暮らしてみませんか' }]);
    expect(steps(JourneyStage.WORKING, [JourneyFact.CONSULTATION, JourneyFact.MATCH, JourneyFact.WORKING, JourneyFact.STAY]))
      .toEqual(['community', 'community']);
    expect(steps(JourneyStage.DUAL_REGION, Object.values(JourneyFact))).toEqual([]);
  });

  it('has a Japanese line for every kind of entry', () => {
    for (const kind of ENTRY_KINDS) expect(summarize(kind, 'タイトル', { topics: ['WORK'], nights: 2, roleTitle: '役', listingKind: 'TRIAL_STAY' })).toMatch(/[ぁ-んァ-ン一-龯]/);
    expect(summarize('EVENT_ATTENDED', '東京説明会', {})).toBe('「東京説明会」に参加');
    expect(summarize('EVENT_ATTENDED', null, {})).toBe('イベントに参加');
    expect(summarize('STAY_CHECKED_IN', null, { listingKind: 'TRIAL_STAY' })).toBe('お試し住宅にチェックイン');
    expect(summarize('CONSULTATION_REQUESTED', null, { topics: ['WORK', 'RELOCATION'] })).toBe('仕事・移住の相談を申込');
  });

  it('reads every event of housing\'s, community\'s and support\'s contracts, each with a kind it can tell', () => {
    const contracts = [Housing, Community, Support].flatMap((m) =>
      Object.values(m).filter((v): v is { type: string } => typeof v === 'object' && v !== null && 'type' in v && 'create' in v).map((d) => d.type),
    );
    // A listing taken off or archived concerns no person (its title, from ListingPublished, is kept).
    const aboutNoPerson = ['housing.listing.unpublished', 'housing.listing.archived'];
    expect(contracts.filter((type) => !JOURNEY_EVENT_TYPES.includes(type) && !aboutNoPerson.includes(type))).toEqual([]);
  });

  it('turns a stay\'s events into entries, the stage and who serves the person', () => {
    const stay = {
      listingId: 'l', regionId: 'k', organizationId: 'city', listingKind: 'TRIAL_STAY' as never, stayId: 's', accountId: 'p',
      checkIn: '2026-12-01', checkOut: '2026-12-03', nights: 2, partySize: 1, priceYen: 0,
    };
    const checkedIn = planJourney(Housing.StayCheckedIn.create('s', stay));
    expect(checkedIn.change).toMatchObject({
      accountId: 'p', regionIds: ['k'], reaches: JourneyStage.TRIAL_STAY,
      entry: { module: 'housing', kind: 'STAY_CHECKED_IN', subjectId: 's', ref: { kind: 'listing', id: 'l' } },
      service: { module: 'housing', subjectId: 's', organizationIds: ['city'], active: true },
    });
    expect(ENTRY_KINDS).toContain(checkedIn.change!.entry!.kind);
    expect(planJourney(Housing.StayCancelled.create('s', { ...stay, previousStatus: 'CONFIRMED' as never, cancelledBy: 'GUEST' })).change!.service)
      .toMatchObject({ active: false });
    expect(ANY_ORGANIZATION).toMatch(/^0{8}-/);
  });
});
