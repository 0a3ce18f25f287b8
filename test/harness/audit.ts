import pg from 'pg';

/**
 * What `messaging.audit` (MINATO_MESSAGING_AUDIT=1) says against the log: for every
 * subscriber in `messaging.subscriber` and every logged event of its types from its
 * `from_position`, one row with times = 1 is "handled exactly once".
 */
export interface AuditVerdict {
  /** (subscriber, event) pairs the log says must be handled. */
  expected: number;
  /** Of those, with no audit row: never handled. */
  missing: number;
  /** Audit rows with times > 1: handled more than once. */
  repeated: number;
  /** Audit rows of no expected pair (an event not of the subscriber's types, or not in the log). */
  unexpected: number;
  /** A few offending rows, to read in a failure. */
  examples: Array<{ subscriber: string; event_id: string; type: string | null; times: number | null; problem: string }>;
  /** Handlings per process (`handled_by`, host:pid of the last handling), per subscriber. */
  byProcess: Array<{ subscriber: string; handled_by: string; events: number }>;
}

const EXPECTED = `
  SELECT s.name AS subscriber, o.id AS event_id, o.type
    FROM messaging.subscriber s JOIN messaging.outbox o ON o.type = ANY (s.event_types) AND o.position >= s.from_position`;

/** Compares the audit with the log on the database of `url` (or through `client`). */
export async function auditVerdict(db: string | pg.Client): Promise<AuditVerdict> {
  const client = typeof db === 'string' ? new pg.Client({ connectionString: db }) : db;
  if (typeof db === 'string') await client.connect();
  try {
    const [counts] = (
      await client.query(`
        WITH expected AS (${EXPECTED})
        SELECT (SELECT count(*)::int FROM expected) AS expected,
               (SELECT count(*)::int FROM expected e
                 WHERE NOT EXISTS (SELECT 1 FROM messaging.audit a WHERE a.subscriber = e.subscriber AND a.event_id = e.event_id)) AS missing,
               (SELECT count(*)::int FROM messaging.audit WHERE times > 1) AS repeated,
               (SELECT count(*)::int FROM messaging.audit a
                 WHERE NOT EXISTS (SELECT 1 FROM expected e WHERE e.subscriber = a.subscriber AND e.event_id = a.event_id)) AS unexpected`)
    ).rows as Array<Pick<AuditVerdict, 'expected' | 'missing' | 'repeated' | 'unexpected'>>;
    const examples = (
      await client.query(`
        WITH expected AS (${EXPECTED})
        (SELECT e.subscriber, e.event_id::text, e.type, NULL::int AS times, 'missing' AS problem FROM expected e
          WHERE NOT EXISTS (SELECT 1 FROM messaging.audit a WHERE a.subscriber = e.subscriber AND a.event_id = e.event_id) LIMIT 5)
        UNION ALL
        (SELECT a.subscriber, a.event_id::text, o.type, a.times, CASE WHEN a.times > 1 THEN 'repeated' ELSE 'unexpected' END
           FROM messaging.audit a LEFT JOIN messaging.outbox o ON o.id = a.event_id
          WHERE a.times > 1 OR NOT EXISTS (SELECT 1 FROM expected e WHERE e.subscriber = a.subscriber AND e.event_id = a.event_id) LIMIT 5)`)
    ).rows as AuditVerdict['examples'];
    const byProcess = (
      await client.query(
        `SELECT subscriber, handled_by, count(*)::int AS events FROM messaging.audit GROUP BY 1, 2 ORDER BY 1, 2`,
      )
    ).rows as AuditVerdict['byProcess'];
    return { ...counts, examples, byProcess };
  } finally {
    if (typeof db === 'string') await client.end();
  }
}
