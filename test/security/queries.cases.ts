import { MAX_ALIASES, MAX_DIRECTIVES, MAX_QUERY_DEPTH, MAX_TOKENS } from '#libs/graphql/query-limits.js';
import { op, type SecurityCase } from './security-case.js';

/** `{ a0: <field> a1: <field> … }` */
const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

/** A page of 100 opportunities, each with its employer's page of 100 (over 40,000 values). */
const NESTED_PAGES = 'opportunities(first: 100) { edges { node { employer { opportunities(first: 100) { edges { node { id title } } } } } } }';

/** Opportunity → employer → opportunities → … until `levels` field levels. */
function deep(levels: number): string {
  const turn = ['opportunities', 'edges', 'node', 'employer'];
  const path = Array.from({ length: levels - 1 }, (_, i) => turn[i % turn.length]);
  return `{ ${path.join(' { ')} { __typename${' }'.repeat(path.length)} }`;
}

const directives = (n: number) => `{ regions ${'@include(if: true) '.repeat(n)}{ id } }`;

/** Fragments each spreading the next one twice: 2^levels selections once expanded. */
function fragmentFanOut(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Region { id ...F${i + 1} ...F${i + 1} }`);
  return `{ regions { ...F0 } } ${fragments.join(' ')} fragment F${levels} on Region { id }`;
}

/**
 * Queries a client must not be able to run: each is refused before any resolver runs
 * (GRAPHQL_PARSE_FAILED when the token limit stops the parser first, GRAPHQL_VALIDATION_FAILED
 * otherwise), a transport-level one with BAD_REQUEST, and input too large for a field with
 * BAD_USER_INPUT before any query. The limits are in libs/graphql/query-limits.ts.
 */
export const queryCases: SecurityCase[] = [
  {
    name: '1,000 aliases of opportunities(first: 100): the token limit stops the parser first',
    stateless: true,
    request: () => op(aliases(1000, 'opportunities(first: 100) { totalCount }')),
    expect: { code: 'GRAPHQL_PARSE_FAILED', status: 400, noData: true },
  },
  {
    name: `${MAX_ALIASES + 5} aliases of opportunities(first: 100) (within the token limit): the alias limit`,
    stateless: true,
    request: () => op(aliases(MAX_ALIASES + 5, 'opportunities(first: 100) { totalCount }')),
    expect: { code: 'GRAPHQL_VALIDATION_FAILED', status: 400, noData: true },
  },
  {
    name: '3 aliases of a page of 100 opportunities with each employer\'s page of 100: the cost limit',
    stateless: true,
    request: () => op(aliases(3, NESTED_PAGES)),
    expect: { code: 'GRAPHQL_VALIDATION_FAILED', status: 400, noData: true },
  },
  {
    name: 'one page of 100 with each employer\'s page of 100, the sizes in variables: the cost counts them',
    stateless: true,
    request: () =>
      op(
        `query($n: Int) { opportunities(first: $n) { edges { node { employer { opportunities(first: $n) { edges { node { id title } } } } } } } }`,
        { n: 100 },
      ),
    expect: { code: 'GRAPHQL_VALIDATION_FAILED', status: 400, noData: true },
  },
  {
    name: `a query 30 levels deep (limit ${MAX_QUERY_DEPTH})`,
    stateless: true,
    request: () => op(deep(30)),
    expect: { code: 'GRAPHQL_VALIDATION_FAILED', status: 400, noData: true },
  },
  {
    name: 'a fragment cycle (A spreads B, B spreads A)',
    stateless: true,
    request: () => op(`{ regions { ...A } } fragment A on Region { id ...B } fragment B on Region { name ...A }`),
    expect: { code: 'GRAPHQL_VALIDATION_FAILED', status: 400, noData: true },
  },
  {
    name: 'fragments each spreading the next twice, 30 levels (2^30 selections)',
    stateless: true,
    request: () => op(fragmentFanOut(30)),
    expect: { code: 'GRAPHQL_VALIDATION_FAILED', status: 400, noData: true },
  },
  {
    name: '@include(if: true) ×200 on one field: the token limit stops the parser first',
    stateless: true,
    request: () => op(directives(200)),
    expect: { code: 'GRAPHQL_PARSE_FAILED', status: 400, noData: true },
  },
  {
    name: `@include(if: true) ×${MAX_DIRECTIVES + 10} on one field (within the token limit): the directive limit`,
    stateless: true,
    request: () => op(directives(MAX_DIRECTIVES + 10)),
    expect: { code: 'GRAPHQL_VALIDATION_FAILED', status: 400, noData: true },
  },
  {
    name: `a token flood: 50,000 fields, about 550 KB (limit ${MAX_TOKENS} tokens)`,
    stateless: true,
    request: () => op(`{ ${'__typename '.repeat(50_000)}}`),
    expect: { code: 'GRAPHQL_PARSE_FAILED', status: 400, noData: true },
  },
  {
    name: 'conflicting fields of one name up to the token limit (graphql\'s own slowest validation)',
    stateless: true,
    request: () => op(`{ ${'regions { id } regions { id: name } '.repeat(Math.floor((MAX_TOKENS - 2) / 10))}}`),
    expect: { code: 'GRAPHQL_VALIDATION_FAILED', status: 400, noData: true },
  },
  {
    name: 'a batch of operations (a JSON array body)',
    stateless: true,
    request: () => ({ body: [{ query: '{ regions { id } }' }, { query: '{ regions { id } }' }] }),
    expect: { code: 'BAD_REQUEST', status: 400, noData: true },
  },
  {
    name: 'a simple cross-site request (text/plain body, no preflight): CSRF prevention',
    stateless: true,
    request: () => ({ body: JSON.stringify({ query: '{ regions { id } }' }), headers: { 'content-type': 'text/plain' } }),
    expect: { code: 'BAD_REQUEST', status: 400, noData: true },
  },
  {
    name: 'a simple cross-site request (form-encoded body): no parser takes it',
    stateless: true,
    request: () => ({ body: 'query=%7B%20regions%20%7B%20id%20%7D%20%7D', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    expect: { code: 'BAD_REQUEST', status: 415, noData: true },
  },
  {
    name: 'a body that is not JSON',
    stateless: true,
    request: () => ({ body: '{ "query": "{ regions { id } }"' }),
    expect: { code: 'BAD_REQUEST', status: 400, noData: true },
  },
  {
    name: 'a body over the 1 MiB limit',
    stateless: true,
    request: () => op('{ regions { id } }', { padding: 'x'.repeat(1_100_000) }),
    expect: { code: 'BAD_REQUEST', status: 413, noData: true },
  },
  {
    name: 'a 900 KB string literal (one token, within the body limit) where 200 characters fit',
    stateless: true,
    request: () => op(`{ opportunities(filter: { text: "${'あ'.repeat(300_000)}" }) { totalCount } }`),
    expect: { code: 'BAD_USER_INPUT', extensions: { fields: [expect.objectContaining({ field: 'text' })] }, noData: true },
  },
  {
    name: 'opportunities(first: 100000): refused by the page size, not clamped',
    stateless: true,
    request: () => op(`{ opportunities(first: 100000) { totalCount } }`),
    expect: { code: 'BAD_USER_INPUT', extensions: { fields: [expect.objectContaining({ field: 'first' })] }, noData: true },
  },
];
