import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';

/**
 * A search matching at most this share of the rows it could see is selective: reading it
 * through an index costs a fraction of a full scan under any planner's default costs, so a
 * sequential scan for it is a missing index. For broader searches a full scan may be right.
 */
export const SELECTIVE_SHARE = 0.02;

/** Whether a report's search is selective (see SELECTIVE_SHARE); unknown counts are not. */
export const isSelective = (r: PlanReport): boolean =>
  r.matched !== undefined && r.total !== undefined && r.matched <= r.total * SELECTIVE_SHARE;

/** A query plan, as PostgreSQL's EXPLAIN printed it, and whether it stays on indexes. */
export interface PlanReport {
  name: string;
  plan: string[];
  /** No sequential scan of the module's big tables. */
  usesIndexes: boolean;
  /** How many rows the search matches, and out of how many it could see (its selectivity). */
  matched?: number;
  total?: number;
}

/** Every module's bulk generator (benchmarks and index checks reuse them). */
@Injectable()
export class BulkRegistry {
  private readonly seeders: BulkSeeder[] = [];

  add(seeder: BulkSeeder): void {
    this.seeders.push(seeder);
  }

  get(kind: string): BulkSeeder | undefined {
    return this.seeders.find((s) => s.kind === kind);
  }

  kinds(): string[] {
    return this.seeders.map((s) => s.kind);
  }
}

/** A module's generator of many fictional rows of one kind, for benchmarks and plans. */
export abstract class BulkSeeder implements OnModuleInit {
  @Inject(BulkRegistry) private readonly bulkRegistry!: BulkRegistry;
  /** What it makes, e.g. `opportunities`; the CLI flag is `--<kind> <count>`. */
  abstract readonly kind: string;

  onModuleInit(): void {
    this.bulkRegistry.add(this);
  }

  /** Adds rows until there are at least `count`; returns how many exist now. */
  abstract generate(count: number, log: (message: string) => void): Promise<number>;

  /** EXPLAIN of the module's searches over what was generated. */
  explain?(): Promise<PlanReport[]>;
}
