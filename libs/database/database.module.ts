import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { MixedList } from 'typeorm';

export interface DatabaseOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
  poolSize?: number;
}

/**
 * PostgreSQL through TypeORM. Tables come only from the migrations, which run on start;
 * `synchronize` stays off. Modules add their EntitySchemas with TypeOrmModule.forFeature.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: options.url,
          autoLoadEntities: true,
          synchronize: false,
          migrations: options.migrations,
          migrationsRun: true,
          migrationsTransactionMode: 'each',
          extra: { max: options.poolSize ?? 20 },
          logging: false,
        }),
      ],
    };
  }
}
