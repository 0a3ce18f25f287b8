import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Everything the process reads from its environment, validated once at start. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** A PostgreSQL server; when undefined the app runs its own embedded PostgreSQL. */
  databaseUrl?: string;
  /**
   * Connections of this process's pool (TypeORM's, for every query and transaction). The
   * live feed's LISTEN connection is one more, outside the pool.
   */
  databasePoolSize: number;
  /** Where the embedded PostgreSQL keeps its data (and the generated JWT secret). */
  dataDir: string;
  embeddedPgPort: number;
  jwtSecret: string;
  jwtTtlSeconds: number;
  /** Load the Kesennuma demo data on start. */
  demo: boolean;
  adminEmail?: string;
  adminPassword?: string;
  logLevel: string;
  /** Milliseconds between polls of the outbox relay; 0 turns the background relay off. */
  relayIntervalMs: number;
  /**
   * Days the relay keeps the bookkeeping of handled events (finished delivery rows, inbox
   * rows) before pruning it; the event log itself is kept.
   */
  messagingRetentionDays: number;
  /**
   * Diagnostics: the relay records each handling of an event by a subscriber in
   * `messaging.audit` (in the handling's transaction, counting repeats), and a subscriber of
   * every event type (`messaging.audit`) runs, so "every logged event handled exactly once
   * by every subscriber" can be checked in the database. Off by default.
   */
  messagingAudit: boolean;
  /**
   * Whose X-Forwarded-For to believe for the client's address (Fastify's `trustProxy`):
   * false (the default) ignores the header; a list of proxy addresses or CIDRs (or
   * `loopback`, `linklocal`, `uniquelocal`) believes it as far as those proxies; true
   * believes every hop, so only behind a proxy that overwrites the header.
   */
  trustProxy: boolean | string[];
}

/** Raised when the environment holds a value the app cannot run with. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
    return fallback;
  }
  return value;
}

function boolVar(env: NodeJS.ProcessEnv, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  problems.push(`${name} must be 1 or 0 (true/false), got "${raw}"`);
  return fallback;
}

const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One TRUST_PROXY entry: an address, a CIDR or one of proxy-addr's range names. */
function isProxyRange(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

function trustProxyVar(env: NodeJS.ProcessEnv, problems: string[]): boolean | string[] {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '' || ['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  if (['true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  // Express reads a number as a hop count; Fastify ignores the header then. Refuse it
  // rather than let either reading surprise someone.
  const entries = raw.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !isProxyRange(e));
  if (bad.length > 0) {
    problems.push(
      `TRUST_PROXY must be true, false, or the proxies' addresses or CIDRs separated by commas (e.g. 10.0.0.0/8,loopback; not a hop count), got "${raw}"`,
    );
    return false;
  }
  return entries;
}

/**
 * Reads and validates the configuration. Throws a ConfigError listing every bad value at
 * once, so a user fixes their environment in one go.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const nodeEnv = (env.NODE_ENV ?? 'development') as AppConfig['nodeEnv'];
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV must be development, production or test, got "${env.NODE_ENV}"`);
  }
  const port = intVar(env, 'PORT', 3000, 0, 65535, problems);
  const host = env.HOST && env.HOST !== '' ? env.HOST : '0.0.0.0';
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL !== '' ? env.DATABASE_URL : undefined;
  if (databaseUrl) {
    try {
      const url = new URL(databaseUrl);
      if (!['postgres:', 'postgresql:'].includes(url.protocol)) throw new Error('protocol');
    } catch {
      problems.push(`DATABASE_URL must look like postgres://user:password@host:5432/database, got "${databaseUrl}"`);
    }
  }
  const dataDir = resolve(env.MINATO_DATA_DIR && env.MINATO_DATA_DIR !== '' ? env.MINATO_DATA_DIR : 'data');
  const embeddedPgPort = intVar(env, 'MINATO_EMBEDDED_PG_PORT', 54329, 1, 65535, problems);
  const jwtTtlSeconds = intVar(env, 'JWT_TTL_SECONDS', 12 * 3600, 60, 30 * 24 * 3600, problems);
  const relayIntervalMs = intVar(env, 'MINATO_RELAY_INTERVAL_MS', 250, 0, 60_000, problems);
  const messagingRetentionDays = intVar(env, 'MINATO_MESSAGING_RETENTION_DAYS', 30, 1, 3650, problems);
  const messagingAudit = boolVar(env, 'MINATO_MESSAGING_AUDIT', false, problems);
  // Two at least: migrations hold one connection (the migration lock) and run on another
  // while the pool is otherwise idle; more than PostgreSQL's usual max_connections is a typo.
  const databasePoolSize = intVar(env, 'DATABASE_POOL_SIZE', 20, 2, 1000, problems);
  const trustProxy = trustProxyVar(env, problems);
  // Demo data: on by default when embedded, off against a real server unless asked for.
  const demo = boolVar(env, 'MINATO_DEMO', databaseUrl === undefined, problems);
  const adminEmail = env.MINATO_ADMIN_EMAIL || undefined;
  const adminPassword = env.MINATO_ADMIN_PASSWORD || undefined;
  if (adminPassword !== undefined && adminPassword.length < 10) {
    problems.push('MINATO_ADMIN_PASSWORD must have at least 10 characters');
  }
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    problems.push('MINATO_ADMIN_EMAIL and MINATO_ADMIN_PASSWORD must be set together');
  }
  const logLevel = env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "${logLevel}"`);
  }

  let jwtSecret = env.JWT_SECRET ?? '';
  if (jwtSecret !== '' && jwtSecret.length < 32) problems.push('JWT_SECRET must have at least 32 characters');
  if (jwtSecret === '') {
    if (databaseUrl === undefined) {
      jwtSecret = embeddedJwtSecret(dataDir);
    } else if (nodeEnv === 'production') {
      problems.push('JWT_SECRET is required with DATABASE_URL in production');
    } else {
      // A server database outside production: tokens last only as long as this process.
      jwtSecret = randomBytes(48).toString('base64url');
    }
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    nodeEnv, port, host, databaseUrl, databasePoolSize, dataDir, embeddedPgPort, jwtSecret, jwtTtlSeconds, demo,
    adminEmail, adminPassword, logLevel, relayIntervalMs, messagingRetentionDays, messagingAudit, trustProxy,
  };
}

/** In embedded mode the secret is generated once and kept with the data, so tokens survive restarts. */
function embeddedJwtSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
