import { Test } from '@nestjs/testing';
import { Field, GraphQLSchemaBuilderModule, GraphQLSchemaFactory, ObjectType, Query, Resolver, type FieldMiddleware } from '@nestjs/graphql';
import { GraphQLObjectType, execute, parse, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { withPlainFields } from './plain-fields.js';

const shout: FieldMiddleware = async (_ctx, next) => String(await next()).toUpperCase();

@ObjectType()
class Item {
  @Field() title!: string;
  @Field({ name: 'label' }) internal!: string;
  @Field({ nullable: true, defaultValue: 'none' }) note?: string;
  @Field({ middleware: [shout] }) loud!: string;
  @Field() get computed(): string {
    return `${this.title}!`;
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
const document = parse('{ items { title label note loud computed } }');

async function answers(schema: GraphQLSchema): Promise<{ js: unknown; jit: unknown }> {
  const rootValue = { items: items() };
  const js = await execute({ schema, document, rootValue });
  const compiled = compileQuery(schema, document);
  if (!isCompiledQuery(compiled)) throw new Error('not compiled');
  return { js, jit: await compiled.query(rootValue, {}, {}) };
}

const resolverOf = (schema: GraphQLSchema, field: string) => (schema.getType('Item') as GraphQLObjectType).getFields()[field].resolve;

describe('withPlainFields', () => {
  it('takes the resolver off fields that read their own property, and only those', async () => {
    const schema = await nestSchema();
    expect(resolverOf(schema, 'title')?.name).toBe('rootFieldResolver');

    withPlainFields(schema);

    expect(resolverOf(schema, 'title')).toBeUndefined();
    expect(resolverOf(schema, 'computed')).toBeUndefined();
    // Renamed (reads `internal`), with a default, with middleware: still Nest's.
    expect(resolverOf(schema, 'label')).toBeDefined();
    expect(resolverOf(schema, 'note')).toBeDefined();
    expect(resolverOf(schema, 'loud')).toBeDefined();
  });

  it('answers as before, through graphql-js and through graphql-jit', async () => {
    const before = await answers(await nestSchema());
    const after = await answers(withPlainFields(await nestSchema()));

    const expected = {
      data: {
        items: [
          { title: 'Fisheries DX', label: 'side job', note: 'none', loud: 'KESENNUMA', computed: 'Fisheries DX!' },
          { title: 'Guesthouse', label: 'job change', note: 'winter', loud: 'MINATO', computed: 'Guesthouse!' },
        ],
      },
    };
    expect(before.js).toEqual(expected);
    expect(before.jit).toEqual(expected);
    expect(after.js).toEqual(expected);
    expect(after.jit).toEqual(expected);
  });
});
