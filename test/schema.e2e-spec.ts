import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import { TestApp } from './harness/harness.js';

const FILE = new URL('../src/schema.gql', import.meta.url);
const HEADER = '# Generated from the code by `npm run schema:write`; a test fails when it drifts.\n\n';

/**
 * src/schema.gql is what frontends and the contract check read; it must be exactly what
 * the code serves. `npm run schema:write` regenerates it.
 */
describe('the committed schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('matches the schema the code generates', () => {
    const generated = HEADER + printSchema(lexicographicSortSchema(t.app.get(GraphQLSchemaHost).schema)) + '\n';
    if (process.env.MINATO_WRITE_SCHEMA === '1') writeFileSync(FILE, generated);
    expect(readFileSync(FILE, 'utf8')).toBe(generated);
  });
});
