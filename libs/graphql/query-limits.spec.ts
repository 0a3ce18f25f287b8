import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate, type GraphQLError, type OperationDefinitionNode } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import {
  LIST_COST_FACTOR,
  MAX_ALIASES,
  MAX_DIRECTIVES,
  MAX_QUERY_COST,
  MAX_QUERY_DEPTH,
  costLimitPlugin,
  pagedCostEstimator,
  queryLimits,
} from './query-limits.js';

const schema = buildSchema(`
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Region { id: ID! name: String! }
  type Speaker { name: String! }
  type Employer { id: ID! name: String! region: Region! opportunities(first: Int, after: String): OpportunityConnection! }
  type Opportunity { id: ID! title: String! skills: [String!]! employer: Employer! region: Region! }
  type OpportunityEdge { cursor: String! node: Opportunity! }
  type OpportunityConnection { edges: [OpportunityEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type Event { id: ID! speakers: [Speaker!]! }
  type Query {
    opportunities(first: Int, after: String): OpportunityConnection!
    recommended(first: Int): [Opportunity!]!
    events: [Event!]!
    regions: [Region!]!
  }
`);

const cost = (query: string, variables: Record<string, unknown> = {}) =>
  getComplexity({ schema, query: parse(query), variables, estimators: [pagedCostEstimator()] });

/** The messages our rules (graphql's own, then armor's) give a document; [] when it passes. */
function refusals(query: string): string[] {
  const { validationRules } = queryLimits({ production: false });
  return validate(schema, parse(query), [...specifiedRules, ...validationRules]).map((e) => e.message);
}

/** Runs the cost plugin as Apollo does after validation; the error it refuses with, if any. */
async function costRefusal(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLError | undefined> {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  const hooks = await (costLimitPlugin().requestDidStart as (rc: unknown) => Promise<any>)({});
  try {
    await hooks.didResolveOperation({ schema, document, operation, request: { variables } });
    return undefined;
  } catch (error) {
    return error as GraphQLError;
  }
}

describe('the cost estimator', () => {
  it('counts a field and its children, and multiplies a page by `first`', () => {
    // node: id + title = 2, +1 = 3; edges: 4; the connection: (1 + 4) × 10
    expect(cost(`{ opportunities(first: 10) { edges { node { id title } } } }`)).toBe(50);
  });

  it('takes DEFAULT_PAGE when `first` is absent, and the variable when it is one', () => {
    expect(cost(`{ opportunities { totalCount } }`)).toBe(2 * 20);
    expect(cost(`query($n: Int) { opportunities(first: $n) { totalCount } }`, { n: 3 })).toBe(2 * 3);
  });

  it('clamps `first` to the page the resolvers accept (above it they refuse with BAD_USER_INPUT)', () => {
    expect(cost(`{ opportunities(first: 100000) { totalCount } }`)).toBe(2 * 100);
    expect(cost(`{ opportunities(first: 0) { totalCount } }`)).toBe(2);
  });

  it('multiplies nested connections', () => {
    const nested = `{ opportunities(first: 100) { edges { node { employer { opportunities(first: 100) { edges { node { id } } } } } } } }`;
    expect(cost(nested)).toBeGreaterThan(40_000);
  });

  it('gives a list without `first` LIST_COST_FACTOR, and a list with one its `first`', () => {
    expect(cost(`{ events { speakers { name } } }`)).toBe((1 + (1 + 1) * LIST_COST_FACTOR) * LIST_COST_FACTOR);
    expect(cost(`{ recommended(first: 5) { id } }`)).toBe(2 * 5);
  });

  it('does not multiply edges again, nor count a list of scalars as a list of objects', () => {
    expect(cost(`{ opportunities(first: 1) { edges { node { skills } } } }`)).toBe(4);
  });

  it('charges nothing for introspection', () => {
    expect(cost(getIntrospectionQuery())).toBe(0);
  });
});

describe('the validation rules', () => {
  it('pass a screen-sized query', () => {
    expect(refusals(`{ opportunities(first: 20) { edges { node { id title skills employer { name } region { name } } } } }`)).toEqual([]);
  });

  it(`refuse more than ${MAX_QUERY_DEPTH} levels, counting fields (not fragments), and pass introspection`, () => {
    const loop = (turns: number) =>
      `{ opportunities { edges { node { ${'employer { opportunities { edges { node { '.repeat(turns)}id${' } } } }'.repeat(turns)} } } } }`;
    expect(refusals(loop(1))).toEqual([]); // 8 levels
    expect(refusals(loop(2))).toEqual([`Query exceeds maximum operation depth of ${MAX_QUERY_DEPTH}`]); // 12
    const viaFragments = `{ ...Q } fragment Q on Query { opportunities { ...C } } fragment C on OpportunityConnection { edges { node { id } } }`;
    expect(refusals(viaFragments)).toEqual([]);
    expect(refusals(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }))).toEqual([]);
  });

  it(`refuse more than ${MAX_ALIASES} aliases, __typename aside`, () => {
    const aliases = (n: number, field = 'regions { id }') => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
    expect(refusals(aliases(MAX_ALIASES))).toEqual([]);
    expect(refusals(aliases(MAX_ALIASES + 1))).toEqual([`Query exceeds the limit of ${MAX_ALIASES} aliases`]);
    expect(refusals(aliases(100, '__typename'))).toEqual([]);
  });

  it(`refuse more than ${MAX_DIRECTIVES} directives`, () => {
    const fields = (n: number) => `query($on: Boolean!) { ${Array.from({ length: n }, () => 'regions @include(if: $on) { id }').join(' ')} }`;
    expect(refusals(fields(MAX_DIRECTIVES))).toEqual([]);
    expect(refusals(fields(MAX_DIRECTIVES + 1))).toEqual([`Query exceeds the limit of ${MAX_DIRECTIVES} directives`]);
  });

  it('report a fragment cycle as graphql does, without looping', () => {
    const messages = refusals(`{ regions { ...A } } fragment A on Region { id ...B } fragment B on Region { name ...A }`);
    expect(messages).toEqual([expect.stringMatching(/Cannot spread fragment "A" within itself/)]);
  });
});

describe('the cost plugin', () => {
  it('passes a query within the maximum', async () => {
    expect(await costRefusal(`{ opportunities(first: 100) { edges { node { id title employer { name } region { name } } } } }`)).toBeUndefined();
  });

  it('refuses a query over the maximum as GRAPHQL_VALIDATION_FAILED with HTTP 400, naming both costs', async () => {
    const error = await costRefusal(
      `{ opportunities(first: 100) { edges { node { employer { opportunities(first: 100) { edges { node { id } } } } } } } }`,
    );
    expect(error?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } });
    expect(error?.message).toMatch(new RegExp(`^Query cost \\d+ exceeds the maximum cost of ${MAX_QUERY_COST}`));
  });

  it('counts the variables of this request (the validated document is cached without them)', async () => {
    const query = `query($n: Int) { opportunities(first: $n) { edges { node { employer { opportunities(first: $n) { edges { node { id } } } } } } } }`;
    expect(await costRefusal(query, { n: 5 })).toBeUndefined();
    expect((await costRefusal(query, { n: 100 }))?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('leaves variables of the wrong type to execution (BAD_USER_INPUT there)', async () => {
    expect(await costRefusal(`query($n: Int) { opportunities(first: $n) { totalCount } }`, { n: 'many' })).toBeUndefined();
  });

  it('refuses fragments that expand past the selections it may visit', async () => {
    const fragments = Array.from({ length: 20 }, (_, i) => `fragment F${i} on Region { id ...F${i + 1} ...F${i + 1} }`).join(' ');
    const error = await costRefusal(`{ regions { ...F0 } } ${fragments} fragment F20 on Region { id }`);
    expect(error?.message).toMatch(/selections once its fragments are expanded/);
    expect(error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('queryLimits', () => {
  it('refuses batches, caps tokens and expanded selections, and hides suggestions only in production', () => {
    const dev = queryLimits({ production: false });
    expect(dev).toMatchObject({ allowBatchedHttpRequests: false, hideSchemaDetailsFromClientErrors: false });
    expect(dev.parseOptions.maxTokens).toBeGreaterThan(0);
    expect(dev.maxRecursiveSelections).toBeGreaterThan(0);
    expect(queryLimits({ production: true }).hideSchemaDetailsFromClientErrors).toBe(true);
  });

  it('parses the IDE introspection query within the token limit', () => {
    const { parseOptions } = queryLimits({ production: false });
    const full = getIntrospectionQuery({
      descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true,
    });
    expect(() => parse(full, parseOptions)).not.toThrow();
    expect(() => parse(`{ ${'__typename '.repeat(parseOptions.maxTokens!)} }`, parseOptions)).toThrow(/tokens/);
  });
});
