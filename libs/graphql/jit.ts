import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Injectable } from '@nestjs/common';
import { GraphQLError, execute, printSchema, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** Uses of one operation before it is compiled: a document seen once is executed by graphql-js. */
const COMPILE_AT_USE = 3;

interface Operation {
  uses: number;
  compiled?: CompiledQuery;
  /** graphql-jit refused it (it then stays with graphql-js). */
  refused?: boolean;
}

/**
 * Executes queries and mutations with graphql-jit, which compiles an operation into plain
 * JavaScript once and then runs it without walking the document again (graphql-js's walk
 * was the largest share of a public page's CPU). Everything before execution stays Apollo's
 * (parsing, validation, limits, plugins) and so does everything after (error formatting).
 *
 * - Only an operation used `COMPILE_AT_USE` times is compiled (compiling costs far more than
 *   one execution, so a flood of distinct documents is never compiled); until then, and for
 *   subscriptions, graphql-js executes it.
 * - Compiled operations live as long as Apollo keeps the parsed document (its LRU store
 *   hands the same document to every request with the same text).
 * - An answer refused before execution (variables that do not coerce) is left to graphql-js,
 *   so that refusal reads exactly as graphql-js words it: nothing was executed either way.
 */
export function jitExecutor(
  schema: GraphQLSchema,
  compileAtUse = COMPILE_AT_USE,
  onCompile?: (operationName: string | null) => void,
): GatewayExecutor {
  const operations = new WeakMap<DocumentNode, Map<string, Operation>>();
  const plain = (document: DocumentNode, operationName: string | null, contextValue: unknown, variables?: Record<string, unknown>) =>
    execute({ schema, document, operationName, contextValue, variableValues: variables });

  return async ({ document, operation, operationName, context, request }) => {
    if (operation.operation === 'subscription') return plain(document, operationName, context, request.variables);
    let known = operations.get(document);
    if (!known) operations.set(document, (known = new Map()));
    const key = operationName ?? '';
    let entry = known.get(key);
    if (!entry) known.set(key, (entry = { uses: 0 }));
    entry.uses++;
    if (!entry.compiled && !entry.refused && entry.uses >= compileAtUse) {
      const compiled = compileQuery(schema, document, operationName ?? undefined, { disablingCapturingStackErrors: true });
      onCompile?.(operationName);
      if (isCompiledQuery(compiled)) entry.compiled = compiled;
      else entry.refused = true;
    }
    if (!entry.compiled) return plain(document, operationName, context, request.variables);
    const result = (await entry.compiled.query(undefined, context, request.variables ?? {})) as ExecutionResult;
    if (result.errors?.length) {
      if (result.data === undefined) return plain(document, operationName, context, request.variables);
      return { ...result, errors: result.errors.map(asGraphQLError) };
    }
    return result;
  };
}

/**
 * graphql-jit's errors are its own GraphQLError: no `extensions` object unless the original
 * error had one (Apollo reads `extensions.code` of every error). graphql-js's own error, made
 * the way its `locatedError` makes it, with jit's locations and path.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  if (error.extensions) return error;
  const upstream = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined });
  (upstream as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return upstream;
}

/**
 * Apollo Server 5 takes an executor only from a gateway: this one serves the schema Nest
 * built, unchanged, with {@link jitExecutor}.
 */
function jitGateway(schema: GraphQLSchema, compileAtUse = COMPILE_AT_USE): GatewayInterface {
  const listeners = new Set<(context: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void>();
  return {
    onSchemaLoadOrUpdate(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    async load() {
      // The SDL is for Apollo's schema reporting (off here): printed only if someone reads it.
      const context = {
        apiSchema: schema,
        get coreSupergraphSdl() {
          return printSchema(schema);
        },
      };
      for (const listener of listeners) listener(context);
      return { executor: jitExecutor(schema, compileAtUse) };
    },
    async stop() {
      listeners.clear();
    },
  };
}

/** What {@link JitApolloDriver} reads besides Apollo's options. */
export interface JitDriverConfig extends ApolloDriverConfig {
  jit?: { compileAtUse?: number };
}

/** Nest's Apollo driver, executing through {@link jitGateway}. */
@Injectable()
export class JitApolloDriver extends ApolloDriver {
  override registerServer(options: JitDriverConfig): Promise<void> {
    const { jit, ...apollo } = options;
    return super.registerServer({ ...apollo, gateway: jitGateway(apollo.schema!, jit?.compileAtUse) } as ApolloDriverConfig);
  }
}
