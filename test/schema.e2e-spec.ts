import { GraphQLSchemaHost } from '@nestjs/graphql';
import { GraphQLObjectType, lexicographicSortSchema, printSchema } from 'graphql';
import { DateTimeScalar } from '#libs/graphql/date-time.js';
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

  it('serves DateTime through its own scalar, and reads plain fields inline but computed ones through their resolver', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    expect(schema.getType('DateTime')).toBe(DateTimeScalar);
    const fields = (type: string) => (schema.getType(type) as GraphQLObjectType).getFields();
    expect(fields('Opportunity').title.resolve).toBeUndefined();
    expect(fields('Opportunity').publishedAt.resolve).toBeUndefined();
    expect(fields('Opportunity').employer.resolve).toBeDefined(); // a @ResolveField
    expect(fields('OpportunityEdge').cursor.resolve).toBeDefined(); // encoded when read
    expect(fields('PageInfo').endCursor.resolve).toBeDefined();
    expect(fields('OpportunityConnection').totalCount.resolve).toBeDefined(); // counted when selected
  });
});
