import { GraphQLObjectType, type GraphQLSchema } from 'graphql';

/**
 * Takes Nest's own resolver off every field that only reads a property.
 *
 * Nest's code-first builder gives every `@Field` a resolver, `rootFieldResolver`, which
 * reads `root[propertyName]` (or the field's defaultValue when that is undefined). To
 * graphql-jit a field with a resolver is a call: it builds a GraphQLResolveInfo for each
 * field of each row and awaits the answer. Four fields of twenty rows made eighty such calls
 * per public page, a quarter of what the page allocated. Without a resolver, jit (and
 * graphql-js) read the property inline.
 *
 * A field loses its resolver only when that is Nest's `rootFieldResolver` and it answers as
 * the default resolver would: it reads the property of the field's own name (a field renamed
 * with `@Field({ name })` reads another) and has no defaultValue. Both are asked of the
 * resolver itself, with a probe. `@ResolveField`s, field middleware and any other resolver
 * stay as they are. The schema is changed in place and returned.
 */
export function withPlainFields(schema: GraphQLSchema): GraphQLSchema {
  const probe = Symbol('probe');
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve as ((root: object) => unknown) | undefined;
      if (resolve?.name !== 'rootFieldResolver') continue;
      if (resolve({ [field.name]: probe }) === probe && resolve({}) === undefined) field.resolve = undefined;
    }
  }
  return schema;
}
