import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { buildSchema, execute, getOperationAST, GraphQLError, parse, type ExecutionResult, type GraphQLObjectType } from 'graphql';
import { DomainError } from '../ddd/errors.js';
import { jitExecutor } from './jit.js';

class ClosedError extends DomainError {
  readonly code = 'CONFLICT';
  constructor() {
    super('the room is closed');
  }
}

const schema = buildSchema(`
  type Room { id: ID! name: String! seats: Int! guests(first: Int = 2): [String!]! closed: Boolean! }
  type Query { rooms(min: Int!): [Room!]! room(id: ID!): Room strict: Room! }
  type Mutation { book(id: ID!): Room! }
`);
const ROOMS = [
  { id: '1', name: '唐桑', seats: 20, guests: ['a', 'b', 'c'] },
  { id: '2', name: '魚町', seats: 60, guests: [] },
  { id: '3', name: '鹿折', seats: 5, guests: ['d'] },
];
let booked = 0;
const fields = (type: string) => (schema.getType(type) as GraphQLObjectType).getFields();
fields('Query').rooms.resolve = (_: unknown, { min }: { min: number }) => ROOMS.filter((r) => r.seats >= min);
fields('Query').room.resolve = async (_: unknown, { id }: { id: string }) => ROOMS.find((r) => r.id === id) ?? null;
fields('Query').strict.resolve = () => null;
fields('Room').guests.resolve = (room: { guests: string[] }, { first }: { first: number }) => room.guests.slice(0, first);
fields('Room').closed.resolve = (room: { id: string }) => {
  if (room.id === '3') throw new ClosedError();
  return false;
};
fields('Mutation').book.resolve = (_: unknown, { id }: { id: string }) => {
  booked++;
  return ROOMS.find((r) => r.id === id);
};

/** What Apollo hands a gateway's executor for `query` (only the parts the executor reads). */
function request(query: string, variables?: Record<string, unknown>, operationName: string | null = null) {
  const document = parse(query);
  return (next: unknown = document) => {
    const doc = next as typeof document;
    return {
      document: doc,
      operation: getOperationAST(doc, operationName ?? undefined)!,
      operationName,
      context: { who: 'test' },
      request: { query, variables },
    } as unknown as GatewayGraphQLRequestContext;
  };
}

/** What graphql-js answers, as JSON (the shape Apollo sends). */
const json = (result: ExecutionResult) => JSON.parse(JSON.stringify(result));

describe('jitExecutor', () => {
  const QUERY = `query Page($min: Int!, $id: ID!) {
    rooms(min: $min) { id name ...G seats }
    one: room(id: $id) { name closed }
    missing: room(id: "9") { id }
  }
  fragment G on Room { guests(first: 1) }`;

  it('answers every use exactly as graphql-js does, compiling the operation once, at the use it is told', async () => {
    const compiled: Array<string | null> = [];
    const executor = jitExecutor(schema, 3, (name) => compiled.push(name));
    const make = request(QUERY, { min: 10, id: '1' }, 'Page');
    const same = make();
    const expected = json(
      await execute({ schema, document: same.document, operationName: 'Page', variableValues: { min: 10, id: '1' }, contextValue: {} }),
    );
    expect(expected.data.rooms).toHaveLength(2);
    for (let use = 1; use <= 5; use++) {
      expect(json(await executor(same))).toEqual(expected);
      expect(compiled).toEqual(use < 3 ? [] : ['Page']);
    }
  });

  it('gives a resolver\'s error with its path, locations and original error, as graphql-js would', async () => {
    const executor = jitExecutor(schema, 1);
    const make = request(QUERY, { min: 100, id: '3' }, 'Page');
    const ctx = make();
    const result = await executor(ctx);
    const reference = await execute({ schema, document: ctx.document, operationName: 'Page', variableValues: { min: 100, id: '3' } });
    expect(json(result)).toEqual(json(reference));
    const [error] = result.errors!;
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.originalError).toBeInstanceOf(ClosedError);
    expect(error.path).toEqual(['one', 'closed']);
    expect(error.locations).toEqual(reference.errors![0].locations);
    expect((error as GraphQLError).extensions).toEqual({});
  });

  it('nulls up to the nearest nullable parent as graphql-js does when a non-null field is null', async () => {
    const executor = jitExecutor(schema, 1);
    const ctx = request(`{ strict { id } }`)();
    expect(json(await executor(ctx))).toEqual(json(await execute({ schema, document: ctx.document })));
    expect(json(await executor(ctx)).data).toBeNull();
  });

  it('refuses variables that do not coerce in graphql-js\'s words, running nothing', async () => {
    const executor = jitExecutor(schema, 1);
    const ctx = request(`mutation($id: ID!) { book(id: $id) { id } }`, { id: { not: 'an id' } })();
    const before = booked;
    const result = await executor(ctx);
    expect(json(result)).toEqual(json(await execute({ schema, document: ctx.document, variableValues: { id: { not: 'an id' } } })));
    expect(result.errors![0].message).toMatch(/^Variable "\$id" got invalid value/);
    expect(booked).toBe(before);
  });

  it('runs a compiled mutation once per request', async () => {
    const executor = jitExecutor(schema, 1);
    const ctx = request(`mutation { book(id: "2") { name } }`)();
    const before = booked;
    expect(json(await executor(ctx))).toEqual({ data: { book: { name: '魚町' } } });
    expect(json(await executor(ctx))).toEqual({ data: { book: { name: '魚町' } } });
    expect(booked).toBe(before + 2);
  });

  it('counts uses per parsed document and operation: another document with the same text starts again', async () => {
    const compiled: Array<string | null> = [];
    const executor = jitExecutor(schema, 2, (name) => compiled.push(name));
    const make = request(`query A { rooms(min: 1) { id } } query B { rooms(min: 50) { id } }`, undefined, 'A');
    const a = make();
    await executor(a);
    await executor({ ...a, operationName: 'B', operation: getOperationAST(a.document, 'B')! } as GatewayGraphQLRequestContext);
    expect(compiled).toEqual([]);
    await executor(make(parse(`query A { rooms(min: 1) { id } } query B { rooms(min: 50) { id } }`)));
    expect(compiled).toEqual([]);
    expect(json(await executor(a))).toEqual({ data: { rooms: [{ id: '1' }, { id: '2' }, { id: '3' }] } });
    expect(compiled).toEqual(['A']);
  });
});
