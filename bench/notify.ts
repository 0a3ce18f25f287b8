/**
 * Benchmark: what the live-update notification costs the commits that append to the log.
 *
 *   npm run bench:notify
 *
 * On a throw-away database (embedded, or a new one on DATABASE_URL's server): bursts of
 * BENCH_APPENDS (2000) single-row appends at once over a Pool(20), to a table shaped like
 * messaging.outbox, with one session LISTENing, in three ways:
 *   trigger — the outbox's own trigger (pg_notify in the appending transaction, as
 *             migration 1764810000000 does): PostgreSQL serializes the commits of
 *             transactions that notified;
 *   none    — no notification (what appends cost without live updates);
 *   after   — a separate `SELECT pg_notify(…)` after the append committed (the alternative:
 *             the publishing path wakes the listeners; not crash-safe on its own).
 * Prints the median wall time of BENCH_ROUNDS (4) bursts each and appends per second: the
 * rate at which event-writing commits would start to queue on the notification.
 */
import 'reflect-metadata';
import pg from 'pg';
import { benchDatabase, median } from './support.js';

const APPENDS = Number(process.env.BENCH_APPENDS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const INSERT = `INSERT INTO log (type, payload) VALUES ('events.registration.confirmed', '{"registrationId":"x"}') RETURNING position`;

async function main(): Promise<void> {
  const database = await benchDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 20 });
  const listener = new pg.Client({ connectionString: database.url });
  // Stopping the database at the end may reach a client the pool is still closing.
  pool.on('error', () => undefined);
  try {
    await pool.query(`CREATE TABLE log (position bigserial PRIMARY KEY, type text NOT NULL, payload jsonb NOT NULL)`);
    await pool.query(`CREATE FUNCTION notify_appended() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('messaging_outbox', NEW.position::text || ' ' || NEW.type); RETURN NULL; END $$`);
    await pool.query(`CREATE TRIGGER appended AFTER INSERT ON log FOR EACH ROW EXECUTE FUNCTION notify_appended()`);
    await listener.connect();
    await listener.query('LISTEN messaging_outbox');
    let heard = 0;
    listener.on('notification', () => heard++);

    const append: Record<string, () => Promise<unknown>> = {
      trigger: () => pool.query(INSERT),
      none: () => pool.query(INSERT),
      after: async () => {
        const client = await pool.connect();
        try {
          const { rows } = await client.query(INSERT);
          await client.query(`SELECT pg_notify('messaging_outbox', $1)`, [`${rows[0].position} events.registration.confirmed`]);
        } finally {
          client.release();
        }
      },
    };
    const walls: Record<string, number[]> = { trigger: [], none: [], after: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of Object.keys(append)) {
        await pool.query(`ALTER TABLE log ${mode === 'trigger' ? 'ENABLE' : 'DISABLE'} TRIGGER appended`);
        const started = Date.now();
        await Promise.all(Array.from({ length: APPENDS }, append[mode]));
        walls[mode].push(Date.now() - started);
      }
    }
    console.log(`${APPENDS} appends at once over Pool(20), ${database.where}; median of ${ROUNDS} bursts:`);
    for (const [mode, times] of Object.entries(walls)) {
      const wall = median(times);
      console.log(`  ${mode.padEnd(8)} ${String(wall).padStart(6)} ms   ${Math.round((APPENDS * 1000) / wall)} appends/s   (${times.join(', ')} ms)`);
    }
    console.log(`  notifications heard: ${heard} (expected ${APPENDS * ROUNDS * 2})`);
  } finally {
    await listener.end().catch(() => undefined);
    await pool.end();
    await database.drop();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
