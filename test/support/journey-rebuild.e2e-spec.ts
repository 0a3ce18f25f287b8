import { StayCheckedIn, StayRequested, type StayFacts } from '#libs/contracts/housing/events.js';
import { MentorshipStarted } from '#libs/contracts/community/events.js';
import { ListingKind } from '#libs/contracts/housing/enums.js';
import { newId } from '#libs/ddd/ids.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { CHECK_IN, REGISTER, openEvent } from '../events/events.fixtures.js';
import { Client, TestApp } from '../harness/harness.js';
import { CANCEL, JOURNEY_FIELDS, OUTCOME, REQUEST, eventually, requestInput } from './support.fixtures.js';

type Staff = Client & { organizationId: string; regionId: string };

const ALL = `query($regionId: ID!) { journeys(regionId: $regionId, first: 10) { totalCount edges { cursor node {
  ${JOURNEY_FIELDS.replace('entries(first: 100)', 'entries(first: 20)')} } } } }`;
const RESET = `mutation { resetSubscriber(input: { name: "support.journey", fromPosition: 0 }) { name position resetAt } }`;

/**
 * The journey is a read model of the event log: an operator's reset rebuilds it with the
 * same result, and a subscriber that first runs on a database with years of history (here:
 * its row and read model gone, the process restarted) starts at the beginning of the log.
 */
describe('support: the journey rebuilt from the event log', () => {
  let t: TestApp;
  let biz: Staff;
  let regionId: string;

  const snapshot = async () => {
    const admin = await t.admin();
    return JSON.stringify((await admin.ok(ALL, { regionId })).journeys);
  };

  beforeAll(async () => {
    t = await TestApp.start({ config: { relayIntervalMs: 100 } });
    biz = await t.staff(['CAREERS_MANAGE', 'HOUSING_MANAGE', 'COMMUNITY_MANAGE']);
    regionId = biz.regionId;
    const organizer = await t.staff(['EVENTS_MANAGE'], regionId);
    const eventId = await openEvent(organizer, { title: '気仙沼 現地ツアー', kind: 'TOUR' });
    const uow = t.app.get(UnitOfWork);
    for (let i = 0; i < 6; i++) {
      const person = await t.candidate(`候補者${i}`);
      const c = (await person.ok(REQUEST, { input: requestInput(regionId, { topics: i % 2 ? ['WORK'] : ['HOUSING', 'COMMUNITY'] }) })).requestConsultation;
      if (i % 3 === 0) await biz.ok(OUTCOME, { input: { consultationId: c.id, status: 'DONE' } });
      if (i % 3 === 1) await person.ok(CANCEL, { input: { consultationId: c.id } });
      const registration = (await person.ok(REGISTER, { id: eventId })).registerForEvent;
      if (i % 2 === 0) {
        await organizer.ok(CHECK_IN, { id: registration.id });
      }
      if (i === 4) {
        const stay: StayFacts = {
          listingId: newId(), regionId, organizationId: biz.organizationId, listingKind: ListingKind.SHARED_HOUSE, stayId: newId(),
          accountId: person.accountId!, checkIn: '2026-12-10', checkOut: '2026-12-12', nights: 2, partySize: 1, priceYen: 6000,
        };
        await uow.run(() => uow.publish('housing', [StayRequested.create(stay.stayId, stay)]));
        await uow.run(() => uow.publish('housing', [StayCheckedIn.create(stay.stayId, stay)]));
        const mentorshipId = newId();
        await uow.run(() => uow.publish('community', [MentorshipStarted.create(mentorshipId, {
          mentorshipId, regionId, accountId: person.accountId!, topics: ['子育て'], supporterId: newId(), supporterAccountId: newId(), organizationId: biz.organizationId,
        })]));
      }
    }
    // Everything published so far has reached the journey (the relay runs in the background).
    await t.drainOutbox();
  });
  afterAll(() => t.close());

  it('an ADMIN\'s resetSubscriber rebuilds the same journeys, even from a damaged read model', async () => {
    const before = await snapshot();
    expect(JSON.parse(before).totalCount).toBe(6);
    expect(before).toContain('TRIAL_STAY');
    // Damage it: a rebuild must not depend on what is there.
    await t.sql(`UPDATE support.journey SET stage_rank = 0, facts = '{}'`);
    await t.sql(`DELETE FROM support.journey_entry WHERE kind IN ('EVENT_ATTENDED', 'ACCOUNT_REGISTERED')`);
    await t.sql(`DELETE FROM support.journey_service`);
    expect(await snapshot()).not.toBe(before);

    const admin = await t.admin();
    const reset = (await admin.ok(RESET)).resetSubscriber;
    expect(reset).toMatchObject({ name: 'support.journey', resetAt: expect.any(String) });
    await eventually(snapshot, (s) => s === before);
  });

  it('a journey subscriber first seen on a database with history replays the log from its beginning', async () => {
    const before = await snapshot();
    const database = t.database;
    await t.stop();
    // As if the support module were deployed now: no progress, no read model.
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: t.databaseUrl });
    await client.connect();
    await client.query(`DELETE FROM messaging.subscriber WHERE name = 'support.journey'`);
    await client.query(`TRUNCATE support.journey_person, support.journey, support.journey_entry, support.journey_service, support.journey_title`);
    await client.end();
    t = await TestApp.start({ database, config: { relayIntervalMs: 100 } });
    const [{ from_position }] = await t.sql(`SELECT from_position::int FROM messaging.subscriber WHERE name = 'support.journey'`);
    expect(from_position).toBe(0);
    await eventually(snapshot, (s) => s === before, 10_000);
  });
});
