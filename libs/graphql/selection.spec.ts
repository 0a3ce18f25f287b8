import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { selectedFields } from './selection.js';

const schema = buildSchema(`
  type Node { id: ID! title: String description: String author: String }
  type Edge { node: Node! cursor: String! }
  type Connection { edges: [Edge!]! total: Int }
  type Query { list: Connection! }
`);

async function seen(query: string): Promise<string[]> {
  let found: ReadonlySet<string> = new Set();
  await execute({
    schema,
    document: parse(query),
    rootValue: {
      list: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
        found = selectedFields(info, ['edges', 'node']);
        return { edges: [] };
      },
    },
  });
  return [...found].sort();
}

describe('selectedFields', () => {
  it('finds the fields selected below a path, through fragments and inline fragments', async () => {
    expect(await seen(`{ list { total edges { cursor node { id title } } } }`)).toEqual(['id', 'title']);
    expect(await seen(`{ list { edges { node { ...F ... on Node { author } } } } } fragment F on Node { description }`)).toEqual([
      'author', 'description',
    ]);
    expect(await seen(`{ list { ...C } } fragment C on Connection { edges { node { id } } edges { node { title } } }`)).toEqual(['id', 'title']);
    expect(await seen(`{ list { total } }`)).toEqual([]);
  });

  it('answers the same for the same document, and apart for another', async () => {
    const q = `{ list { edges { node { id } } } }`;
    expect(await seen(q)).toEqual(['id']);
    expect(await seen(q)).toEqual(['id']);
    expect(await seen(`{ list { edges { node { id description } } } }`)).toEqual(['description', 'id']);
  });
});
