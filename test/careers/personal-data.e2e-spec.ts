import { QueryBus } from '@nestjs/cqrs';
import { ExportCareersPersonalDataQuery } from '#libs/contracts/careers/personal-data.js';
import { TestApp } from '../harness/harness.js';

/** Careers and personal data: it keeps nothing keyed by a person, and its export section says so. */
describe('careers: personal data', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('holds no column naming an account or a person, so its section is empty for anyone', async () => {
    const columns = await t.sql<{ name: string }>(
      `SELECT table_name || '.' || column_name AS name FROM information_schema.columns
        WHERE table_schema = 'careers' AND (column_name ~ '(account|person|candidate|email|phone|full_name|display_name|_by)')`,
    );
    expect(columns).toEqual([]);
    const person = await t.candidate();
    expect(await t.app.get(QueryBus).execute(new ExportCareersPersonalDataQuery(person.accountId!))).toEqual({ employers: [], opportunities: [] });
  });
});
