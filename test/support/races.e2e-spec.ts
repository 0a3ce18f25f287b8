import { Client, TestApp, codeOf } from '../harness/harness.js';
import { BOOK, REQUEST, inBatches, inHours, offer, reasonOf, requestInput } from './support.fixtures.js';

type Staff = Client & { organizationId: string; regionId: string };

/** One consultation per slot, whatever the concurrency: the database decides. */
describe('support: racing for one slot', () => {
  let t: TestApp;
  let biz: Staff;
  let people: Client[];

  beforeAll(async () => {
    t = await TestApp.start();
    biz = await t.staff(['CAREERS_MANAGE']);
    people = await inBatches(Array.from({ length: 20 }, (_, i) => i), 10, (i) => t.candidate(`相談者${i}`));
  });
  afterAll(() => t.close());

  const bookedOn = async (slotId: string) =>
    (await t.sql(`SELECT count(*)::int AS n FROM support.consultation WHERE slot_id = $1 AND status <> 'CANCELLED'`, [slotId]))[0].n;
  const bookedEvents = async (slotId: string) =>
    (await t.sql(`SELECT count(*)::int AS n FROM messaging.outbox WHERE type = 'support.consultation.booked' AND payload->>'slotId' = $1`, [slotId]))[0].n;

  it('100 concurrent bookings of one slot by 100 consultations: exactly one holds it, 99 SLOT_TAKEN, one event', async () => {
    const [slot] = await offer(biz, { startsAt: [inHours(72)] });
    const consultations = await inBatches(Array.from({ length: 100 }, (_, i) => people[i % people.length]), 20, async (p) => ({
      person: p,
      id: (await p.ok(REQUEST, { input: requestInput(biz.regionId) })).requestConsultation.id as string,
    }));
    const results = await Promise.all(consultations.map((c) => c.person.gql(BOOK, { input: { consultationId: c.id, slotId: slot.id } })));
    const won = results.filter((r) => !r.errors);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => `${codeOf(r)} ${reasonOf(r)}`)).toEqual(Array(99).fill('CONFLICT SLOT_TAKEN'));
    expect(won[0].data!.bookConsultationSlot).toMatchObject({ status: 'BOOKED', slot: { id: slot.id, booked: true } });
    expect(await bookedOn(slot.id)).toBe(1);
    expect(await bookedEvents(slot.id)).toBe(1);
    // The losers stay REQUESTED, with no slot.
    const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM support.consultation WHERE id = ANY($1::uuid[]) AND status = 'REQUESTED' AND slot_id IS NULL`,
      [consultations.map((c) => c.id)]);
    expect(n).toBe(99);
  });

  it('100 concurrent requests with the same slot: exactly one consultation is written', async () => {
    const [slot] = await offer(biz, { startsAt: [inHours(73)] });
    const before = (await t.sql(`SELECT count(*)::int AS n FROM support.consultation`))[0].n;
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => people[i % people.length].gql(REQUEST, { input: requestInput(biz.regionId, { slotId: slot.id }) })),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(new Set(results.filter((r) => r.errors).map((r) => `${codeOf(r)} ${reasonOf(r)}`))).toEqual(new Set(['CONFLICT SLOT_TAKEN']));
    expect((await t.sql(`SELECT count(*)::int AS n FROM support.consultation`))[0].n).toBe(before + 1);
    expect(await bookedOn(slot.id)).toBe(1);
    expect(await bookedEvents(slot.id)).toBe(1);
  });

  it('cancelling while others race for the slot: never two holders; the freed slot goes to at most one', async () => {
    const [slot] = await offer(biz, { startsAt: [inHours(74)] });
    const holder = (await people[0].ok(REQUEST, { input: requestInput(biz.regionId, { slotId: slot.id }) })).requestConsultation;
    const others = await inBatches(people.slice(1), 10, async (p) => ({
      person: p, id: (await p.ok(REQUEST, { input: requestInput(biz.regionId) })).requestConsultation.id as string,
    }));
    const cancel = people[0].gql(`mutation($input: ConsultationIdInput!) { cancelConsultation(input: $input) { status } }`, { input: { consultationId: holder.id } });
    const racing = others.map((c) => c.person.gql(BOOK, { input: { consultationId: c.id, slotId: slot.id } }));
    const [cancelled, ...results] = await Promise.all([cancel, ...racing]);
    expect(cancelled.data!.cancelConsultation.status).toBe('CANCELLED');
    expect(results.filter((r) => !r.errors).length).toBeLessThanOrEqual(1);
    for (const r of results.filter((x) => x.errors)) expect(reasonOf(r)).toBe('SLOT_TAKEN');
    expect(await bookedOn(slot.id)).toBe(results.filter((r) => !r.errors).length);
  });
});
