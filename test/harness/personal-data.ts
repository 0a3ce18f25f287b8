import type { TestApp } from './harness.js';

export interface PersonalDataTraceOptions {
  /** The schemas whose tables are searched (default: every schema but PostgreSQL's own). */
  schemas?: string[];
  /** Only the event log's rows from these sources are searched (default: every source). */
  outboxSources?: string[];
  /** The event log's rows from these sources are not searched (e.g. `identity`, which scrubs its own). */
  outboxExcludeSources?: string[];
}

const quoted = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/**
 * Where any of `needles` (a person's name, email, phone…) is still held, case-insensitively:
 * every column of every base table of the schemas (whatever its type: text, JSON and arrays
 * are searched as their `::text`), as `schema.table.column`; and the payloads of the event
 * log (`messaging.outbox`, searched only as the log, under the source options), as
 * `messaging.outbox <event type>`. Empty when nothing is left. Throws if a schema named has
 * no table (a misspelt schema would otherwise find nothing), or if a needle is blank.
 */
export async function personalDataTraces(t: TestApp, needles: string[], options: PersonalDataTraceOptions = {}): Promise<string[]> {
  if (needles.length === 0 || needles.some((n) => typeof n !== 'string' || n.trim() === '')) {
    throw new Error(`personalDataTraces: every needle must be a non-blank string, got ${JSON.stringify(needles)}`);
  }
  const columns = await t.sql<{ schema: string; table: string; column: string }>(
    `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column
       FROM information_schema.columns c
       JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
      WHERE tb.table_type = 'BASE TABLE'
        AND ($1::text[] IS NULL AND c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.table_schema NOT LIKE 'pg\\_%'
             OR c.table_schema = ANY ($1::text[]))
        AND NOT (c.table_schema = 'messaging' AND c.table_name = 'outbox')
      ORDER BY 1, 2, 3`,
    [options.schemas ?? null],
  );
  const searched = new Set(columns.map((c) => c.schema));
  const missing = (options.schemas ?? []).filter((s) => !searched.has(s));
  if (searched.size === 0 || missing.length > 0) throw new Error(`personalDataTraces: no table in schema ${missing.join(', ') || '(any)'}`);

  const holds = (value: string) => `EXISTS (SELECT 1 FROM unnest($1::text[]) needle WHERE strpos(lower(${value}::text), lower(needle)) > 0)`;
  const places: string[] = [];
  if (columns.length > 0) {
    const found = await t.sql<{ i: number }>(
      columns.map((c, i) => `(SELECT ${i} AS i FROM ${quoted(c.schema)}.${quoted(c.table)} WHERE ${holds(quoted(c.column))} LIMIT 1)`)
        .join(' UNION ALL '),
      [needles],
    );
    places.push(...found.map((f) => f.i).sort((a, b) => a - b).map((i) => `${columns[i].schema}.${columns[i].table}.${columns[i].column}`));
  }
  const events = await t.sql<{ type: string }>(
    `SELECT DISTINCT type FROM messaging.outbox
      WHERE ($2::text[] IS NULL OR source = ANY ($2::text[])) AND source <> ALL ($3::text[]) AND ${holds('payload')}
      ORDER BY 1`,
    [needles, options.outboxSources ?? null, options.outboxExcludeSources ?? []],
  );
  return [...places, ...events.map((e) => `messaging.outbox ${e.type}`)];
}
