import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * One save path (libs/messaging/aggregate-store.ts): an aggregate is saved only through
 * AggregateStore.save, which checks its version, writes its rows, appends its events to the
 * outbox and marks it saved. Anything that does a piece of that by hand — pulls events,
 * marks an aggregate saved, publishes to the outbox, writes a version column — can forget
 * the rest (events dropped silently, a lost update). This test reads the modules' sources
 * and fails on each such place, naming the file and the line.
 */

const ROOT = new URL('../..', import.meta.url).pathname;
const MODULES = join(ROOT, 'src/modules');

/** Files allowed one thing the rule otherwise refuses, and why. */
const ALLOWED: Record<string, { publishes?: string; runsStatements?: string }> = {
  'src/modules/housing/application/subscribers/release-requests-of-archived-listing.handler.ts': {
    publishes: 'a subscriber that asks, through the outbox, for each open request of an archived listing to be released: requests, not an aggregate saved',
  },
  'src/modules/support/application/subscribers/erase-person-on-erasure-requested.handler.ts': {
    publishes: 'a subscriber that asks, through the outbox, for each consultation of an erased person to be erased (cancelled first if open): requests, not an aggregate saved',
  },
  'src/modules/community/application/subscribers/erase-person-on-erasure-requested.ts': {
    publishes: 'a subscriber that asks, through the outbox, for each application, mentorship, supporter and plan of an erased account to be erased: requests, not an aggregate saved',
  },
  'src/modules/housing/application/subscribers/erase-person-on-erasure-requested.handler.ts': {
    publishes: 'a subscriber that asks, through the outbox, for each stay and viewing of an erased account to be erased: requests, not an aggregate saved',
  },
  'src/modules/privacy/application/subscribers/privacy.subscribers.ts': {
    publishes: 'privacy.account.erasure-requested beside the one row that records the erasure was asked (once per account): a request to every module, not an aggregate saved',
  },
  'src/modules/matching/application/subscribers/copy-opportunity-on-careers-events.handler.ts': {
    publishes: 'a subscriber that asks, through the outbox, for each open pair to be closed: requests, not an aggregate saved',
  },
  'src/modules/matching/infrastructure/matching.repository.ts': {
    publishes: 'addMessage: a message is appended beside its match without changing it (no version to check); MessageAdded goes out with the insert',
  },
  'src/modules/events/application/subscribers/erase-attendee-on-erasure-requested.handler.ts': {
    publishes: 'a subscriber that asks, through the outbox, for each live registration of an erased account to be cancelled: requests, not an aggregate saved',
  },
  'src/modules/events/infrastructure/events.repository.ts': {
    runsStatements: 'registerForEvent: one SQL function (events.register_for_event) writes the registration and its outbox row',
  },
  'src/modules/community/infrastructure/community.repository.ts': {
    runsStatements: 'acceptApplication and assignSupporter: one SQL function each (community.accept_role_application, community.assign_supporter) decides the seat or place and writes the row with its outbox row',
  },
};

interface Violation {
  file: string;
  line: number;
  rule: string;
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** The places in one source file that save an aggregate another way than AggregateStore.save. */
function saveViolations(file: string, text: string): Violation[] {
  const found: Violation[] = [];
  const flag = (pattern: RegExp, rule: string) => {
    for (const m of text.matchAll(pattern)) found.push({ file, line: lineOf(text, m.index ?? 0), rule });
  };
  const allowed = ALLOWED[file] ?? {};
  flag(/\.pullEvents\s*\(/g, 'pulls an aggregate\'s events (AggregateStore.save does, and appends them)');
  flag(/\.markSaved\s*\(/g, 'marks an aggregate saved (AggregateStore.save does, after its events)');
  // UnitOfWork.publish(source, events); a domain method publish() takes no source.
  if (!allowed.publishes) flag(/\.publish\s*\(\s*[^)\s]/g, 'publishes to the outbox by hand');
  if (!allowed.runsStatements) flag(/\.(runStatement|outboxTarget)\s*\(/g, 'writes outbox rows from SQL');
  if (file.endsWith('.repository.ts')) {
    for (const m of text.matchAll(/`[^`]*`|'[^'\n]*'|"[^"\n]*"/g)) {
      const sql = m[0];
      if (/\b(INSERT|UPDATE)\b/i.test(sql) && /\bversion\b/i.test(sql)) {
        found.push({ file, line: lineOf(text, m.index ?? 0), rule: 'writes a version column (AggregateStore.save owns it)' });
      }
    }
  }
  return found;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('one save path for aggregates', () => {
  const files = sources(MODULES).map((path) => ({ file: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

  it('finds no aggregate saved by hand in src/modules', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap(({ file, text }) => saveViolations(file, text))).toEqual([]);
  });

  it('has every repository save through an AggregateStore', () => {
    const repositories = files.filter(({ file }) => /^src\/modules\/[^/]+\/infrastructure\/[^/]+\.repository\.ts$/.test(file));
    expect(repositories.map(({ file }) => file.split('/')[2]).sort()).toEqual(['careers', 'community', 'events', 'housing', 'identity', 'matching', 'privacy', 'support']);
    for (const { file, text } of repositories) expect({ file, store: /new AggregateStore\(/.test(text) }).toEqual({ file, store: true });
  });

  it('catches each way of saving by hand', () => {
    const handWritten = `
      async saveThing(thing: Thing) {
        const [, affected] = await this.db.query(
          \`UPDATE x.thing SET name = $3, version = version + 1 WHERE id = $1 AND version = $2\`, [thing.id, thing.version, thing.name]);
        await this.db.query('INSERT INTO x.thing (id, name, version) VALUES ($1, $2, 1)', [thing.id, thing.name]);
        await this.uow.publish(SOURCE, thing.pullEvents());
        thing.markSaved();
        await this.uow.runStatement('SELECT x.f($1)', [thing.id], () => true);
      }`;
    const rules = saveViolations('src/modules/x/infrastructure/x.repository.ts', handWritten).map((v) => `${v.line} ${v.rule.split(' ')[0]}`);
    expect(rules.sort()).toEqual(['4 writes', '5 writes', '6 publishes', '6 pulls', '7 marks', '8 writes']);
    // A domain method named publish (Opportunity.publish()) is not the outbox.
    expect(saveViolations('src/modules/careers/application/x.handler.ts', 'opportunity.publish();')).toEqual([]);
  });
});
