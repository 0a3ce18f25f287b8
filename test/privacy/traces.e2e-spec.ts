import { randomUUID } from 'node:crypto';
import { openEvent } from '../events/events.fixtures.js';
import { TestApp } from '../harness/harness.js';
import { personalDataTraces } from '../harness/personal-data.js';

/**
 * The search the erasure tests rely on to say "no trace left" (test/harness/personal-data.ts):
 * it must find a value wherever it was put — a text column, an array, a JSON column, an event
 * payload — whatever its case, and find nothing for a value that is nowhere.
 */
describe('privacy: the search for personal data left behind', () => {
  let t: TestApp;
  const tag = randomUUID().slice(0, 8);
  const inText = `Trace-${tag}-Text`;
  const inArray = `Trace-${tag}-Array`;
  const inJson = `Trace-${tag}-Json`;
  const inPayload = `Trace-${tag}-Payload`;

  beforeAll(async () => {
    t = await TestApp.start();
    // A text and an array column, written as any module's row.
    await t.sql(
      `INSERT INTO insights.profile (account_id, age_band, home_prefecture, work_styles, first_saved_at) VALUES ($1, 'FIFTIES', $2, $3, now())`,
      [randomUUID(), inText, ['SIDE_JOB', inArray]],
    );
    // A JSON column, through the API.
    const organizer = await t.staff(['EVENTS_MANAGE']);
    await openEvent(organizer, { speakers: [{ name: inJson, affiliation: '気仙沼市' }] });
    // An event in the log (a type no one subscribes to).
    await t.publish([{
      id: randomUUID(), type: 'test.trace.probe', payloadVersion: 1, aggregateType: 'Probe', aggregateId: randomUUID(), occurredAt: new Date(),
      payload: { note: `連絡先: ${inPayload}` },
    }]);
  });
  afterAll(() => t.close());

  it('reports nothing for a value that is nowhere', async () => {
    expect(await personalDataTraces(t, [`nowhere-${tag}`])).toEqual([]);
    expect(await personalDataTraces(t, [`nowhere-${tag}`, `誰でもない ${tag}`], { schemas: ['insights', 'events'] })).toEqual([]);
  });

  it('finds a value in a text, an array and a JSON column, and in an event payload, whatever its case', async () => {
    expect(await personalDataTraces(t, [inText])).toEqual(['insights.profile.home_prefecture']);
    expect(await personalDataTraces(t, [inArray.toUpperCase()])).toEqual(['insights.profile.work_styles']);
    expect(await personalDataTraces(t, [inJson.toLowerCase()], { schemas: ['events'] })).toContain('events.event.speakers');
    expect(await personalDataTraces(t, [inPayload.toLowerCase()])).toEqual(['messaging.outbox test.trace.probe']);
    // Several needles at once: every place that holds any of them.
    expect(await personalDataTraces(t, [`nowhere-${tag}`, inText, inArray, inPayload])).toEqual([
      'insights.profile.home_prefecture', 'insights.profile.work_styles', 'messaging.outbox test.trace.probe',
    ]);
  });

  it('searches only the schemas and the event sources it is given', async () => {
    expect(await personalDataTraces(t, [inText, inPayload], { schemas: ['support'] })).toEqual(['messaging.outbox test.trace.probe']);
    expect(await personalDataTraces(t, [inText, inPayload], { schemas: ['insights'], outboxExcludeSources: ['test'] }))
      .toEqual(['insights.profile.home_prefecture']);
    expect(await personalDataTraces(t, [inPayload], { outboxSources: ['test'] })).toEqual(['messaging.outbox test.trace.probe']);
    expect(await personalDataTraces(t, [inPayload], { outboxSources: ['identity', 'events'] })).toEqual([]);
  });

  it('refuses a schema with no table and a blank needle, rather than finding nothing', async () => {
    await expect(personalDataTraces(t, [inText], { schemas: ['insight'] })).rejects.toThrow(/no table in schema insight/);
    await expect(personalDataTraces(t, [''])).rejects.toThrow(/non-blank/);
    await expect(personalDataTraces(t, [])).rejects.toThrow(/non-blank/);
  });
});
