import { expectCountOnlyWhenSelected } from '../harness/connections.js';
import { Client, TestApp } from '../harness/harness.js';
import { REQUEST_STAY, REQUEST_VIEWING, day, publishedListing, stayInput } from './housing.fixtures.js';

/** Every housing connection counts only when the client selects totalCount. */
describe('housing connections', () => {
  let t: TestApp;
  let staff: Client & { organizationId: string; regionId: string };
  let trial: string;
  let rental: string;

  beforeAll(async () => {
    t = await TestApp.start();
    staff = await t.staff(['HOUSING_MANAGE']);
    trial = await publishedListing(staff, 'TRIAL_STAY');
    rental = await publishedListing(staff, 'RENTAL');
    for (let i = 0; i < 3; i++) {
      const c = await t.candidate();
      await c.ok(REQUEST_STAY, { input: stayInput(trial, day(5 + 10 * i), day(8 + 10 * i)) });
      await c.ok(REQUEST_VIEWING, { input: { listingId: rental, preferredDates: [day(3)], fullName: '佐藤 真理子', phone: '090-1234-5678' } });
    }
  });
  afterAll(() => t.close());

  it('listings', async () => {
    await expectCountOnlyWhenSelected(
      t, t.anonymous(), (s) => `query($r: ID) { listings(filter: { regionId: $r }, first: 1) { ${s} } }`, { r: staff.regionId }, (d) => d.listings, 2,
    );
  });

  it('listingStays', async () => {
    await expectCountOnlyWhenSelected(
      t, staff, (s) => `query($id: ID!) { listingStays(listingId: $id, first: 2) { ${s} } }`, { id: trial }, (d) => d.listingStays, 3,
    );
  });

  it('listingViewingRequests', async () => {
    await expectCountOnlyWhenSelected(
      t, staff, (s) => `query($id: ID!) { listingViewingRequests(listingId: $id, first: 2) { ${s} } }`, { id: rental }, (d) => d.listingViewingRequests, 3,
    );
  });
});
