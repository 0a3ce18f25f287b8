import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '../messaging/outbox-relay.js';

/** Every module's demo seeder; the app runs them at start when demo data is on. */
@Injectable()
export class DemoRegistry {
  private readonly logger = new Logger('Demo');
  private readonly seeders: DemoSeeder[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  add(seeder: DemoSeeder): void {
    this.seeders.push(seeder);
  }

  /**
   * Runs each seeder not yet recorded; a seeder added by a later release runs on the next
   * start. The relay hands the events over in batches at the seeders' own `settle()` and
   * right after, in the background, not after each of their hundreds of commits.
   */
  run(): Promise<string[]> {
    return this.relay.quietWhile(() => this.seedAll());
  }

  private async seedAll(): Promise<string[]> {
    const ran: string[] = [];
    for (const seeder of [...this.seeders].sort((a, b) => a.order - b.order)) {
      const done: unknown[] = await this.dataSource.query('SELECT 1 FROM platform.demo_seed WHERE name = $1', [seeder.name]);
      if (done.length > 0) continue;
      await seeder.seed();
      await this.dataSource.query('INSERT INTO platform.demo_seed (name) VALUES ($1) ON CONFLICT DO NOTHING', [seeder.name]);
      this.logger.log(`demo data loaded: ${seeder.name}`);
      ran.push(seeder.name);
    }
    return ran;
  }
}

/** A module's part of the demo data; runs once per database, in `order`. */
export abstract class DemoSeeder implements OnModuleInit {
  @Inject(DemoRegistry) private readonly demoRegistry!: DemoRegistry;
  /** Stable; recorded in platform.demo_seed once the seeder has run. */
  abstract readonly name: string;
  /** Lower runs first: identity 10, careers 20, events 30, matching 40. */
  abstract readonly order: number;

  onModuleInit(): void {
    this.demoRegistry.add(this);
  }

  abstract seed(): Promise<void>;
}

