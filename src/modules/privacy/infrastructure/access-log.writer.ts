import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PersonalDataRead } from '#libs/contracts/privacy/commands.js';
import { newId } from '#libs/ddd/ids.js';

const MAX_BATCH = 500;

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Writes the access log in batches: every read recorded in one turn of the event loop (the
 * fields of one response, and of the other responses being resolved meanwhile) goes in one
 * INSERT on a pooled connection of its own, outside any request's transaction. `record`
 * resolves once its rows are committed, so a resolver that awaits it hands out nothing the
 * log does not hold (the guarantee the event log gives its events), while its own reads go
 * on meanwhile. The same read twice in one batch is kept once.
 */
@Injectable()
export class AccessLogWriter implements OnApplicationShutdown {
  private pending = new Map<string, PersonalDataRead & { at: Date }>();
  private waiters: Waiter[] = [];
  private scheduled = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly dataSource: DataSource) {}

  record(reads: readonly PersonalDataRead[]): Promise<void> {
    if (reads.length === 0) return Promise.resolve();
    const at = new Date();
    for (const read of reads) {
      const key = `${read.readerAccountId}|${read.subjectAccountId}|${read.via}|${[...read.fields].sort().join(',')}`;
      if (!this.pending.has(key)) this.pending.set(key, { ...read, at });
    }
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      if (this.pending.size >= MAX_BATCH) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    if (this.waiters.length === 0) return;
    const rows = [...this.pending.values()];
    const waiters = this.waiters;
    this.pending = new Map();
    this.waiters = [];
    const write = this.write(rows).then(
      () => waiters.forEach((w) => w.resolve()),
      (error: unknown) => waiters.forEach((w) => w.reject(error)),
    );
    this.inFlight.add(write);
    void write.finally(() => this.inFlight.delete(write));
  }

  private async write(rows: Array<PersonalDataRead & { at: Date }>): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO privacy.access_log (id, reader_account_id, subject_account_id, fields, via, at)
       SELECT (r->>'id')::uuid, (r->>'readerAccountId')::uuid, (r->>'subjectAccountId')::uuid,
              ARRAY(SELECT jsonb_array_elements_text(r->'fields')), r->>'via', (r->>'at')::timestamptz
         FROM jsonb_array_elements($1::jsonb) r`,
      [JSON.stringify(rows.map((r) => ({ ...r, id: newId() })))],
    );
  }

  /** Lets the batches already taken finish before the pool closes. */
  async onApplicationShutdown(): Promise<void> {
    if (this.scheduled || this.waiters.length > 0) this.flush();
    await Promise.allSettled([...this.inFlight]);
  }
}
