import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.js';

/** The data folders these tests made, removed after them. */
const made: string[] = [];
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'minato-config-'));
  made.push(dir);
  return dir;
};

describe('loadConfig', () => {
  afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('runs embedded with demo data and port 3000 when nothing is set', () => {
    const dir = dataDir();
    const config = loadConfig({ MINATO_DATA_DIR: dir });
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, demo: true, nodeEnv: 'development' });
    // The JWT secret is generated once and kept with the data.
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8').trim()).toBe(config.jwtSecret);
    expect(loadConfig({ MINATO_DATA_DIR: dir }).jwtSecret).toBe(config.jwtSecret);
  });

  it('turns demo data off with DATABASE_URL unless MINATO_DEMO=1', () => {
    const env = { DATABASE_URL: 'postgres://u@db:5432/minato', JWT_SECRET: 'x'.repeat(32) };
    expect(loadConfig(env).demo).toBe(false);
    expect(loadConfig({ ...env, MINATO_DEMO: '1' }).demo).toBe(true);
    expect(loadConfig({ MINATO_DATA_DIR: dataDir(), MINATO_DEMO: '0' }).demo).toBe(false);
  });

  it('lists every bad value at once with what was expected', () => {
    expect.assertions(4);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', MINATO_ADMIN_EMAIL: 'a@b.jp', NODE_ENV: 'production' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('PORT must be a whole number from 0 to 65535, got "eighty"');
      expect(message).toContain('DATABASE_URL must look like postgres://');
      expect(message).toContain('MINATO_ADMIN_EMAIL and MINATO_ADMIN_PASSWORD must be set together');
    }
  });

  it('keeps handled events\' bookkeeping 30 days unless MINATO_MESSAGING_RETENTION_DAYS says otherwise (1 to 3650)', () => {
    const base = { MINATO_DATA_DIR: dataDir() };
    expect(loadConfig(base).messagingRetentionDays).toBe(30);
    expect(loadConfig({ ...base, MINATO_MESSAGING_RETENTION_DAYS: '7' }).messagingRetentionDays).toBe(7);
    for (const bad of ['0', '-1', '1.5', 'a week', '3651']) {
      expect(() => loadConfig({ ...base, MINATO_MESSAGING_RETENTION_DAYS: bad })).toThrow(
        'MINATO_MESSAGING_RETENTION_DAYS must be a whole number from 1 to 3650',
      );
    }
  });

  it('keeps the messaging audit off unless MINATO_MESSAGING_AUDIT=1 (a diagnostics setting)', () => {
    const base = { MINATO_DATA_DIR: dataDir() };
    expect(loadConfig(base).messagingAudit).toBe(false);
    expect(loadConfig({ ...base, MINATO_MESSAGING_AUDIT: '1' }).messagingAudit).toBe(true);
    expect(loadConfig({ ...base, MINATO_MESSAGING_AUDIT: 'off' }).messagingAudit).toBe(false);
    expect(() => loadConfig({ ...base, MINATO_MESSAGING_AUDIT: 'sometimes' })).toThrow('MINATO_MESSAGING_AUDIT must be 1 or 0');
  });

  it('pools 20 connections per process unless DATABASE_POOL_SIZE says otherwise (2 to 1000)', () => {
    const base = { MINATO_DATA_DIR: dataDir() };
    expect(loadConfig(base).databasePoolSize).toBe(20);
    expect(loadConfig({ ...base, DATABASE_POOL_SIZE: '8' }).databasePoolSize).toBe(8);
    for (const bad of ['0', '1', '2.5', 'many', '1001']) {
      expect(() => loadConfig({ ...base, DATABASE_POOL_SIZE: bad })).toThrow('DATABASE_POOL_SIZE must be a whole number from 2 to 1000');
    }
  });

  it('requires JWT_SECRET against a server in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u@db/m' })).toThrow(/JWT_SECRET is required/);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY names the proxies (or says true)', () => {
    const base = { MINATO_DATA_DIR: dataDir() };
    expect(loadConfig(base).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ ...base, TRUST_PROXY: '10.0.0.0/8, loopback,2001:db8::/32,192.0.2.7' }).trustProxy).toEqual([
      '10.0.0.0/8',
      'loopback',
      '2001:db8::/32',
      '192.0.2.7',
    ]);
    for (const bad of ['1', '2', '10.0.0.0/33', 'proxy.internal', '10.0.0.1/8/8', '::1/129']) {
      expect(() => loadConfig({ ...base, TRUST_PROXY: bad })).toThrow(/TRUST_PROXY must be true, false, or the proxies' addresses/);
    }
  });
});
