import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DynamicModule, Type } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AccountKind, Caller } from '#libs/auth/caller.js';
import { loadConfig, type AppConfig } from '#libs/config/config.js';
import { AccountErasureRequested } from '#libs/contracts/privacy/events.js';
import { LiveFeed } from '#libs/messaging/live-feed.js';
import { OutboxRelay } from '#libs/messaging/outbox-relay.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { createLogger } from '#libs/logging/logger.js';
import { createApp } from '../../src/app.factory.js';
import { TEMPLATE_DB, assertTestDatabase, ensureTemplate, onServer, testServerAdminUrl, withDatabase } from './test-database.js';

export const ADMIN_EMAIL = 'admin@test.minato.example';
export const PASSWORD = 'correct-horse-battery';

/** One GraphQL answer, as a client sees it. */
export interface GqlResult<T = Record<string, any>> {
  status: number;
  data: T | null | undefined;
  errors?: Array<{ message: string; path?: string[]; extensions: Record<string, any> }>;
}

/** A signed-in (or anonymous) client of the API. */
export class Client {
  constructor(
    private readonly server: unknown,
    readonly token?: string,
    readonly accountId?: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  /** The same client sending extra headers too (e.g. X-Forwarded-For). */
  withHeaders(headers: Record<string, string>): Client {
    return new Client(this.server, this.token, this.accountId, { ...this.headers, ...headers });
  }

  async gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>> {
    const req = request(this.server as never).post('/graphql').set('content-type', 'application/json');
    for (const [name, value] of Object.entries(this.headers)) req.set(name, value);
    if (this.token) req.set('authorization', `Bearer ${this.token}`);
    const res = await req.send({ query, variables });
    return { status: res.status, data: res.body.data, errors: res.body.errors };
  }

  /** The caller a request of this (candidate) client carries once its token was checked. */
  async caller(): Promise<Caller> {
    const { me } = await this.ok('{ me { id displayName email } }');
    return new Caller(me.id, AccountKind.CANDIDATE, me.displayName, me.email, []);
  }

  /** Runs an operation that must succeed and returns its data. */
  async ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await this.gql<T>(query, variables);
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data as T;
  }
}

/** The first error's code, for asserting refusals. */
export const codeOf = (res: GqlResult) => res.errors?.[0]?.extensions?.code;

export interface TestAppOptions {
  extraModules?: Array<Type | DynamicModule>;
  config?: Partial<AppConfig>;
  /** Collects the JSON log lines (at level `error` and above, or `logLevel`) instead of discarding them. */
  logs?: string[];
  /** The level `logs` collects from (default `error`). */
  logLevel?: string;
  /** Reopen the database of an earlier TestApp (a restart) instead of cloning a new one. */
  database?: string;
}

/**
 * A real server on a database of its own, cloned from the migrated template, with a
 * tiny GraphQL client and one-line callers of every kind.
 */
export class TestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly databaseUrl: string,
    readonly database: string,
  ) {}

  static async start(options: TestAppOptions = {}): Promise<TestApp> {
    const adminUrl = testServerAdminUrl();
    const database = options.database ?? `minato_test_${randomBytes(6).toString('hex')}`;
    assertTestDatabase(database);
    if (!options.database) {
      await ensureTemplate(adminUrl);
      await onServer(adminUrl, (c) => c.query(`CREATE DATABASE ${database} TEMPLATE ${TEMPLATE_DB}`));
    }
    const databaseUrl = withDatabase(adminUrl, database);
    const config: AppConfig = {
      ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, JWT_SECRET: 'test-secret-that-is-long-enough-0123456789' }),
      demo: false,
      relayIntervalMs: 0,
      adminEmail: ADMIN_EMAIL,
      adminPassword: PASSWORD,
      ...options.config,
    };
    const app = await createApp({
      config,
      databaseUrl,
      logger: options.logs
        ? createLogger(options.logLevel ?? 'error', { write: (line: string) => void options.logs!.push(line) })
        : createLogger(process.env.TEST_LOG_LEVEL ?? 'fatal'),
      // Cheap hashes: the tests exercise the rules, not argon2's cost.
      passwordHash: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
      extraModules: options.extraModules,
      // Every operation a test sends runs compiled by graphql-jit, as the pages people open most do.
      jitAtUse: 1,
    });
    return new TestApp(app, databaseUrl, database);
  }

  get server(): unknown {
    return this.app.getHttpServer();
  }

  anonymous(): Client {
    return new Client(this.server);
  }

  as(token: string): Client {
    return new Client(this.server, token);
  }

  async signIn(email: string, password = PASSWORD): Promise<Client> {
    const data = await this.anonymous().ok<{ signIn: { token: string; account: { id: string } } }>(
      `mutation($input: SignInInput!) { signIn(input: $input) { token account { id } } }`,
      { input: { email, password } },
    );
    return new Client(this.server, data.signIn.token, data.signIn.account.id);
  }

  admin(): Promise<Client> {
    return this.signIn(ADMIN_EMAIL);
  }

  private counter = 0;
  unique(prefix: string): string {
    return `${prefix}-${++this.counter}-${randomBytes(3).toString('hex')}`;
  }

  async candidate(displayName = '候補者'): Promise<Client> {
    const email = `${this.unique('candidate')}@test.minato.example`;
    const data = await this.anonymous().ok<{ signUp: { token: string; account: { id: string } } }>(
      `mutation($input: SignUpInput!) { signUp(input: $input) { token account { id } } }`,
      { input: { email, password: PASSWORD, displayName } },
    );
    return new Client(this.server, data.signUp.token, data.signUp.account.id);
  }

  async region(code = this.unique('region')): Promise<{ id: string; code: string }> {
    const admin = await this.admin();
    const data = await admin.ok<{ createRegion: { id: string; code: string } }>(
      `mutation($input: CreateRegionInput!) { createRegion(input: $input) { id code } }`,
      { input: { code, name: `${code} 市`, prefecture: '宮城県' } },
    );
    return data.createRegion;
  }

  async organization(regionId: string, capabilities: string[], name = this.unique('org')): Promise<{ id: string }> {
    const admin = await this.admin();
    const data = await admin.ok<{ createOrganization: { id: string } }>(
      `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      { input: { regionId, name, capabilities } },
    );
    return data.createOrganization;
  }

  /** A STAFF account (OWNER) of a new organization with these capabilities in the region. */
  async staff(
    capabilities: string[],
    regionId?: string,
  ): Promise<Client & { organizationId: string; regionId: string }> {
    const region = regionId ?? (await this.region()).id;
    const org = await this.organization(region, capabilities);
    const admin = await this.admin();
    const email = `${this.unique('staff')}@test.minato.example`;
    await admin.ok(
      `mutation($input: CreateStaffAccountInput!) { createStaffAccount(input: $input) { id } }`,
      { input: { organizationId: org.id, email, password: PASSWORD, displayName: 'スタッフ', role: 'OWNER' } },
    );
    const client = await this.signIn(email);
    return Object.assign(client, { organizationId: org.id, regionId: region });
  }

  /**
   * Listens on a free port of 127.0.0.1, as the real process does on its port, for clients
   * over a real socket; returns the GraphQL WebSocket URL (ws://…/graphql).
   */
  async listen(): Promise<string> {
    await this.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = this.app.getHttpServer().address() as AddressInfo;
    return `ws://127.0.0.1:${port}/graphql`;
  }

  /** This app's live feed (LISTEN on the outbox log, local subscribers). */
  get liveFeed(): LiveFeed {
    return this.app.get(LiveFeed);
  }

  /** Appends events to the log as a module would (in a unit of work of their own); deliver them with drainOutbox. */
  publish(events: DomainEvent[], source = 'test'): Promise<void> {
    const uow = this.app.get(UnitOfWork);
    return uow.run(() => uow.publish(source, events));
  }

  /** Delivers every pending outbox event now (what the background relay would do). */
  drainOutbox(asOf?: Date): Promise<number> {
    return this.app.get(OutboxRelay).drain(asOf);
  }

  /** Delivers until nothing is left, events that handling appended included (an erasure chains requests). */
  async drainAll(): Promise<void> {
    while ((await this.drainOutbox()) > 0);
  }

  /** Logs privacy's erasure request for an account, as privacy would after identity erased it; deliver it with drainAll. */
  requestErasure(accountId: string, id: string = randomUUID()): Promise<void> {
    return this.publish([AccountErasureRequested.create(id, { accountId, requestedAt: new Date().toISOString() })], 'privacy');
  }

  /**
   * Runs `work` and returns the SQL statements this app sent to the database meanwhile
   * (what TypeORM runs, which is every repository's and read model's query).
   */
  async recordSql<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    const logger = this.app.get(DataSource).logger;
    const original = logger.logQuery;
    const statements: string[] = [];
    logger.logQuery = (query, parameters, runner) => {
      statements.push(query);
      return original.call(logger, query, parameters, runner);
    };
    try {
      return { result: await work(), statements };
    } finally {
      logger.logQuery = original;
    }
  }

  /** Plain SQL against this test's database, for assertions on what was (not) written. */
  async sql<T = Record<string, any>>(text: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** Stops the server and keeps the database (for a restart). */
  async stop(): Promise<void> {
    await this.app.close();
  }

  async close(): Promise<void> {
    await this.app.close();
    await onServer(testServerAdminUrl(), (c) => c.query(`DROP DATABASE IF EXISTS ${this.database} WITH (FORCE)`));
  }
}
