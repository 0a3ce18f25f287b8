import { Test } from '@nestjs/testing';
import { Field, GraphQLSchemaBuilderModule, GraphQLSchemaFactory, Int, ObjectType, Query, Resolver, type FieldMiddleware } from '@nestjs/graphql';
import { GraphQLObjectType, execute, parse, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { Computed, withPlainFields } from './plain-fields.js';

const shout: FieldMiddleware = async (_ctx, next) => String(await next()).toUpperCase();

@ObjectType()
class Item {
  @Field() title!: string;
  @Field({ name: 'label' }) internal!: string;
  @Field({ nullable: true, defaultValue: 'none' }) note?: string;
  @Field({ middleware: [shout] }) loud!: string;
  @Field(() => Int, { nullable: true, defaultValue: 0 }) count?: number;
  @Field() get computed(): string {
    return `${this.title}!`;
  }
  @Field({ nullable: true }) @Computed() get risky(): string {
    if (this.title === 'Guesthouse') throw new Error('no cursor for this one');
    return 'fine';
  }
}

@Resolver(() => Item)
class ItemResolver {
  @Query(() => [Item])
  items(): Item[] {
    return [];
  }
}

/** The schema Nest's code-first builder makes of the classes above. */
async function nestSchema(): Promise<GraphQLSchema> {
  const module = await Test.createTestingModule({ imports: [GraphQLSchemaBuilderModule] }).compile();
  return module.get(GraphQLSchemaFactory).create([ItemResolver]);
}

const items = (): Item[] => [
  Object.assign(new Item(), { title: 'Fisheries DX', internal: 'side job', loud: 'kesennuma' }),
  Object.assign(new Item(), { title: 'Guesthouse', internal: 'job change', note: 'winter', loud: 'minato' }),
];
const document = parse('{ items { title label note loud count computed risky } }');

interface Answer {
  data?: unknown;
  errors?: ReadonlyArray<{ message: string; path?: ReadonlyArray<string | number> }>;
}

/** The answer of graphql-js and of graphql-jit, as data and each error's message and path. */
async function answers(schema: GraphQLSchema): Promise<{ js: Answer; jit: Answer }> {
  const rootValue = { items: items() };
  const compiled = compileQuery(schema, document);
  if (!isCompiledQuery(compiled)) throw new Error('not compiled');
  const plain = (a: Answer): Answer => ({ data: a.data, errors: a.errors?.map((e) => ({ message: e.message, path: e.path })) });
  return { js: plain(await execute({ schema, document, rootValue })), jit: plain((await compiled.query(rootValue, {}, {})) as Answer) };
}

const resolverOf = (schema: GraphQLSchema, field: string) => (schema.getType('Item') as GraphQLObjectType).getFields()[field].resolve;

describe('withPlainFields', () => {
  it('takes the resolver off fields that read their own property, and only those', async () => {
    const schema = await nestSchema();
    expect(resolverOf(schema, 'title')?.name).toBe('rootFieldResolver');

    withPlainFields(schema);

    expect(resolverOf(schema, 'title')).toBeUndefined();
    expect(resolverOf(schema, 'computed')).toBeUndefined();
    // Renamed (reads `internal`), with a default (a falsy one too), with middleware, marked computed: still theirs.
    expect(resolverOf(schema, 'label')).toBeDefined();
    expect(resolverOf(schema, 'note')).toBeDefined();
    expect(resolverOf(schema, 'count')).toBeDefined();
    expect(resolverOf(schema, 'loud')).toBeDefined();
    expect(resolverOf(schema, 'risky')).toBeDefined();
  });

  it('answers as before, through graphql-js and through graphql-jit', async () => {
    const before = await answers(await nestSchema());
    const after = await answers(withPlainFields(await nestSchema()));

    const expected = {
      data: {
        items: [
          { title: 'Fisheries DX', label: 'side job', note: 'none', loud: 'KESENNUMA', count: 0, computed: 'Fisheries DX!', risky: 'fine' },
          { title: 'Guesthouse', label: 'job change', note: 'winter', loud: 'MINATO', count: 0, computed: 'Guesthouse!', risky: null },
        ],
      },
      // A computed field that throws is that field's error; the rest of the answer stands.
      errors: [{ message: 'no cursor for this one', path: ['items', 1, 'risky'] }],
    };
    expect(before.js).toEqual(expected);
    expect(before.jit).toEqual(expected);
    expect(after.js).toEqual(expected);
    expect(after.jit).toEqual(expected);
  });
});
