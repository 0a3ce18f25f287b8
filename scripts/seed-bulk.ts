import 'reflect-metadata';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '#libs/config/config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '#libs/database/embedded-postgres.js';
import { BulkRegistry, isSelective } from '#libs/demo/bulk-seeder.js';
import { DemoRegistry } from '#libs/demo/demo-seeder.js';
import { createLogger } from '#libs/logging/logger.js';
import { createApp } from '../src/app.factory.js';

/**
 * Fills the database with many fictional rows for benchmarks and index checks:
 *   npm run seed:bulk -- --regions 8 --opportunities 100000 --listings 10000 [--explain]
 * Uses the same database as `npm start` (embedded in ./data, or DATABASE_URL).
 * Kinds run in the order given by the flags below; --explain prints the query plans.
 */
const ORDER = ['regions', 'opportunities', 'events', 'candidates', 'listings'];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      regions: { type: 'string' },
      opportunities: { type: 'string' },
      events: { type: 'string' },
      candidates: { type: 'string' },
      listings: { type: 'string' },
      explain: { type: 'boolean', default: false },
    },
  });
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({ dir: join(config.dataDir, 'pg'), port: config.embeddedPgPort, database: 'minato', info: (m) => console.log(m) });
    databaseUrl = embedded.url;
  }
  const app = await createApp({ config: { ...config, relayIntervalMs: 0 }, databaseUrl, logger });
  try {
    if (config.demo) await app.get(DemoRegistry).run();
    const registry = app.get(BulkRegistry);
    for (const kind of ORDER) {
      const raw = values[kind as keyof typeof values];
      if (raw === undefined || typeof raw !== 'string') continue;
      const count = Number(raw);
      if (!Number.isInteger(count) || count < 0) throw new Error(`--${kind} takes a whole number, got ${raw}`);
      const seeder = registry.get(kind);
      if (!seeder) throw new Error(`No bulk generator for ${kind} (have: ${registry.kinds().join(', ')})`);
      const started = Date.now();
      const total = await seeder.generate(count, (m) => console.log(m));
      console.log(`${kind}: ${total} in the database (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
    if (values.explain) {
      let ok = true;
      for (const seeder of registry.kinds().map((k) => registry.get(k)!)) {
        for (const report of (await seeder.explain?.()) ?? []) {
          const share = report.total ? ` (matches ${report.matched} of ${report.total})` : '';
          const flag = report.usesIndexes ? '' : isSelective(report) ? '   <-- SEQUENTIAL SCAN OF A SELECTIVE SEARCH' : '   (sequential scan: not selective)';
          console.log(`\n## ${report.name}${share}${flag}`);
          for (const line of report.plan) console.log(line);
          ok &&= report.usesIndexes || !isSelective(report);
        }
      }
      if (!ok) process.exitCode = 1;
    }
  } finally {
    await app.close();
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
