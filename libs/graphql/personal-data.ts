import type { GraphQLResolveInfo } from 'graphql';

/**
 * Where a read of personal data came from, for the access log: the root field (its name,
 * not its alias) and the field read, e.g. `candidate.email` or `consultationQueue.phone`.
 */
export function readVia(info: GraphQLResolveInfo): string {
  let path = info.path;
  while (path.prev) path = path.prev;
  const key = String(path.key);
  let root = key;
  for (const selection of info.operation.selectionSet.selections) {
    if (selection.kind === 'Field' && (selection.alias?.value ?? selection.name.value) === key) {
      root = selection.name.value;
      break;
    }
  }
  return `${root}.${info.fieldName}`;
}
