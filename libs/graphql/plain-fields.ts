import { Extensions } from '@nestjs/graphql';
import { GraphQLObjectType, type GraphQLSchema } from 'graphql';

/**
 * Marks a field whose value is computed when read (a getter that may throw): it keeps its
 * resolver, so that a throw is that field's error, as graphql-js makes it.
 */
export const Computed = (): MethodDecorator & PropertyDecorator => Extensions({ computed: true });

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
 * resolver itself, with a probe. `@ResolveField`s, field middleware, fields marked
 * {@link Computed} and any other resolver stay as they are. The schema is changed in place
 * and returned.
 *
 * What a plain field's property may hold is therefore plain data. graphql-jit reads it inside
 * its parent's answer, so a getter that throws there fails the whole operation (or, under an
 * async parent, leaves it unanswered), a promise is not awaited and a function is not called.
 * A value computed when read is marked {@link Computed} (the connections' lazy cursors are); a
 * promise or a function needs a resolver of its own (`@ResolveField`, or middleware as
 * `totalCount` has).
 */
export function withPlainFields(schema: GraphQLSchema): GraphQLSchema {
  const probe = Symbol('probe');
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve as ((root: object) => unknown) | undefined;
      if (resolve?.name !== 'rootFieldResolver' || field.extensions?.computed === true) continue;
      if (resolve({ [field.name]: probe }) === probe && resolve({}) === undefined) field.resolve = undefined;
    }
  }
  return schema;
}
