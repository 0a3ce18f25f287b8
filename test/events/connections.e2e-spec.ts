import { expectCountOnlyWhenSelected } from '../harness/connections.js';
import { Client, TestApp } from '../harness/harness.js';
import { REGISTER, openEvent } from './events.fixtures.js';

/** Every events connection counts only when the client selects totalCount. */
describe('events connections', () => {
  let t: TestApp;
  let staff: Client & { organizationId: string; regionId: string };
  let eventId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.staff(['EVENTS_MANAGE']);
    eventId = await openEvent(staff);
    await openEvent(staff, { title: '気仙沼 現地ツアー', kind: 'TOUR', capacity: 20 });
    for (let i = 0; i < 3; i++) await (await t.candidate()).ok(REGISTER, { id: eventId });
  });
  afterAll(() => t.close());

  it('events', async () => {
    await expectCountOnlyWhenSelected(
      t, t.anonymous(), (s) => `query($r: ID) { events(filter: { regionId: $r }, first: 1) { ${s} } }`, { r: staff.regionId }, (d) => d.events, 2,
    );
  });

  it('eventRegistrations', async () => {
    await expectCountOnlyWhenSelected(
      t, staff, (s) => `query($id: ID!) { eventRegistrations(eventId: $id, first: 2) { ${s} } }`, { id: eventId }, (d) => d.eventRegistrations, 3,
    );
  });
});
