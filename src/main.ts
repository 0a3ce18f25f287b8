import 'reflect-metadata';
import { join } from 'node:path';
import { ConfigError, loadConfig, type AppConfig } from '#libs/config/config.js';
import type { EmbeddedDatabase } from '#libs/database/embedded-postgres.js';
import { createLogger } from '#libs/logging/logger.js';
import type { createApp } from './app.factory.js';

/**
 * The app's modules (Nest, GraphQL, TypeORM and every bounded context: about a second of
 * loading) are imported while the embedded database starts, not before it.
 */
function loadApp() {
  return Promise.all([import('./app.factory.js'), import('#libs/demo/demo-seeder.js')]).then(([factory, demo]) => ({
    createApp: factory.createApp,
    DemoRegistry: demo.DemoRegistry,
  }));
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  let embedded: EmbeddedDatabase | undefined;
  // Loaded only when used: a server deployment (DATABASE_URL) never imports the embedded database.
  let embeddedModule: typeof import('#libs/database/embedded-postgres.js') | undefined;
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let stopping = false;

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await app?.close();
      await embedded?.stop();
      logger.info('stopped cleanly');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error while shutting down');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    let loading: ReturnType<typeof loadApp> | undefined;
    let databaseUrl = config.databaseUrl;
    if (databaseUrl === undefined) {
      const dir = join(config.dataDir, 'pg');
      logger.info({ dir, port: config.embeddedPgPort }, 'starting the embedded PostgreSQL');
      embeddedModule = await import('#libs/database/embedded-postgres.js');
      embedded = await embeddedModule.startEmbeddedPostgres({
        dir,
        port: config.embeddedPgPort,
        database: 'minato',
        log: (message) => logger.debug({ component: 'embedded-postgres' }, message),
        info: (message) => logger.info({ component: 'embedded-postgres' }, message),
        // initdb and the server run in their own processes: the app's modules load meanwhile.
        whileStarting: () => {
          loading = loadApp();
          // Awaited below; a failure meanwhile must not surface as an unhandled rejection first.
          loading.catch(() => undefined);
        },
      });
      databaseUrl = embedded.url;
    }
    const { createApp, DemoRegistry } = await (loading ?? loadApp());
    app = await createApp({ config, databaseUrl, logger });
    if (config.demo) {
      const loaded = await app.get(DemoRegistry).run();
      if (loaded.length > 0) logger.info({ seeders: loaded }, 'demo data loaded');
    }
    await app.listen({ port: config.port, host: config.host });
    const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
    logger.info(
      { url: `http://${shown}:${config.port}/graphql`, database: embedded ? 'embedded' : 'server', startupMs: Date.now() - startedAt },
      `Minato is serving GraphQL on http://${shown}:${config.port}/graphql`,
    );
  } catch (error) {
    // The embedded database says in one line why it cannot start and what to do.
    if (embeddedModule && error instanceof embeddedModule.EmbeddedPostgresError) logger.fatal({ component: 'embedded-postgres' }, error.message);
    else logger.fatal({ err: error }, 'could not start');
    await app?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(1);
  }
}

void main();
