import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource, MigrationExecutor, type DataSourceOptions, type MixedList } from 'typeorm';
import { parseTimestamptz } from './timestamps.js';

// A `date` column is a calendar day (libs/ddd/calendar-day.ts): read it as the 'YYYY-MM-DD'
// text PostgreSQL sends, not as a JavaScript Date at local midnight (the previous day in UTC
// when the server runs in Japan).
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
// A timestamptz through V8's ISO parser, postgres-date for the rare forms (./timestamps.ts).
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, parseTimestamptz);

export interface DatabaseOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
  /** Connections in this process's pool (DATABASE_POOL_SIZE); 20 when absent. */
  poolSize?: number;
}

/** The session-level advisory lock every process takes to migrate ("migr"); one database, one migrator at a time. */
export const MIGRATION_LOCK = 0x6d696772;

/**
 * Runs the pending migrations under a session advisory lock, on one connection: when
 * several processes start together on one database, the first migrates (each migration in
 * its own transaction) while the others wait for the lock, then find nothing pending. The
 * lock goes with the connection, so a process killed while migrating leaves none behind.
 */
export async function migrateUnderLock(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      await executor.executePendingMigrations();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}

/**
 * PostgreSQL through TypeORM. Tables come only from the migrations, which run on start
 * (under a lock, see `migrateUnderLock`); `synchronize` stays off. Modules add their
 * EntitySchemas with TypeOrmModule.forFeature.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            type: 'postgres',
            url: options.url,
            autoLoadEntities: true,
            synchronize: false,
            migrations: options.migrations,
            // Run below, under the migration lock, before anything else uses the database.
            migrationsRun: false,
            migrationsTransactionMode: 'each',
            extra: { max: options.poolSize ?? 20 },
            logging: false,
          }),
          dataSourceFactory: async (dataSourceOptions?: DataSourceOptions) => {
            const dataSource = await new DataSource(dataSourceOptions!).initialize();
            try {
              await migrateUnderLock(dataSource);
            } catch (error) {
              await dataSource.destroy().catch(() => undefined);
              throw error;
            }
            return dataSource;
          },
        }),
      ],
    };
  }
}
