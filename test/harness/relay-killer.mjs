// Kills one app process (SIGKILL) while it is inside a relay transaction that has handed
// events over and not committed, for test/messaging/many-processes.e2e-spec.ts. A process
// of its own: the test's event loop is busy with hundreds of requests in flight, and a
// round trip from there can take half a second, too slow for a transaction that lasts
// milliseconds.
//
// How: it holds SUBSCRIBER's cursor row (`SELECT … FROM messaging.subscriber … FOR UPDATE`,
// in a transaction). The relay moves a subscriber's cursor at the end of a step, after
// handing the step's events over, in the same transaction (libs/messaging/outbox-relay.ts);
// so the next process to relay SUBSCRIBER (holding its advisory lock, which keeps every
// other process off it) waits there with its handlings uncommitted. The killer sees who
// waits (pg_blocking_pids, from a second connection), kills that process, waits until it
// is dead, and lets go: the waiting UPDATE then runs for nobody and its transaction rolls
// back when its backend finds the socket closed. What it had handed over must be handed
// over again by another process. When nobody waits within TRY_MS (SUBSCRIBER had nothing
// to do), it lets go and tries again; once LATE_AT registrations of the event exist, it
// kills FALLBACK wherever it is, so that a process always dies in the middle of the burst.
// Prints one JSON line: { victim, midRelay: [subscriber…], tries, registrationsAtKill,
// behind (readable events past SUBSCRIBER's committed cursor then) }.
//
// Environment: DATABASE_URL; APPS, the app processes as `name=pid,…` (their connections'
// application_name and their pid); FALLBACK, one of those names; SUBSCRIBER; LOCK_SPACE,
// the relay's advisory lock space; EVENT_ID; FROM, registrations before the first try;
// LATE_AT; TRY_MS.
import { readFileSync } from 'node:fs';
import pg from 'pg';

const env = (name) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const url = env('DATABASE_URL');
const apps = new Map(env('APPS').split(',').map((entry) => entry.split('=')).map(([name, pid]) => [name, Number(pid)]));
const fallback = env('FALLBACK');
const subscriber = env('SUBSCRIBER');
const lockSpace = Number(env('LOCK_SPACE'));
const eventId = env('EVENT_ID');
const from = Number(env('FROM'));
const lateAt = Number(env('LATE_AT'));
const tryMs = Number(env('TRY_MS'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Whether the process runs (Linux): a zombie (dead, its parent has not reaped it yet) does not. */
const alive = (pid) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

const holder = new pg.Client({ connectionString: url, application_name: 'many-processes-holder' });
const watcher = new pg.Client({ connectionString: url, application_name: 'many-processes-watcher' });
await holder.connect();
await watcher.connect();
const { rows: [{ pid: holderPid }] } = await holder.query('SELECT pg_backend_pid() AS pid');
const registrations = async () =>
  (await watcher.query('SELECT count(*)::int AS n FROM events.registration WHERE event_id = $1', [eventId])).rows[0].n;

/** App connections waiting for the holder, with the subscriber whose relay lock each holds. */
const waiting = async () =>
  (
    await watcher.query(
      `SELECT a.application_name AS app,
              (SELECT s.name FROM pg_locks l JOIN messaging.subscriber s
                 ON l.objid::bigint = (hashtext(s.name)::bigint & 4294967295)
                WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.classid = $3 AND l.objsubid = 2 LIMIT 1) AS subscriber
         FROM pg_stat_activity a
        WHERE a.application_name = ANY ($1::text[]) AND $2 = ANY (pg_blocking_pids(a.pid))`,
      [[...apps.keys()], holderPid, lockSpace],
    )
  ).rows;

const deadline = Date.now() + 150_000;
const inTime = () => {
  if (Date.now() > deadline) throw new Error(`no kill in 150 s: registrations never reached ${lateAt}?`);
};
try {
  while ((await registrations()) < from) {
    inTime();
    await sleep(10);
  }
  for (let tries = 1; ; tries++) {
    inTime();
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM messaging.subscriber WHERE name = $1 FOR UPDATE', [subscriber]);
    let caught = [];
    let late = false;
    for (const until = Date.now() + tryMs; Date.now() < until; await sleep(5)) {
      caught = await waiting();
      late = (await registrations()) >= lateAt;
      if (caught.length > 0 || late) break;
    }
    if (caught.length > 0 || late) {
      const victim = caught[0]?.app ?? fallback;
      const midRelay = caught.filter((c) => c.app === victim).map((c) => c.subscriber ?? '?');
      const registrationsAtKill = await registrations();
      // Readable events past SUBSCRIBER's committed cursor: the victim's batch is among them.
      const { rows: [{ behind }] } = await watcher.query(
        `SELECT count(*)::int AS behind FROM messaging.outbox o, messaging.subscriber s
          WHERE s.name = $1 AND (o.txid, o.position) > (s.cursor_txid, s.cursor_position)
            AND o.txid < pg_snapshot_xmin(pg_current_snapshot())`,
        [subscriber],
      );
      const pid = apps.get(victim);
      process.kill(pid, 'SIGKILL');
      while (alive(pid)) await sleep(2);
      await holder.query('ROLLBACK');
      console.log(JSON.stringify({ victim, midRelay, tries, registrationsAtKill, behind }));
      break;
    }
    await holder.query('ROLLBACK');
    await sleep(10);
  }
} finally {
  await holder.end();
  await watcher.end();
}
