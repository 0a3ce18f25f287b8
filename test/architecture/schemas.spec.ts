import { join } from 'node:path';
import { migrationOwner, moduleNames, readSource, ROOT, schemaNamesIn, tsFilesUnder } from './schema-names.js';

/**
 * ARCHITECTURE.md rule 1, checked in the source (no database): a module's tables live in
 * its own schema and no query crosses schemas, so a module's SQL names no other module's
 * schema. Checked: every .ts file under src/modules/<m>/ (specs included), and every
 * migration, whose owner is in its name (`<timestamp>-<module>[-<what>].ts`; any other
 * name is shared plumbing of libs/). See schema-names.ts for what counts as SQL text.
 *
 * The shared plumbing's schemas (messaging: outbox, deliveries, inboxes; platform: the
 * demo's bookkeeping) belong to libs/, not to any module: a module reaches them through
 * libs/messaging (UnitOfWork.publish, the relay, the inbox) and libs/demo, never by naming
 * them in its own SQL.
 */
const PLUMBING = ['messaging', 'platform'];

/**
 * The only places where SQL may name a schema that is not its owner's: one file and one
 * schema each, with the reason. An entry that no longer matches anything fails the test
 * too, so this list only shrinks by being kept honest.
 */
const ALLOWED: ReadonlyArray<{ file: string; schema: string; why: string }> = [
  {
    file: 'migrations/1764700000000-events-register-function.ts',
    schema: 'messaging',
    why:
      'events.register_for_event appends the domain event to messaging.outbox (and its delivery rows) in the ' +
      'statement that registers: rule 3 (the outbox written in the same transaction) done in SQL, with the row ' +
      'shape UnitOfWork.publish writes. A change to those tables in libs/messaging must change this function too.',
  },
  {
    file: 'migrations/1764900000001-events-register-function-log.ts',
    schema: 'messaging',
    why:
      'events.register_for_event appends the domain event to messaging.outbox in the ' +
      'statement that registers: rule 3 (the outbox written in the same transaction) done in SQL, with the row ' +
      'shape UnitOfWork.publish writes. A change to those tables in libs/messaging must change this function too.',
  },
  {
    file: 'migrations/1764100000000-foundation.ts',
    schema: 'identity',
    why:
      "The first migration predates migrations per module: beside the plumbing it creates identity's schema and " +
      'first tables. Later identity migrations carry its name (1764400000000-identity-security.ts).',
  },
  {
    file: 'migrations/1765100000000-community.ts',
    schema: 'messaging',
    why:
      'community.accept_role_application and community.assign_supporter append their domain event to ' +
      'messaging.outbox in the statement that decides the seat or the place (as events.register_for_event does), ' +
      'with the row shape UnitOfWork.publish writes. A change to that table in libs/messaging must change them too.',
  },
  {
    file: 'migrations/1765400000500-community-provisions.ts',
    schema: 'messaging',
    why:
      'community.assign_supporter, replaced so that its MentorshipStarted row carries the provision fact, appends to ' +
      'messaging.outbox as 1765100000000-community.ts explains (and restores that version on down).',
  },
];

const MODULES = moduleNames();

/** A file whose SQL is checked, and who owns it: a module, or null for libs' plumbing. */
interface Source {
  file: string;
  owner: string | null;
  text: string;
}

function sources(): Source[] {
  const ofModules = MODULES.flatMap((m) => tsFilesUnder(join(ROOT, 'src', 'modules', m)).map((file) => ({ file, owner: m })));
  const ofMigrations = tsFilesUnder(join(ROOT, 'migrations')).map((file) => ({ file, owner: migrationOwner(file, MODULES) }));
  return [...ofModules, ...ofMigrations].map((s) => ({ ...s, text: readSource(s.file) }));
}

/** The schemas `owner`'s SQL must not name: every other module's, and (for a module) the plumbing's. */
function foreignTo(owner: string | null, modules: readonly string[]): string[] {
  return owner === null ? [...modules] : [...modules, ...PLUMBING].filter((s) => s !== owner);
}

/** One line per forbidden name, `file:line:column …`, with what to do about it. */
function violations(files: readonly Source[], modules: readonly string[], allowed = ALLOWED): string[] {
  return files.flatMap(({ file, owner, text }) =>
    schemaNamesIn(text, foreignTo(owner, modules), file)
      .filter((n) => !allowed.some((a) => a.file === file && a.schema === n.schema))
      .map(
        (n) =>
          `${file}:${n.line}:${n.column}: ${owner === null ? "libs' shared plumbing" : `module ${owner}`} names schema ` +
          `"${n.schema}" (${n.text}); ` +
          (PLUMBING.includes(n.schema)
            ? `the ${n.schema} schema is libs' plumbing: go through libs/ instead`
            : `read it through ${n.schema}'s query API (libs/contracts/${n.schema}) or keep a copy from its events`),
      ),
  );
}

describe('SQL names only its own schema (ARCHITECTURE.md rule 1)', () => {
  const files = sources();

  it('reads every module and every migration', () => {
    for (const m of MODULES) expect(files.filter((f) => f.owner === m && f.file.startsWith(`src/modules/${m}/`)).length).toBeGreaterThan(0);
    expect(MODULES).toEqual(expect.arrayContaining(['careers', 'events', 'identity', 'matching']));
    const owners = Object.fromEntries(files.filter((f) => f.file.startsWith('migrations/')).map((f) => [f.file, f.owner]));
    expect(owners).toMatchObject({
      'migrations/1764100000000-foundation.ts': null,
      'migrations/1764150000000-careers.ts': 'careers',
      'migrations/1764400000000-identity-security.ts': 'identity',
      'migrations/1764700000000-events-register-function.ts': 'events',
    });
  });

  it("no module's SQL, nor a migration's, names another module's schema (or the plumbing's)", () => {
    const found = violations(files, MODULES);
    if (found.length > 0) throw new Error(`SQL naming a schema it does not own:\n${found.join('\n')}`);
  });

  it('every allowed exception is still needed', () => {
    const unused = ALLOWED.filter(
      (a) => !files.some((f) => f.file === a.file && schemaNamesIn(f.text, foreignTo(f.owner, MODULES), f.file).some((n) => n.schema === a.schema)),
    );
    expect(unused.map((a) => `${a.file} (${a.schema})`)).toEqual([]);
  });
});

describe('the schema-name detector', () => {
  // As a file of matching would read; line numbers are what the expectations name.
  const sample = [
    "import { CareersModule } from '../../careers/index.js';", //  1 a path, not SQL
    '// kept in step with careers.opportunity by the subscriber', //  2 a comment
    'const n = events.length + careers.size;', //  3 code
    "const type = 'careers.opportunity.published';", //  4 an event type
    "const name = 'matching.copy-on-opportunity-published';", //  5 a subscriber's name
    'await db.query(`', //  6
    '  SELECT o.id FROM matching.opportunity_copy o', //  7 its own schema
    '    JOIN careers.opportunity c ON c.id = o.opportunity_id', //  8
    '   WHERE o.region_id = ${regionId}', //  9
    '     AND EXISTS (SELECT 1 FROM "identity"."account" a)`);', // 10 quoted names
    "qb.from('EVENTS.registration', 'r');", // 11 a query builder's table, upper case
    "const table = { schema: 'careers', name: 'opportunity' };", // 12 a descriptor
    'await db.query(`INSERT INTO messaging.outbox (id) VALUES ($1)`, [id]);', // 13 the plumbing
    'const r = await db.query(`SELECT * FROM events.register_for_event($1)`, [id]);', // 14 a function
  ].join('\n');
  const file = 'src/modules/matching/infrastructure/sample.ts';

  it("finds every other schema's name in SQL text, with its line, and nothing else", () => {
    const found = schemaNamesIn(sample, foreignTo('matching', ['careers', 'events', 'identity', 'matching']), file);
    expect(found.map((n) => `${n.line}:${n.schema}:${n.text}`)).toEqual([
      '8:careers:careers.opportunity',
      '10:identity:"identity"."account"',
      '11:events:EVENTS.registration',
      "12:careers:schema: 'careers'",
      '13:messaging:messaging.outbox',
      '14:events:events.register_for_event',
    ]);
  });

  it('fails the check with the file, line and column of each, unless an exception names that file and schema', () => {
    const source = { file, owner: 'matching', text: sample };
    const found = violations([source], ['careers', 'events', 'identity', 'matching']);
    expect(found).toHaveLength(6);
    expect(found[0]).toBe(
      `${file}:8:10: module matching names schema "careers" (careers.opportunity); ` +
        "read it through careers's query API (libs/contracts/careers) or keep a copy from its events",
    );
    expect(found[4]).toMatch(/^src\/modules\/matching\/infrastructure\/sample\.ts:13:\d+: module matching names schema "messaging" .*libs' plumbing/);
    const allowed = [{ file, schema: 'messaging', why: 'test' }];
    expect(violations([source], ['careers', 'events', 'identity', 'matching'], allowed)).toHaveLength(5);
  });

  it('lets the plumbing name the plumbing, and a module its own schema', () => {
    const text = 'await q.query(`CREATE TABLE messaging.inbox (id uuid); CREATE TABLE platform.demo_seed (name text)`);';
    expect(violations([{ file: 'migrations/1-foundation.ts', owner: null, text }], ['careers'])).toEqual([]);
    expect(violations([{ file: 'migrations/2-careers.ts', owner: 'careers', text: 'q.query(`CREATE TABLE careers.x ()`)' }], ['careers', 'events'])).toEqual([]);
  });

  it('reads owners of migrations from their names', () => {
    const modules = ['careers', 'events', 'identity'];
    expect(migrationOwner('migrations/1764700000000-events-register-function.ts', modules)).toBe('events');
    expect(migrationOwner('migrations/1764150000000-careers.ts', modules)).toBe('careers');
    expect(migrationOwner('migrations/1764100000000-foundation.ts', modules)).toBeNull();
    expect(migrationOwner('migrations/index.ts', modules)).toBeNull();
    expect(migrationOwner('migrations/1-eventsourcing.ts', modules)).toBeNull();
  });
});
