import { Global, Injectable, Module, type INestApplication, type OnApplicationBootstrap } from '@nestjs/common';
import { GraphQLModule, GraphQLSchemaHost, type GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { Context as SocketContext, SubscribePayload } from 'graphql-ws';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Caller } from '../auth/caller.js';
import { CallerAuthenticator } from '../auth/caller-authenticator.js';
import { DomainError, UnauthenticatedError } from '../ddd/errors.js';
import { LiveFeed, type LiveChannel } from '../messaging/live-feed.js';
import type { RequestContext } from './context.js';
import { RequestLoaders } from './loaders.js';
import { operationCostError, type QueryLimitOptions } from './query-limits.js';

/** Subscriptions one socket may hold at once. A screen needs a few. */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 20;

type ErrorFormatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** An error with the code the contract's error model passes through (libs/graphql/errors.ts). */
const coded = (error: GraphQLError, code: string) =>
  new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });

const refused = (message: string, code = 'GRAPHQL_VALIDATION_FAILED') => new GraphQLError(message, { extensions: { code } });

/**
 * GraphQL over WebSocket (the graphql-transport-ws protocol of graphql-ws), on the same path
 * as HTTP. Only subscriptions are served there: queries and mutations go over HTTP, where
 * Apollo's plugins (limits, request ids, logging) see every one. Each subscribe is held to
 * the same limits as an HTTP request (tokens, graphql's rules, depth, aliases, directives,
 * cost with its variables) and refused with the same codes, without closing the socket;
 * errors are shaped by the same formatter as over HTTP. The caller is resolved per
 * subscription from `connectionParams.authorization` (`Bearer <token>`), exactly as from an
 * HTTP request's header (CallerGuard, CallerAuthenticator).
 *
 * Create one in AppModule, pass `options()` as `subscriptions['graphql-ws']`, and provide
 * it so {@link SocketSchemaBinder} hands it the schema once GraphQLModule built it.
 */
export class GraphqlSockets {
  private schema?: GraphQLSchema;

  constructor(
    private readonly settings: { limits: QueryLimitOptions; formatError: ErrorFormatter; production: boolean },
  ) {}

  attach(schema: GraphQLSchema): void {
    this.schema = schema;
  }

  options(): GraphQLWsSubscriptionsConfig {
    const format = (error: GraphQLError) => this.format(error);
    const options: GraphQLWsSubscriptionsConfig & Record<string, unknown> = {
      onSubscribe: (ctx: SocketContext, _id: string, payload: SubscribePayload) => this.prepare(ctx, payload),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map(format) } : undefined,
      // Not in Nest's type, passed through to graphql-ws all the same.
      onError: (_ctx: SocketContext, _id: string, _payload: SubscribePayload, errors: readonly GraphQLError[]) => errors.map(format),
    };
    return options;
  }

  /** The formatter of HTTP, given the domain error behind one an iterator threw (graphql-ws wraps it without a path). */
  private format(error: GraphQLError): GraphQLFormattedError {
    const original = error.originalError;
    const formatted = this.settings.formatError(error.toJSON(), original instanceof DomainError ? original : error);
    if (!this.settings.production) return formatted;
    return { ...formatted, message: formatted.message.replace(/ Did you mean .+\?$/, '') };
  }

  /** Parses, checks and prepares one subscribe; GraphQL errors refuse it (the socket stays open). */
  private prepare(ctx: SocketContext, payload: SubscribePayload): ExecutionArgs | readonly GraphQLError[] {
    const schema = this.schema;
    if (!schema) return [refused('The server is starting; try again', 'SERVICE_UNAVAILABLE')];
    // The new subscription is already counted.
    if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_SOCKET) {
      return [refused(`A connection may hold at most ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions`, 'BAD_REQUEST')];
    }
    let document: DocumentNode;
    try {
      document = parse(payload.query, this.settings.limits.parseOptions);
    } catch (error) {
      return [error instanceof GraphQLError ? coded(error, 'GRAPHQL_PARSE_FAILED') : refused('Invalid document', 'GRAPHQL_PARSE_FAILED')];
    }
    const operationName = payload.operationName ?? undefined;
    const operation = getOperationAST(document, operationName);
    if (!operation) return [refused('Unable to identify the operation', 'BAD_REQUEST')];
    if (operation.operation !== 'subscription') {
      return [refused('Only subscriptions are served over WebSocket; send queries and mutations over HTTP', 'BAD_REQUEST')];
    }
    for (const rules of [specifiedRules, this.settings.limits.validationRules]) {
      const errors = validate(schema, document, rules);
      if (errors.length > 0) return errors.map((e) => coded(e, 'GRAPHQL_VALIDATION_FAILED'));
    }
    const variables = payload.variables ?? {};
    const tooCostly = operationCostError(schema, document, operationName, variables);
    if (tooCostly) return [tooCostly];
    return { schema, document, operationName, variableValues: variables, contextValue: socketContext(ctx) };
  }
}

/**
 * The largest WebSocket message read (ws's default is 100 MiB): a subscribe message is at
 * most 800 tokens and its variables, a connection_init a token.
 */
export const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024;

/**
 * What Nest's subscription setup leaves open, closed once the app is initialised: messages
 * are read up to MAX_SOCKET_MESSAGE_BYTES (a larger one closes the socket, 1009), and an
 * upgrade request for another path is dropped at once (Nest leaves it hanging). Reaches
 * into @nestjs/graphql's GqlSubscriptionService, which offers no option for either; throws
 * if that ever changes shape, so an upgrade cannot silently undo it.
 */
export function limitSockets(app: INestApplication, path = '/graphql'): void {
  const driver = app.get(GraphQLModule, { strict: false }).graphQlAdapter as unknown as {
    _subscriptionService?: { wss?: { options?: { maxPayload?: number } } };
  };
  const options = driver._subscriptionService?.wss?.options;
  if (!options || typeof options.maxPayload !== 'number') {
    throw new Error("GraphQL subscriptions are not where limitSockets expects them (did @nestjs/graphql's internals change?)");
  }
  options.maxPayload = MAX_SOCKET_MESSAGE_BYTES;
  (app.getHttpServer() as Server).on('upgrade', (request: IncomingMessage, socket: Duplex) => {
    if (!(request.url ?? '').startsWith(path)) socket.destroy();
  });
}

/** The context of one subscription: what a resolver finds on an HTTP request's, from the socket. */
export function socketContext(ctx: SocketContext): RequestContext & { socket: true } {
  const given = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
  // Present but not a string is a malformed header (UNAUTHENTICATED), not an anonymous caller.
  const authorization = given === undefined || given === null ? undefined : typeof given === 'string' ? given : 'malformed';
  const request = (ctx.extra as { request?: IncomingMessage } | undefined)?.request;
  const address = request?.socket?.remoteAddress ?? 'unknown';
  return { req: { headers: { authorization } }, loaders: new RequestLoaders(), clientAddress: address, socket: true };
}

/** Gives {@link GraphqlSockets} the schema GraphQLModule built. */
@Injectable()
export class SocketSchemaBinder implements OnApplicationBootstrap {
  constructor(
    private readonly host: GraphQLSchemaHost,
    private readonly sockets: GraphqlSockets,
  ) {}

  onApplicationBootstrap(): void {
    this.sockets.attach(this.host.schema);
  }
}

/**
 * A subscription resolver's `resolve`: each pushed value is the field's value (rather
 * than graphql's default, `value[fieldName]`).
 */
export const livePayload = <V>(value: V): V => value;

/**
 * What subscription resolvers return: one channel's updates for one key, checked before
 * each push as a request would be. The subscriber's token is verified again (a revoked or
 * expired token, or a removed account, ends the subscription with UNAUTHENTICATED), the
 * caller is reloaded (capabilities as they are now), and `allow(caller, value)` may throw
 * the domain error that ends it (access to the thing lost). The subscription also ends when
 * the token expires. Each push gets fresh per-request loaders, so nested fields read
 * current data.
 */
@Injectable()
export class LiveUpdates {
  constructor(
    private readonly feed: LiveFeed,
    private readonly authenticator: CallerAuthenticator,
  ) {}

  stream<K, V>(
    ctx: RequestContext,
    channel: LiveChannel<K, V>,
    key: K,
    allow?: (caller: Caller, value: V) => void,
  ): AsyncIterableIterator<V> {
    const header = ctx.req?.headers?.authorization;
    const source = this.feed.subscribe(channel, key);
    const expiresAt = ctx.caller?.session?.expiresAt;
    let timer: NodeJS.Timeout | undefined;
    if (expiresAt) {
      // setTimeout takes at most 2^31-1 ms (about 24.8 days).
      timer = setTimeout(
        () => source.fail(new UnauthenticatedError('The token has expired; sign in again and subscribe anew')),
        Math.min(Math.max(0, expiresAt.getTime() - Date.now()), 2 ** 31 - 1),
      );
      timer.unref();
    }
    const end = () => {
      if (timer) clearTimeout(timer);
      return source.return();
    };
    const authenticator = this.authenticator;
    return {
      async next(): Promise<IteratorResult<V>> {
        let result: IteratorResult<V>;
        try {
          result = await source.next();
        } catch (error) {
          await end();
          throw error;
        }
        if (result.done) {
          await end();
          return result;
        }
        try {
          const caller = await authenticator.authenticate(header);
          if (!caller) throw new UnauthenticatedError();
          allow?.(caller, result.value);
          ctx.caller = caller;
          ctx.callerPromise = Promise.resolve(caller);
          ctx.loaders = new RequestLoaders();
          return result;
        } catch (error) {
          await end();
          throw error;
        }
      },
      return: end,
      async throw(error: unknown): Promise<IteratorResult<V>> {
        await end();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}

/** The live feed and LiveUpdates, for every module's subscription resolvers. */
@Global()
@Module({ providers: [LiveFeed, LiveUpdates], exports: [LiveFeed, LiveUpdates] })
export class LiveUpdatesModule {}
