import { QueryBus } from '@nestjs/cqrs';
import { AccountKind } from '#libs/contracts/identity/enums.js';
import { AccountRegistered } from '#libs/contracts/identity/events.js';
import { AccountErasureRequested, ConsentChanged, ERASED_DISPLAY_NAME } from '#libs/contracts/privacy/index.js';
import { ExportSupportPersonalDataQuery } from '#libs/contracts/support/personal-data.js';
import { newId } from '#libs/ddd/ids.js';
import { CHECK_IN, CLOSE, REGISTER, openEvent } from '../events/events.fixtures.js';
import { Client, PASSWORD, TestApp } from '../harness/harness.js';
import { personalDataTraces } from '../harness/personal-data.js';
import { JOURNEY, JOURNEYS, OUTCOME, REQUEST, inHours, offer, requestInput } from './support.fixtures.js';

type Staff = Client & { organizationId: string; regionId: string };
type Journey = {
  stage: string;
  person: { accountId: string; displayName: string; fullName: string | null; email: string | null; phone: string | null };
  entries: { totalCount: number; edges: Array<{ node: { module: string; kind: string } }> };
} | null;

const RESET = `mutation { resetSubscriber(input: { name: "support.journey", fromPosition: 0 }) { name } }`;
const modules = (j: Journey) => [...new Set(j!.entries.edges.map((e) => e.node.module))].sort();

/**
 * Support and personal data (contract 90-privacy): the provision facts a consultation request
 * carries, CONSORTIUM_SHARING widening who sees a journey, the person's export, and erasure.
 * The relay does not run in the background here: each step delivers with drainOutbox.
 */
/** privacy gives each change of an answer a higher version (copies keep the highest). */
let consentVersion = 0;

describe('support: personal data', () => {
  let t: TestApp;
  let biz: Staff; // CAREERS_MANAGE: WORK consultations
  let city: Staff; // HOUSING_MANAGE: HOUSING consultations
  let museum: Staff; // EVENTS_MANAGE only: no consultation is ever routed to it
  let library: Staff; // EVENTS_MANAGE only, another unrelated organization of the region
  let regionId: string;

  const seenBy = async (c: Client, accountId: string) => (await c.ok<{ journey: Journey }>(JOURNEY, { accountId, regionId })).journey;
  const listedBy = async (c: Client) => (await c.ok(JOURNEYS, { regionId })).journeys.edges.map((e: any) => e.node.person.accountId as string);
  const consent = (accountId: string, granted: boolean, organizationId: string | null, version = ++consentVersion) =>
    t.publish([ConsentChanged.create(accountId, { accountId, purpose: 'CONSORTIUM_SHARING', organizationId, granted, at: new Date().toISOString(), version })], 'privacy');

  beforeAll(async () => {
    t = await TestApp.start();
    biz = await t.staff(['CAREERS_MANAGE']);
    regionId = biz.regionId;
    city = await t.staff(['HOUSING_MANAGE'], regionId);
    museum = await t.staff(['EVENTS_MANAGE'], regionId);
    library = await t.staff(['EVENTS_MANAGE'], regionId);
  });
  afterAll(() => t.close());

  it('writes one provision fact per routed organization into support.consultation.requested, in the same transaction', async () => {
    const person = await t.candidate();
    const c = (await person.ok(REQUEST, { input: requestInput(regionId, { topics: ['WORK', 'HOUSING'] }) })).requestConsultation;
    const routed = [biz.organizationId, city.organizationId].sort();
    expect(c.routedTo.map((o: { id: string }) => o.id).sort()).toEqual(routed);
    const [row] = await t.sql(`SELECT payload FROM messaging.outbox WHERE type = 'support.consultation.requested' AND aggregate_id = $1`, [c.id]);
    const facts = [...row.payload.provided].sort((a: any, b: any) => a.recipientOrganizationId.localeCompare(b.recipientOrganizationId));
    expect(facts).toEqual(routed.map((organizationId) => ({
      subjectAccountId: person.accountId, recipientOrganizationId: organizationId, recipientAccountId: null,
      purpose: '相談窓口でのご相談に対応するため', fields: ['fullName', 'email', 'phone'], basis: 'REQUEST',
      occasion: 'consultation', occasionId: c.id,
    })));
    // Ids only: never the data itself.
    expect(JSON.stringify(row.payload)).not.toContain('佐藤 真理子');
    expect(JSON.stringify(row.payload)).not.toContain('090-1234-5678');

    // A consultation routed to nobody (no organization of the region handles its topic) gives nobody anything.
    const nobody = (await person.ok(REQUEST, { input: requestInput(regionId, { topics: ['COMMUNITY'] }) })).requestConsultation;
    expect(nobody.routedTo).toEqual([]);
    const [none] = await t.sql(`SELECT payload FROM messaging.outbox WHERE type = 'support.consultation.requested' AND aggregate_id = $1`, [nobody.id]);
    expect(none.payload.provided).toEqual([]);
    // Booking at once is the same act: one requested event with the facts, then the booking without any.
    const [slot] = await offer(biz);
    const booked = (await person.ok(REQUEST, { input: requestInput(regionId, { slotId: slot.id }) })).requestConsultation;
    const rows = await t.sql(`SELECT type, payload FROM messaging.outbox WHERE aggregate_id = $1 ORDER BY position`, [booked.id]);
    expect(rows.map((r) => [r.type, r.payload.provided?.length ?? null])).toEqual([
      ['support.consultation.requested', 1], ['support.consultation.booked', null],
    ]);
  });

  it("widens a journey to every organization of the region with CONSORTIUM_SHARING; the organization's own answer wins", async () => {
    const person = await t.candidate('共有 さん');
    const me = person.accountId!;
    await person.ok(REQUEST, { input: requestInput(regionId, { fullName: '共有 花子', phone: '090-5555-0000' }) });
    await t.drainAll();
    // Without consent: routed staff see support's entries; unrelated organizations of the region see nothing.
    expect(modules(await seenBy(biz, me))).toEqual(['support']);
    expect(await seenBy(museum, me)).toBeNull();
    expect(await listedBy(museum)).not.toContain(me);

    // Granted for every organization: each organization of the region sees every entry, without contact details.
    await consent(me, true, null);
    await t.drainAll();
    const shared = await seenBy(museum, me);
    expect(shared).toMatchObject({ stage: 'REGISTERED', person: { accountId: me, displayName: '共有 さん', fullName: null, email: null, phone: null } });
    expect(modules(shared)).toEqual(['identity', 'support']);
    expect(await listedBy(museum)).toContain(me);
    expect(modules(await seenBy(biz, me))).toEqual(['identity', 'support']);
    expect((await seenBy(biz, me))!.person).toMatchObject({ fullName: '共有 花子', phone: '090-5555-0000' }); // the routed desk, as before
    // Not another region's organization, nor another candidate.
    expect(await seenBy(await t.staff(['EVENTS_MANAGE']), me)).toBeNull();
    expect(await seenBy(await t.candidate(), me)).toBeNull();

    // Withdrawn for the museum alone: its own answer wins over the general one.
    await consent(me, false, museum.organizationId);
    await t.drainAll();
    expect(await seenBy(museum, me)).toBeNull();
    expect(await listedBy(museum)).not.toContain(me);
    expect(modules(await seenBy(library, me))).toEqual(['identity', 'support']);

    // An answer older than the one kept (a change whose transaction committed late) changes nothing.
    await consent(me, true, museum.organizationId, 1);
    await t.drainAll();
    expect(await seenBy(museum, me)).toBeNull();

    // Withdrawn for every organization: back to the rule of 70-support.
    await consent(me, false, null);
    await t.drainAll();
    expect(await seenBy(library, me)).toBeNull();
    expect(await listedBy(library)).not.toContain(me);
    expect(modules(await seenBy(biz, me))).toEqual(['support']);
    // Granted to the library alone: only the library.
    await consent(me, true, library.organizationId);
    await t.drainAll();
    expect(modules(await seenBy(library, me))).toEqual(['identity', 'support']);
    expect(await seenBy(museum, me)).toBeNull();
    // Other purposes are not support's business.
    await t.publish([ConsentChanged.create(me, { accountId: me, purpose: 'MATCHING', organizationId: null, granted: true, at: new Date().toISOString(), version: ++consentVersion })], 'privacy');
    await t.drainAll();
    expect(await t.sql(`SELECT organization_id FROM support.consent WHERE account_id = $1 ORDER BY organization_id`, [me]))
      .toHaveLength(3);
  });

  it('exports the consultations with their outcomes and the journey with its entries', async () => {
    const person = await t.candidate('書出 さん');
    const me = person.accountId!;
    const [slot] = await offer(biz);
    const done = (await person.ok(REQUEST, { input: requestInput(regionId, { fullName: '書出 一郎', phone: '090-7777-0000', slotId: slot.id }) })).requestConsultation;
    await biz.ok(OUTCOME, { input: { consultationId: done.id, status: 'DONE', outcome: '求人を2件紹介' } });
    const open = (await person.ok(REQUEST, { input: requestInput(regionId, { topics: ['HOUSING'], question: '空き家を探しています' }) })).requestConsultation;
    await consent(me, true, null);
    await t.drainAll();

    const section: any = await t.app.get(QueryBus).execute(new ExportSupportPersonalDataQuery(me));
    const json = JSON.parse(JSON.stringify(section)); // plain JSON: nothing lost on the way
    expect(json).toEqual(section);
    expect(section.consultations).toEqual([
      {
        id: done.id, regionId, status: 'DONE', topics: ['WORK'], channel: 'ONLINE', question: requestInput(regionId).question,
        displayName: '書出 さん', fullName: '書出 一郎', email: expect.stringContaining('@'), phone: '090-7777-0000',
        routedTo: [biz.organizationId],
        slot: { id: slot.id, organizationId: biz.organizationId, startsAt: new Date(slot.startsAt).toISOString(), endsAt: expect.any(String) },
        outcome: '求人を2件紹介', createdAt: expect.any(String), updatedAt: expect.any(String),
      },
      expect.objectContaining({ id: open.id, status: 'REQUESTED', topics: ['HOUSING'], question: '空き家を探しています', slot: null, outcome: null, routedTo: [city.organizationId] }),
    ]);
    expect(section.person).toEqual({ displayName: '書出 さん', email: expect.stringContaining('@'), registeredAt: expect.any(String) });
    expect(section.journeys).toHaveLength(1);
    const journey = section.journeys[0];
    expect(journey).toMatchObject({ regionId, stage: 'CONSULTED', updatedAt: expect.any(String) });
    // Oldest first; a request that booked its slot at once gives two entries of the same instant, in no promised order.
    expect(journey.entries.map((e: any) => e.kind).sort()).toEqual([
      'ACCOUNT_REGISTERED', 'CONSULTATION_BOOKED', 'CONSULTATION_DONE', 'CONSULTATION_REQUESTED', 'CONSULTATION_REQUESTED',
    ]);
    const times = journey.entries.map((e: any) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(journey.entries[0].kind).toBe('ACCOUNT_REGISTERED');
    expect(journey.entries).toContainEqual({ at: expect.any(String), module: 'support', kind: 'CONSULTATION_DONE', summary: '仕事について相談', subjectId: done.id });
    expect(journey.servedBy).toEqual(expect.arrayContaining([
      { module: 'support', subjectId: done.id, organizationId: biz.organizationId, active: true, since: expect.any(String) },
      { module: 'support', subjectId: open.id, organizationId: city.organizationId, active: true, since: expect.any(String) },
    ]));
    expect(section.consortiumSharing).toEqual([{ organizationId: null, granted: true, at: expect.any(String) }]);
    // No internal columns.
    expect(JSON.stringify(section)).not.toMatch(/"version"|"eventId"|"stage_rank"|"account_id"/);
    // Someone who never came: empty lists.
    expect(await t.app.get(QueryBus).execute(new ExportSupportPersonalDataQuery(newId())))
      .toEqual({ consultations: [], person: null, journeys: [], consortiumSharing: [] });
  });

  describe('erasure', () => {
    const who = { displayName: '消去テスト', fullName: '消去 太郎', phone: '090-9876-5432' };
    let email: string;
    let person: Client;
    let me: string;
    let bookedSlot: string;
    let booked: string;
    let requested: string;
    let done: string;

    /** Every column of the support schema, and every payload of the log, holding one of the person's values. */
    const traces = (needles: string[]) => personalDataTraces(t, needles, { schemas: ['support'] });
    const needles = () => [who.displayName, who.fullName, who.phone, email];

    beforeAll(async () => {
      // A person who used support fully, as a user would: a briefing attended, a consultation
      // done (the staff's notes name them), one booked on a slot, one waiting for a slot.
      email = `${t.unique('erase')}@test.minato.example`;
      const signUp = await t.anonymous().ok(`mutation($input: SignUpInput!) { signUp(input: $input) { token account { id } } }`, {
        input: { email, password: PASSWORD, displayName: who.displayName },
      });
      person = t.as(signUp.signUp.token);
      me = signUp.signUp.account.id;
      const organizer = await t.staff(['EVENTS_MANAGE'], regionId);
      const eventId = await openEvent(organizer, { title: '気仙沼 移住説明会' });
      const registration = (await person.ok(REGISTER, { id: eventId })).registerForEvent;
      await organizer.ok(CLOSE, { id: eventId });
      await organizer.ok(CHECK_IN, { id: registration.id });
      const mine = { fullName: who.fullName, phone: who.phone };
      done = (await person.ok(REQUEST, { input: requestInput(regionId, { ...mine, question: `${who.fullName}です。${email} か ${who.phone} にご連絡ください` }) })).requestConsultation.id;
      await biz.ok(OUTCOME, { input: { consultationId: done, status: 'DONE', outcome: `${who.fullName}様(${who.phone})に求人を紹介` } });
      [{ id: bookedSlot }] = await offer(biz, { startsAt: [inHours(72)] });
      booked = (await person.ok(REQUEST, { input: requestInput(regionId, { ...mine, slotId: bookedSlot }) })).requestConsultation.id;
      requested = (await person.ok(REQUEST, { input: requestInput(regionId, { ...mine, topics: ['HOUSING'] }) })).requestConsultation.id;
      await consent(me, true, null);
      await t.drainAll();
      expect(await traces(needles())).not.toEqual([]); // the search finds what is there
    });

    it('cancels what the person held as their own cancellation, frees the slot, and leaves nothing of them in support', async () => {
      // What identity does before privacy asks every module: the account's event scrubbed.
      await t.sql(
        `UPDATE messaging.outbox SET payload = payload || jsonb_build_object('email', NULL, 'displayName', $2::text)
          WHERE aggregate_type = 'Account' AND aggregate_id = $1`,
        [me, ERASED_DISPLAY_NAME],
      );
      await t.publish([AccountErasureRequested.create(me, { accountId: me, requestedAt: new Date().toISOString() })], 'privacy');
      await t.drainAll();

      // Released as the person's own cancellation would: CANCELLED, by the PERSON, the slot free again.
      const rows = await t.sql(`SELECT id, status FROM support.consultation WHERE account_id = $1`, [me]);
      expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [done]: 'DONE', [booked]: 'CANCELLED', [requested]: 'CANCELLED' });
      const cancelled = await t.sql(`SELECT aggregate_id, payload FROM messaging.outbox WHERE type = 'support.consultation.cancelled' AND payload->>'accountId' = $1`, [me]);
      expect(cancelled.map((r) => [r.aggregate_id, r.payload.cancelledBy, r.payload.previousStatus]).sort()).toEqual(
        [[booked, 'PERSON', 'BOOKED'], [requested, 'PERSON', 'REQUESTED']].sort(),
      );
      const other = await t.candidate();
      const rebooked = (await other.ok(REQUEST, { input: requestInput(regionId, { slotId: bookedSlot }) })).requestConsultation;
      expect(rebooked).toMatchObject({ status: 'BOOKED', slot: { id: bookedSlot, booked: true } });

      // Nothing of them: no column of the support schema, no payload of the log.
      expect(await traces(needles())).toEqual([]);
      const erased = await t.sql(`SELECT display_name, full_name, email, phone, question, outcome FROM support.consultation WHERE account_id = $1`, [me]);
      for (const row of erased) expect(row).toEqual({ display_name: ERASED_DISPLAY_NAME, full_name: null, email: null, phone: null, question: '', outcome: null });
      expect(await t.sql(`SELECT display_name, email FROM support.journey_person WHERE account_id = $1`, [me]))
        .toEqual([{ display_name: ERASED_DISPLAY_NAME, email: null }]);
      // The way stays (the counts): the journey and its entries, under an erased name.
      const journey = await seenBy(await t.admin(), me);
      expect(journey).toMatchObject({ stage: 'CONSULTED', person: { displayName: ERASED_DISPLAY_NAME, fullName: null, email: null, phone: null } });
      expect(journey!.entries.edges.map((e) => e.node.kind)).toEqual(expect.arrayContaining(['CONSULTATION_CANCELLED', 'EVENT_ATTENDED']));
      // Staff of the routed desk see the history without a person behind it.
      const queue = await biz.ok(`query($r: ID!) { consultationQueue(regionId: $r, first: 100) { edges { node { id question outcome person { displayName fullName email phone } } } } }`, { r: regionId });
      const node = queue.consultationQueue.edges.map((e: any) => e.node).find((n: any) => n.id === done);
      expect(node).toEqual({ id: done, question: '', outcome: null, person: { displayName: ERASED_DISPLAY_NAME, fullName: null, email: null, phone: null } });
    });

    it('finds nothing to do on a second request', async () => {
      const before = await t.sql(`SELECT count(*)::int AS n FROM messaging.outbox WHERE source = 'support'`);
      await t.publish([AccountErasureRequested.create(me, { accountId: me, requestedAt: new Date().toISOString() })], 'privacy');
      await t.drainAll();
      expect(await t.sql(`SELECT count(*)::int AS n FROM messaging.outbox WHERE source = 'support'`)).toEqual(before);
    });

    it('brings nothing back when the journey is rebuilt from the log', async () => {
      await (await t.admin()).ok(RESET);
      await t.drainAll();
      expect(await t.sql(`SELECT display_name, email FROM support.journey_person WHERE account_id = $1`, [me]))
        .toEqual([{ display_name: ERASED_DISPLAY_NAME, email: null }]);
      expect((await seenBy(await t.admin(), me))!.stage).toBe('CONSULTED');
      expect(await traces(needles())).toEqual([]);
    });

    it('writes a person erased before their registration reached the journey as erased', async () => {
      // The journey is behind: the erasure is handled first, the registration (unscrubbed, say) arrives after.
      const late = newId();
      await t.publish([AccountErasureRequested.create(late, { accountId: late, requestedAt: new Date().toISOString() })], 'privacy');
      await t.drainAll();
      await t.publish([AccountRegistered.create(late, { accountId: late, email: 'late@test.minato.example', displayName: '遅れて届く', kind: AccountKind.CANDIDATE, memberships: [] })], 'identity');
      await t.drainAll();
      expect(await t.sql(`SELECT display_name, email FROM support.journey_person WHERE account_id = $1`, [late]))
        .toEqual([{ display_name: ERASED_DISPLAY_NAME, email: null }]);
      // And a scrubbed registration (email null) is taken as it is.
      const scrubbed = newId();
      await t.publish([AccountRegistered.create(scrubbed, { accountId: scrubbed, email: null as never, displayName: ERASED_DISPLAY_NAME, kind: AccountKind.CANDIDATE, memberships: [] })], 'identity');
      await t.drainAll();
      expect(await t.sql(`SELECT display_name, email FROM support.journey_person WHERE account_id = $1`, [scrubbed]))
        .toEqual([{ display_name: ERASED_DISPLAY_NAME, email: null }]);
    });

    it('refuses a consultation request from an erased account (one in flight when it was erased)', async () => {
      const ghost = await t.candidate('幽霊');
      await t.publish([AccountErasureRequested.create(ghost.accountId!, { accountId: ghost.accountId!, requestedAt: new Date().toISOString() })], 'privacy');
      await t.drainAll();
      // Identity has revoked its tokens by now; this token stands for a request already past that check.
      const res = await ghost.gql(REQUEST, { input: requestInput(regionId) });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await t.sql(`SELECT 1 FROM support.consultation WHERE account_id = $1`, [ghost.accountId])).toEqual([]);
    });
  });
});
