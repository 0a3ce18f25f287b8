import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { DomainErrorPassThrough, validationExceptionFactory } from '#libs/graphql/errors.js';
import { GraphqlTransportErrorFilter } from '#libs/graphql/transport-errors.js';
import { IDE_ASSETS_PATH } from '#libs/graphql/ide.js';
import { RememberingValidationPipe } from '#libs/graphql/validation.js';
import { limitSockets } from '#libs/graphql/subscriptions.js';
import { PinoNestLogger } from '#libs/logging/logger.js';
import { AppModule, type AppOptions } from './app.module.js';

/**
 * Builds the application (initialised, not yet listening): Fastify with pino request
 * logs and a request id, validation mapped to BAD_USER_INPUT, the offline IDE, and
 * GraphQL subscriptions over WebSocket on the same path.
 */
export async function createApp(options: AppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: options.logger.child({ component: 'http' }),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    // request.ip comes from X-Forwarded-For only through proxies TRUST_PROXY names.
    trustProxy: options.config.trustProxy,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    logger: new PinoNestLogger(options.logger),
    abortOnError: false,
    // Fastify's own JSON parser reads the body (Nest's would wrap it, per request, to keep a raw body no route uses).
    bodyParser: false,
  });
  // A body Fastify refuses before Apollo sees it (not JSON, too large) answers in the contract's shape.
  app.useGlobalFilters(new GraphqlTransportErrorFilter(app.getHttpAdapter()), new DomainErrorPassThrough());
  app.useGlobalPipes(
    new RememberingValidationPipe({ transform: true, exceptionFactory: validationExceptionFactory, forbidUnknownValues: false }),
  );
  if (options.config.nodeEnv !== 'production') {
    // The IDE's bundle is loaded only outside production.
    const { AltairFastify } = await import('altair-fastify-plugin');
    await app.register(AltairFastify as never, { path: '/altair', baseURL: IDE_ASSETS_PATH, endpointURL: '/graphql' });
  }
  const fastify = app.getHttpAdapter().getInstance();
  // Set as the request arrives (a callback hook: no promise per request); sent with any answer.
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  await app.init();
  limitSockets(app);
  await fastify.ready();
  return app;
}
