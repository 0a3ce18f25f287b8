import { randomUUID } from 'node:crypto';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { ExportHousingPersonalDataQuery } from '#libs/contracts/housing/personal-data.js';
import { ERASED_DISPLAY_NAME } from '#libs/contracts/privacy/enums.js';
import { RequestStayCommand } from '../../src/modules/housing/application/commands/request-stay/request-stay.command.js';
import { RequestViewingCommand } from '../../src/modules/housing/application/commands/request-viewing/request-viewing.command.js';
import { Client, TestApp, codeOf } from '../harness/harness.js';
import { personalDataTraces } from '../harness/personal-data.js';
import {
  CHECK_IN_STAY, COMPLETE_STAY, CONFIRM_STAY, LISTING_STAYS, REQUEST_STAY, REQUEST_VIEWING, SCHEDULE_VIEWING, STAY, VIEWING, day,
  publishedListing, stayInput,
} from './housing.fixtures.js';

type Staff = Client & { organizationId: string; regionId: string };

/**
 * Contract 90-privacy in housing: the provision facts its requests carry, its section of a
 * person's export, and erasure (holds released as the person's own cancellations, then no
 * trace of the person in any column of the schema nor in any event payload).
 */
describe('housing and personal data', () => {
  let t: TestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.staff(['HOUSING_MANAGE']);
  });
  afterAll(() => t.close());

  const payloads = (type: string, aggregateId: string) =>
    t.sql(`SELECT payload FROM messaging.outbox WHERE type = $1 AND aggregate_id = $2 ORDER BY position`, [type, aggregateId])
      .then((rows) => rows.map((r) => r.payload));

  /** Every column of every table of the schema, and every event payload but identity's (its own to scrub), holding any needle. */
  const traces = (needles: string[]) => personalDataTraces(t, needles, { schemas: ['housing'], outboxExcludeSources: ['identity'] });

  describe('provision facts', () => {
    it('a stay request carries the managing organization\'s access to the register (REQUEST, occasion stay)', async () => {
      const guest = await t.candidate();
      const listingId = await publishedListing(staff);
      const { requestStay } = await guest.ok(REQUEST_STAY, { input: stayInput(listingId, day(10), day(12)) });
      const [payload] = await payloads('housing.stay.requested', requestStay.id);
      expect(payload.provided).toEqual([{
        subjectAccountId: guest.accountId, recipientOrganizationId: staff.organizationId, recipientAccountId: null,
        purpose: '宿泊の受け入れと連絡のため', fields: ['fullName', 'email', 'phone'], basis: 'REQUEST', occasion: 'stay',
        occasionId: requestStay.id,
      }]);
      // What the fact says the organization sees is what its staff see.
      const { stay } = await staff.ok(STAY, { id: requestStay.id });
      expect(stay.guest).toMatchObject({ fullName: '佐藤 真理子', phone: '090-1234-5678', email: expect.stringContaining('@') });
      // Confirming provides nothing new: no fact on the other stay events.
      await staff.ok(CONFIRM_STAY, { id: requestStay.id });
      expect((await payloads('housing.stay.confirmed', requestStay.id))[0].provided).toBeUndefined();
    });

    it('a viewing request carries the managing organization\'s access (REQUEST, occasion viewing)', async () => {
      const requester = await t.candidate();
      const listingId = await publishedListing(staff, 'RENTAL');
      const { requestViewing } = await requester.ok(REQUEST_VIEWING, {
        input: { listingId, preferredDates: [day(5)], fullName: '高橋 次郎', phone: '080-2222-3333' },
      });
      const [payload] = await payloads('housing.viewing.requested', requestViewing.id);
      expect(payload.provided).toEqual([{
        subjectAccountId: requester.accountId, recipientOrganizationId: staff.organizationId, recipientAccountId: null,
        purpose: '内見の日程調整と連絡のため', fields: ['fullName', 'email', 'phone'], basis: 'REQUEST', occasion: 'viewing',
        occasionId: requestViewing.id,
      }]);
    });
  });

  describe('export', () => {
    it('answers the person\'s stays and viewings with the register they gave, as plain JSON, and nothing of others', async () => {
      const person = await t.candidate('書き出す人');
      const other = await t.candidate('別の人');
      const trial = await publishedListing(staff, 'TRIAL_STAY', { title: '唐桑のお試し住宅' });
      const rental = await publishedListing(staff, 'RENTAL', { title: '港町の貸家' });
      const { requestStay } = await person.ok(REQUEST_STAY, {
        input: stayInput(trial, day(20), day(23), { fullName: '書出 花子', phone: '070-1111-0000', purpose: '下見' }),
      });
      await staff.ok(CONFIRM_STAY, { id: requestStay.id });
      const { requestViewing } = await person.ok(REQUEST_VIEWING, {
        input: { listingId: rental, preferredDates: [day(4), day(3)], message: '午後が都合よいです', fullName: '書出 花子', phone: '070-1111-0000' },
      });
      await other.ok(REQUEST_STAY, { input: stayInput(trial, day(30), day(32), { fullName: '他人 太郎' }) });

      const section = await t.app.get(QueryBus).execute(new ExportHousingPersonalDataQuery(person.accountId!));
      expect(JSON.parse(JSON.stringify(section))).toEqual(section); // plain JSON values only
      expect(section.stays).toEqual([{
        id: requestStay.id,
        listing: { id: trial, title: '唐桑のお試し住宅', kind: 'TRIAL_STAY', district: '気仙沼市唐桑町' },
        regionId: staff.regionId, organizationId: staff.organizationId,
        register: { displayName: '書き出す人', fullName: '書出 花子', email: expect.stringContaining('@'), phone: '070-1111-0000' },
        checkIn: day(20), checkOut: day(23), nights: 3, partySize: 1, purpose: '下見', priceYen: 6000, status: 'CONFIRMED',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/), updatedAt: expect.stringMatching(/Z$/),
      }]);
      expect(section.viewingRequests).toEqual([{
        id: requestViewing.id,
        listing: { id: rental, title: '港町の貸家', kind: 'RENTAL', district: '気仙沼市唐桑町' },
        regionId: staff.regionId, organizationId: staff.organizationId,
        register: { displayName: '書き出す人', fullName: '書出 花子', email: expect.stringContaining('@'), phone: '070-1111-0000' },
        preferredDates: [day(3), day(4)], message: '午後が都合よいです', status: 'REQUESTED', scheduledAt: null,
        createdAt: expect.stringMatching(/Z$/), updatedAt: expect.stringMatching(/Z$/),
      }]);
      expect(JSON.stringify(section)).not.toContain('他人');
      expect(await t.app.get(QueryBus).execute(new ExportHousingPersonalDataQuery(randomUUID()))).toEqual({ stays: [], viewingRequests: [] });
    });
  });

  describe('erasure', () => {
    it('releases the stays and viewings as the person\'s own cancellations, then leaves no trace of them', async () => {
      const name = `消える 候補者 ${randomUUID().slice(0, 6)}`;
      const person = await t.candidate(name);
      const email = (await person.ok('{ me { email } }')).me.email as string;
      const register = { fullName: '消去 恵子', phone: '090-9876-5432' };
      const trial = await publishedListing(staff, 'TRIAL_STAY');
      const shared = await publishedListing(staff, 'SHARED_HOUSE');
      const rental = await publishedListing(staff, 'RENTAL');

      // A stay that took place (kept for counts, without the register).
      const { requestStay: past } = await person.ok(REQUEST_STAY, { input: stayInput(trial, day(1), day(3), { ...register, purpose: '連絡は 090-9876-5432 へ' }) });
      await staff.ok(CONFIRM_STAY, { id: past.id });
      await t.sql(`UPDATE housing.stay SET check_in = check_in - 1, check_out = check_out - 1 WHERE id = $1`, [past.id]);
      await staff.ok(CHECK_IN_STAY, { id: past.id });
      await staff.ok(COMPLETE_STAY, { id: past.id });
      // A confirmed stay whose nights another guest is waiting for, and a stay still asked for.
      const { requestStay: held } = await person.ok(REQUEST_STAY, { input: stayInput(trial, day(40), day(44), register) });
      const waiting = await t.candidate('待つ人');
      const { requestStay: theirs } = await waiting.ok(REQUEST_STAY, { input: stayInput(trial, day(41), day(43)) });
      await staff.ok(CONFIRM_STAY, { id: held.id });
      expect(codeOf(await staff.gql(CONFIRM_STAY, { id: theirs.id }))).toBe('CONFLICT');
      const { requestStay: asked } = await person.ok(REQUEST_STAY, { input: stayInput(shared, day(60), day(62), register) });
      // A viewing asked for with a message, and one scheduled.
      const { requestViewing: v1 } = await person.ok(REQUEST_VIEWING, {
        input: { listingId: rental, preferredDates: [day(5)], message: `${register.phone} に電話ください`, ...register },
      });
      const { requestViewing: v2 } = await person.ok(REQUEST_VIEWING, { input: { listingId: rental, preferredDates: [day(6)], ...register } });
      await staff.ok(SCHEDULE_VIEWING, { id: v2.id, at: new Date(Date.now() + 6 * 86_400_000).toISOString() });

      const needles = [name, email, register.fullName, register.phone, register.phone.replace(/-/g, '')];
      // The search finds what is there.
      expect(await traces(needles)).toEqual(expect.arrayContaining([
        'housing.stay.guest_display_name', 'housing.stay.guest_email', 'housing.stay.guest_full_name', 'housing.stay.guest_phone',
        'housing.stay.purpose', 'housing.viewing_request.message', 'housing.viewing_request.requester_phone',
      ]));
      const staysBefore = await t.sql(`SELECT count(*)::int AS n FROM housing.stay`);

      await t.requestErasure(person.accountId!);
      await t.drainAll();

      // Released as the person's own cancellations: the held nights go to the one who waited.
      expect((await payloads('housing.stay.cancelled', held.id))[0]).toMatchObject({ previousStatus: 'CONFIRMED', cancelledBy: 'GUEST' });
      expect((await payloads('housing.stay.cancelled', asked.id))[0]).toMatchObject({ previousStatus: 'REQUESTED', cancelledBy: 'GUEST' });
      expect((await payloads('housing.viewing.cancelled', v1.id))[0]).toMatchObject({ previousStatus: 'REQUESTED', cancelledBy: 'REQUESTER' });
      expect((await payloads('housing.viewing.cancelled', v2.id))[0]).toMatchObject({ previousStatus: 'SCHEDULED', cancelledBy: 'REQUESTER' });
      expect((await staff.ok(CONFIRM_STAY, { id: theirs.id })).confirmStay.status).toBe('CONFIRMED');

      // The rows stay (counts), with no register; staff see who it was no more.
      expect(await t.sql(`SELECT count(*)::int AS n FROM housing.stay`)).toEqual(staysBefore);
      const { stay } = await staff.ok(STAY, { id: past.id });
      expect(stay).toMatchObject({ status: 'COMPLETED', purpose: null, guest: { accountId: person.accountId, displayName: ERASED_DISPLAY_NAME, fullName: null, email: null, phone: null } });
      const { viewingRequest } = await staff.ok(VIEWING, { id: v1.id });
      expect(viewingRequest).toMatchObject({ status: 'CANCELLED', message: null, requester: { displayName: ERASED_DISPLAY_NAME, fullName: null } });
      const listed = await staff.ok(LISTING_STAYS, { id: trial });
      expect(listed.listingStays.edges.filter((e: any) => e.node.guest.accountId === person.accountId)).toHaveLength(2);
      expect(await traces(needles)).toEqual([]);

      // A redelivery finds nothing to do.
      const logged = await t.sql(`SELECT count(*)::int AS n FROM messaging.outbox WHERE source = 'housing'`);
      await t.requestErasure(person.accountId!);
      await t.drainAll();
      expect(await t.sql(`SELECT count(*)::int AS n FROM messaging.outbox WHERE source = 'housing'`)).toEqual(logged);
    });

    describe('a request in flight while the account is erased', () => {
      const erase = async (accountId: string) => {
        await t.requestErasure(accountId);
        await t.drainAll();
      };
      const stayOf = (caller: Caller, listingId: string, from: number, to: number) =>
        new RequestStayCommand(caller, listingId, { checkIn: day(from), checkOut: day(to), partySize: 1, purpose: '下見 080-5555-6666' },
          { fullName: '飛行 中子', phone: '080-5555-6666' });
      const viewingOf = (caller: Caller, listingId: string) =>
        new RequestViewingCommand(caller, listingId, { preferredDates: [day(7)], message: '080-5555-6666 へ' }, { fullName: '飛行 中子', phone: '080-5555-6666' });

      it('is refused (FORBIDDEN) when it reaches housing after the erasure noted the account, and writes nothing', async () => {
        const person = await t.candidate(`途中 ${randomUUID().slice(0, 6)}`);
        const caller = await person.caller();
        const trial = await publishedListing(staff, 'TRIAL_STAY');
        const rental = await publishedListing(staff, 'RENTAL');
        await erase(caller.accountId);
        expect(await t.sql('SELECT account_id FROM housing.erased_account WHERE account_id = $1', [caller.accountId]))
          .toEqual([{ account_id: caller.accountId }]);

        // Past its token check before the erasure, the request goes on through the command: refused.
        const bus = t.app.get(CommandBus);
        await expect(bus.execute(stayOf(caller, trial, 10, 12))).rejects.toMatchObject({ code: 'FORBIDDEN' });
        await expect(bus.execute(viewingOf(caller, rental))).rejects.toMatchObject({ code: 'FORBIDDEN' });
        expect(await t.sql('SELECT id FROM housing.stay WHERE guest_account_id = $1', [caller.accountId])).toEqual([]);
        expect(await t.sql('SELECT id FROM housing.viewing_request WHERE requester_account_id = $1', [caller.accountId])).toEqual([]);
        expect(await t.sql(
          `SELECT type FROM messaging.outbox WHERE source = 'housing' AND payload->>'accountId' = $1`,
          [caller.accountId],
        )).toEqual([]);
        expect(await traces([caller.displayName, caller.email, '飛行 中子', '080-5555-6666'])).toEqual([]);
        // Nothing is held for them: the nights are anyone's.
        const other = await t.candidate();
        expect((await other.ok(REQUEST_STAY, { input: stayInput(trial, day(10), day(12)) })).requestStay.id).toBeTruthy();
      });

      it('committed before the erasure looked: found by it, released and emptied like the rest', async () => {
        const person = await t.candidate(`先に ${randomUUID().slice(0, 6)}`);
        const caller = await person.caller();
        const trial = await publishedListing(staff, 'TRIAL_STAY');
        const rental = await publishedListing(staff, 'RENTAL');
        const bus = t.app.get(CommandBus);
        const { stayId } = await bus.execute(stayOf(caller, trial, 20, 22));
        await staff.ok(CONFIRM_STAY, { id: stayId });
        const { viewingRequestId } = await bus.execute(viewingOf(caller, rental));
        await erase(caller.accountId);

        expect((await payloads('housing.stay.cancelled', stayId))[0]).toMatchObject({ previousStatus: 'CONFIRMED', cancelledBy: 'GUEST' });
        expect((await payloads('housing.viewing.cancelled', viewingRequestId))[0]).toMatchObject({ previousStatus: 'REQUESTED', cancelledBy: 'REQUESTER' });
        const { stay } = await staff.ok(STAY, { id: stayId });
        expect(stay).toMatchObject({ status: 'CANCELLED', purpose: null, guest: { displayName: ERASED_DISPLAY_NAME, fullName: null, email: null, phone: null } });
        expect(await traces([caller.displayName, caller.email, '飛行 中子', '080-5555-6666'])).toEqual([]);
        // The nights are free again.
        const other = await t.candidate();
        const { requestStay } = await other.ok(REQUEST_STAY, { input: stayInput(trial, day(20), day(22)) });
        expect((await staff.ok(CONFIRM_STAY, { id: requestStay.id })).confirmStay.status).toBe('CONFIRMED');
      });
    });
  });
});
