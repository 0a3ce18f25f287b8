import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

const cache = new WeakMap<FieldNode, Map<string, ReadonlySet<string>>>();

/**
 * The names of the fields a client selected at `path` below the field being resolved (e.g.
 * ['edges', 'node'] for a connection's nodes), through fragments and inline fragments, so a
 * read model can select only the columns it needs. Directives are ignored (a field under
 * @skip counts as selected: reading a column too many is harmless). Cached per parsed
 * document (Apollo keeps one parse per query text), so a repeated query costs a lookup.
 */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[]): ReadonlySet<string> {
  const key = path.join('.');
  const node = info.fieldNodes[0];
  let byPath = cache.get(node);
  const known = byPath?.get(key);
  if (known && info.fieldNodes.length === 1) return known;
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined, rest: readonly string[]) => {
    if (!set) return;
    for (const selection of set.selections) {
      if (selection.kind === 'Field') {
        if (rest.length === 0) names.add(selection.name.value);
        else if (selection.name.value === rest[0]) visit(selection.selectionSet, rest.slice(1));
      } else if (selection.kind === 'InlineFragment') {
        visit(selection.selectionSet, rest);
      } else {
        visit(info.fragments[selection.name.value]?.selectionSet, rest);
      }
    }
  };
  for (const field of info.fieldNodes) visit(field.selectionSet, path);
  if (info.fieldNodes.length === 1) {
    if (!byPath) cache.set(node, (byPath = new Map()));
    byPath.set(key, names);
  }
  return names;
}
