import { DynamicModule, Module, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from 'pino';
import { AuthModule } from '#libs/auth/auth.module.js';
import { CallerGuard } from '#libs/auth/caller.guard.js';
import { DEFAULT_PASSWORD_HASH, type PasswordHashOptions } from '#libs/auth/password-hasher.js';
import type { AppConfig } from '#libs/config/config.js';
import { ConfigModule } from '#libs/config/config.module.js';
import { DatabaseModule } from '#libs/database/database.module.js';
import { DemoModule } from '#libs/demo/demo.module.js';
import { PageInfo } from '#libs/graphql/connection.js';
import { ContactCardType, DateRangeInput, DateRangeType } from '#libs/graphql/shared-types.js';
import { buildContext } from '#libs/graphql/context.js';
import { DateTimeScalar } from '#libs/graphql/date-time.js';
import { JitApolloDriver, type JitDriverConfig } from '#libs/graphql/jit.js';
import { withPlainFields } from '#libs/graphql/plain-fields.js';
import { createErrorFormatter, requestIdOnErrors } from '#libs/graphql/errors.js';
import { offlineIdeLandingPage } from '#libs/graphql/ide.js';
import { queryLimits } from '#libs/graphql/query-limits.js';
import { GraphqlSockets, LiveUpdatesModule, SocketSchemaBinder } from '#libs/graphql/subscriptions.js';
import { MessagingModule } from '#libs/messaging/messaging.module.js';
import { migrations } from '../migrations/index.js';
import { HealthController } from './health/health.controller.js';
import { CareersModule } from './modules/careers/index.js';
import { EventsModule } from './modules/events/index.js';
import { HousingModule } from './modules/housing/index.js';
import { IdentityModule } from './modules/identity/index.js';
import { MatchingModule } from './modules/matching/index.js';
import { CommunityModule } from './modules/community/index.js';
import { InsightsModule } from './modules/insights/index.js';
import { SupportModule } from './modules/support/index.js';
import { PrivacyModule } from './modules/privacy/index.js';

/** What varies between the real process and tests. */
export interface AppOptions {
  config: AppConfig;
  databaseUrl: string;
  logger: Logger;
  passwordHash?: PasswordHashOptions;
  /** Extra modules (tests add probe subscribers). */
  extraModules?: Array<Type | DynamicModule>;
  /**
   * The use of an operation at which graphql-jit compiles it (3: see libs/graphql/jit.ts).
   * Tests set 1, so that every operation they send runs compiled.
   */
  jitAtUse?: number;
}

/** The modular monolith: every bounded context, and the plumbing they share. */
@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    const { config } = options;
    const production = config.nodeEnv === 'production';
    // Depth, aliases, directives, tokens, cost and batches: see libs/graphql/query-limits.ts.
    const limits = queryLimits({ production });
    const formatError = createErrorFormatter(options.logger);
    // Subscriptions over WebSocket, on the same path, held to the same limits and error shapes.
    const sockets = new GraphqlSockets({ limits, formatError, production });
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({ url: options.databaseUrl, migrations, poolSize: config.databasePoolSize }),
        MessagingModule.forRoot({
          intervalMs: config.relayIntervalMs,
          maxAttempts: 8,
          backoffMs: 1000,
          maxBackoffMs: 5 * 60_000,
          retentionDays: config.messagingRetentionDays,
          audit: config.messagingAudit,
        }),
        AuthModule.forRoot({
          tokens: { secret: config.jwtSecret, ttlSeconds: config.jwtTtlSeconds },
          passwords: options.passwordHash ?? DEFAULT_PASSWORD_HASH,
        }),
        LiveUpdatesModule,
        DemoModule,
        CqrsModule.forRoot(),
        GraphQLModule.forRoot<JitDriverConfig>({
          driver: JitApolloDriver,
          jit: { compileAtUse: options.jitAtUse },
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          // PageInfo belongs to the common contract even before a connection uses it, and
          // 49-shared's types to every module after it, whichever of them is served.
          buildSchemaOptions: {
            orphanedTypes: [PageInfo, DateRangeType, DateRangeInput, ContactCardType],
            // DateTime as Nest defines it, written without toISOString (libs/graphql/date-time.ts).
            scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
          },
          // Fields that only read a property are read inline, not called (libs/graphql/plain-fields.ts).
          transformSchema: withPlainFields,
          playground: false,
          introspection: !production,
          includeStacktraceInErrorResponses: false,
          fieldResolverEnhancers: ['guards'],
          // Types point at each other (Opportunity.employer.opportunities…): a document is refused
          // before anything runs when it asks for too much.
          parseOptions: limits.parseOptions,
          maxRecursiveSelections: limits.maxRecursiveSelections,
          validationRules: limits.validationRules,
          allowBatchedHttpRequests: limits.allowBatchedHttpRequests,
          hideSchemaDetailsFromClientErrors: limits.hideSchemaDetailsFromClientErrors,
          plugins: [
            requestIdOnErrors(),
            // No HTTP cache hints are served: skip the per-field bookkeeping Apollo does for them.
            ApolloServerPluginCacheControlDisabled(),
            ...limits.plugins,
            production ? ApolloServerPluginLandingPageDisabled() : offlineIdeLandingPage('/graphql'),
          ],
          formatError,
          context: (request: unknown) => buildContext(request),
          subscriptions: { 'graphql-ws': sockets.options() },
        }),
        IdentityModule,
        CareersModule,
        EventsModule,
        MatchingModule,
        CommunityModule,
        InsightsModule,
        SupportModule,
        HousingModule,
        PrivacyModule,
        ...(options.extraModules ?? []),
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_GUARD, useClass: CallerGuard }, { provide: GraphqlSockets, useValue: sockets }, SocketSchemaBinder],
    };
  }
}
