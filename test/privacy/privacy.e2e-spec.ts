import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { MatchEstablished } from '#libs/contracts/matching/events.js';
import type { ProvisionFact } from '#libs/contracts/privacy/events.js';
import { expectCountOnlyWhenSelected } from '../harness/connections.js';
import { Client, PASSWORD, TestApp, codeOf } from '../harness/harness.js';
import { REQUEST, requestInput } from '../support/support.fixtures.js';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { RecordProvisionsOnEvents } from '../../src/modules/privacy/application/subscribers/privacy.subscribers.js';
import { PrivacyHousekeeping } from '../../src/modules/privacy/infrastructure/privacy.housekeeping.js';
import { ACCESS_LOG, ERASE, MY_CONSENTS, MY_RECORDS, RECORDS, SAVE_PROFILE, SET_CONSENT, profileInput } from './privacy.fixtures.js';

type Staff = Client & { organizationId: string; regionId: string };
const fieldsOf = (res: { errors?: Array<{ extensions?: { fields?: Array<{ field: string }> } }> }) =>
  (res.errors?.[0]?.extensions?.fields ?? []).map((f) => f.field);

/** Contract 90-privacy through GraphQL: consents, provision records, the access log and erasure. */
describe('privacy', () => {
  let t: TestApp;
  let db: pg.Client;
  let city: Staff;
  let biz: Staff;

  beforeAll(async () => {
    t = await TestApp.start();
    db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    city = await t.staff(['HOUSING_MANAGE', 'COMMUNITY_MANAGE']);
    biz = await t.staff(['CAREERS_MANAGE', 'MATCHING_COORDINATE'], city.regionId);
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  describe('consent', () => {
    it('starts with no answers, keeps one per purpose and organization, the organization’s own beside the general one', async () => {
      const person = await t.candidate();
      expect((await person.ok(MY_CONSENTS)).myConsents).toEqual([]);

      const general = (await person.ok(SET_CONSENT, { input: { purpose: 'CONSORTIUM_SHARING', granted: true } })).setConsent;
      expect(general).toMatchObject({ purpose: 'CONSORTIUM_SHARING', organization: null, granted: true });
      const own = (await person.ok(SET_CONSENT, { input: { purpose: 'CONSORTIUM_SHARING', organizationId: biz.organizationId, granted: false } }))
        .setConsent;
      expect(own).toMatchObject({ purpose: 'CONSORTIUM_SHARING', organization: { id: biz.organizationId }, granted: false });
      await person.ok(SET_CONSENT, { input: { purpose: 'NEWSLETTER', granted: true } });
      await person.ok(SET_CONSENT, { input: { purpose: 'NEWSLETTER', granted: false } });

      const answers = (await person.ok(MY_CONSENTS)).myConsents;
      expect(answers).toHaveLength(3);
      expect(answers).toEqual(expect.arrayContaining([
        expect.objectContaining({ purpose: 'CONSORTIUM_SHARING', organization: null, granted: true }),
        expect.objectContaining({ purpose: 'CONSORTIUM_SHARING', organization: { id: biz.organizationId }, granted: false }),
        expect.objectContaining({ purpose: 'NEWSLETTER', organization: null, granted: false }),
      ]));

      // Every answer is in the history, and every change went to the event log with a growing version.
      const { rows: history } = await db.query(
        `SELECT purpose, granted, revision FROM privacy.consent_change WHERE account_id = $1 AND purpose = 'NEWSLETTER' ORDER BY id`, [person.accountId]);
      expect(history).toEqual([{ purpose: 'NEWSLETTER', granted: true, revision: 1 }, { purpose: 'NEWSLETTER', granted: false, revision: 2 }]);
      const { rows: events } = await db.query(
        `SELECT payload FROM messaging.outbox WHERE type = 'privacy.consent.changed' AND aggregate_id = $1 ORDER BY position`, [person.accountId]);
      expect(events.map((e) => [e.payload.purpose, e.payload.organizationId, e.payload.granted, e.payload.version])).toEqual([
        ['CONSORTIUM_SHARING', null, true, 1],
        ['CONSORTIUM_SHARING', biz.organizationId, false, 1],
        ['NEWSLETTER', null, true, 1],
        ['NEWSLETTER', null, false, 2],
      ]);
    });

    it('MATCHING is granted by the first profile, and the person’s own earlier answer is kept', async () => {
      const person = await t.candidate();
      await person.ok(SAVE_PROFILE, { input: profileInput(city.regionId) });
      await t.drainOutbox();
      expect((await person.ok(MY_CONSENTS)).myConsents).toEqual([expect.objectContaining({ purpose: 'MATCHING', organization: null, granted: true })]);

      const refuser = await t.candidate();
      await refuser.ok(SET_CONSENT, { input: { purpose: 'MATCHING', granted: false } });
      await refuser.ok(SAVE_PROFILE, { input: profileInput(city.regionId) });
      await t.drainOutbox();
      expect((await refuser.ok(MY_CONSENTS)).myConsents).toEqual([expect.objectContaining({ purpose: 'MATCHING', organization: null, granted: false })]);
    });

    it('takes 200 answers of one person at once: none lost or doubled, each answer’s changes numbered 1…n', async () => {
      const person = await t.candidate();
      const purposes = ['NEWSLETTER', 'CONSORTIUM_SHARING', 'MATCHING'];
      const results = await Promise.all(Array.from({ length: 200 }, (_, i) =>
        person.gql(SET_CONSENT, { input: { purpose: purposes[i % 3], granted: i % 2 === 0, organizationId: i % 5 === 0 ? biz.organizationId : null } })));
      expect(results.filter((r) => r.errors)).toEqual([]);
      const { rows: history } = await db.query(
        `SELECT purpose, organization_id, revision FROM privacy.consent_change WHERE account_id = $1 ORDER BY id`, [person.accountId]);
      expect(history).toHaveLength(200);
      const byAnswer = new Map<string, number[]>();
      for (const h of history) byAnswer.set(`${h.purpose}|${h.organization_id}`, [...(byAnswer.get(`${h.purpose}|${h.organization_id}`) ?? []), h.revision]);
      for (const revisions of byAnswer.values()) expect(revisions).toEqual(revisions.map((_, i) => i + 1));
      const { rows: events } = await db.query(
        `SELECT payload FROM messaging.outbox WHERE type = 'privacy.consent.changed' AND aggregate_id = $1`, [person.accountId]);
      expect(events).toHaveLength(200);
      const answers = (await person.ok(MY_CONSENTS)).myConsents;
      expect(answers).toHaveLength(byAnswer.size);
    });

    it('a first profile and a withdrawal of MATCHING at the same moment end withdrawn, whichever goes first', async () => {
      for (let round = 0; round < 5; round++) {
        const person = await t.candidate();
        await Promise.all([
          person.ok(SAVE_PROFILE, { input: profileInput(city.regionId) }),
          person.ok(SET_CONSENT, { input: { purpose: 'MATCHING', granted: false } }),
          t.drainOutbox(),
        ]);
        await t.drainOutbox();
        expect((await person.ok(MY_CONSENTS)).myConsents).toEqual([expect.objectContaining({ purpose: 'MATCHING', organization: null, granted: false })]);
      }
    });

    it('refuses the anonymous, an unknown organization and a malformed one', async () => {
      expect(codeOf(await t.anonymous().gql(SET_CONSENT, { input: { purpose: 'NEWSLETTER', granted: true } }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await t.anonymous().gql(MY_CONSENTS))).toBe('UNAUTHENTICATED');
      const person = await t.candidate();
      expect(codeOf(await person.gql(SET_CONSENT, { input: { purpose: 'NEWSLETTER', organizationId: randomUUID(), granted: true } }))).toBe('NOT_FOUND');
      const malformed = await person.gql(SET_CONSENT, { input: { purpose: 'NEWSLETTER', organizationId: 'nope', granted: true } });
      expect(codeOf(malformed)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(malformed)).toEqual(['organizationId']);
      expect(codeOf(await person.gql(SET_CONSENT, { input: { purpose: 'EVERYTHING', granted: true } }))).toBe('BAD_USER_INPUT');
      expect((await person.ok(MY_CONSENTS)).myConsents).toEqual([]);
    });
  });

  describe('provision records', () => {
    /** An act's event as a module writes it: its `provided` facts, in the act's transaction. */
    let lastEvent: DomainEvent;
    async function actWithProvisions(subject: string, facts: Array<Partial<ProvisionFact>>, at = new Date()): Promise<string> {
      const matchId = randomUUID();
      const provided: ProvisionFact[] = facts.map((f) => ({
        subjectAccountId: subject, recipientOrganizationId: null, recipientAccountId: null, purpose: '就労マッチングの連絡のため',
        fields: ['fullName', 'email', 'phone'], basis: 'REQUEST', occasion: 'match', occasionId: matchId, ...f,
      }));
      lastEvent = MatchEstablished.create(matchId, {
        candidateId: randomUUID(), accountId: subject, opportunityId: randomUUID(), regionId: city.regionId, workStyle: 'SIDE_JOB',
        matchId, origin: 'INTEREST', originId: randomUUID(), provided,
      } as never, at);
      await t.publish([lastEvent]);
      return matchId;
    }

    it('one record per fact of the act’s event, once however often it is delivered; the person sees theirs, newest first', async () => {
      const person = await t.candidate();
      const supporter = await t.candidate('小野寺 香織');
      const first = await actWithProvisions(person.accountId!, [
        { recipientOrganizationId: biz.organizationId, basis: 'REQUEST' },
        { recipientOrganizationId: city.organizationId, basis: 'CONSENT', fields: ['fullName', 'phone'] },
      ], new Date(Date.now() - 60_000));
      const second = await actWithProvisions(person.accountId!, [
        { recipientAccountId: supporter.accountId!, occasion: 'mentorship', purpose: 'メンターとの連絡のため', fields: ['fullName', 'email'] },
      ]);
      await t.drainOutbox();
      // Delivered again (a relay that crashed before recording its progress): nothing more.
      await t.app.get(RecordProvisionsOnEvents).handle(lastEvent);
      await t.drainOutbox();

      const mine = (await person.ok(MY_RECORDS)).myProvisionRecords;
      expect(mine.totalCount).toBe(3);
      expect(mine.edges.map((e: any) => e.node.occasionId)).toEqual([second, first, first]);
      expect(mine.edges[0].node).toMatchObject({
        recipient: null, recipientAccount: { accountId: supporter.accountId, displayName: '小野寺 香織', fullName: null, email: null, phone: null },
        purpose: 'メンターとの連絡のため', fields: ['fullName', 'email'], basis: 'REQUEST', occasion: 'mentorship',
      });
      expect(mine.edges.slice(1).map((e: any) => [e.node.recipient.id, e.node.basis, e.node.fields])).toEqual(expect.arrayContaining([
        [biz.organizationId, 'REQUEST', ['fullName', 'email', 'phone']],
        [city.organizationId, 'CONSENT', ['fullName', 'phone']],
      ]));

      // Paged: one at a time, the cursor carries on.
      const page1 = (await person.ok(MY_RECORDS, { first: 1 })).myProvisionRecords;
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const page2 = (await person.ok(MY_RECORDS, { first: 2, after: page1.pageInfo.endCursor })).myProvisionRecords;
      expect(page2.pageInfo.hasNextPage).toBe(false);
      expect([...page1.edges, ...page2.edges].map((e: any) => e.node.id)).toEqual(mine.edges.map((e: any) => e.node.id));

      // Another person sees none of them.
      expect((await (await t.candidate()).ok(MY_RECORDS)).myProvisionRecords.totalCount).toBe(0);
    });

    it('ADMIN sees every record, by person or by recipient; nobody else does', async () => {
      const person = await t.candidate();
      await actWithProvisions(person.accountId!, [{ recipientOrganizationId: biz.organizationId }, { recipientOrganizationId: city.organizationId }]);
      await t.drainOutbox();
      const admin = await t.admin();
      expect((await admin.ok(RECORDS, { accountId: person.accountId })).provisionRecords.totalCount).toBe(2);
      const toBiz = (await admin.ok(RECORDS, { accountId: person.accountId, organizationId: biz.organizationId })).provisionRecords;
      expect(toBiz.edges.map((e: any) => e.node.recipient.id)).toEqual([biz.organizationId]);
      expect(codeOf(await person.gql(RECORDS, { accountId: person.accountId }))).toBe('FORBIDDEN');
      expect(codeOf(await biz.gql(RECORDS, { organizationId: biz.organizationId }))).toBe('FORBIDDEN');
      expect(codeOf(await t.anonymous().gql(RECORDS, {}))).toBe('UNAUTHENTICATED');
      expect(codeOf(await admin.gql(RECORDS, { accountId: 'nope' }))).toBe('BAD_USER_INPUT');
      expect(codeOf(await admin.gql(RECORDS, { after: 'not-a-cursor' }))).toBe('BAD_USER_INPUT');
    });

    it('are deleted by the scheduled job once three years have passed, not before', async () => {
      const person = await t.candidate();
      await actWithProvisions(person.accountId!, [{ recipientOrganizationId: biz.organizationId }]);
      await t.drainOutbox();
      const housekeeping = t.app.get(PrivacyHousekeeping);
      const threeYearsLess = new Date(Date.now() + (3 * 365 - 2) * 86_400_000);
      await housekeeping.purgeExpired(threeYearsLess);
      expect((await person.ok(MY_RECORDS)).myProvisionRecords.totalCount).toBe(1);
      await housekeeping.purgeExpired(new Date(Date.now() + (3 * 366 + 1) * 86_400_000));
      expect((await person.ok(MY_RECORDS)).myProvisionRecords.totalCount).toBe(0);
    });
  });

  describe('access log', () => {
    it('records every staff read of another person’s fullName, email or phone, not the person’s own reads', async () => {
      const person = await t.candidate();
      await person.ok(REQUEST, { input: requestInput(city.regionId) });
      await person.ok(`{ myConsultations { person { fullName phone } } }`);

      const read = await biz.ok(`query($regionId: ID!) { queue: consultationQueue(regionId: $regionId) { edges { node { person { accountId fullName phone } } } } }`,
        { regionId: city.regionId });
      const card = read.queue.edges.map((e: any) => e.node.person).find((p: any) => p.accountId === person.accountId);
      expect(card).toMatchObject({ fullName: '佐藤 真理子', phone: '090-1234-5678' });

      const admin = await t.admin();
      const log = (await admin.ok(ACCESS_LOG, { subjectAccountId: person.accountId })).personalDataAccessLog;
      expect(log.totalCount).toBe(2);
      expect(log.edges.map((e: any) => [e.node.via, e.node.fields]).sort()).toEqual([
        ['consultationQueue.fullName', ['fullName']],
        ['consultationQueue.phone', ['phone']],
      ]);
      for (const { node } of log.edges) {
        expect(node.reader).toEqual({ accountId: biz.accountId, displayName: 'スタッフ', fullName: null, email: null, phone: null });
        expect(node.subjectAccountId).toBe(person.accountId);
      }
      const byReader = (await admin.ok(ACCESS_LOG, { readerAccountId: biz.accountId })).personalDataAccessLog;
      expect(byReader.edges.every((e: any) => e.node.reader.accountId === biz.accountId)).toBe(true);
      expect(codeOf(await biz.gql(ACCESS_LOG, {}))).toBe('FORBIDDEN');
      expect(codeOf(await person.gql(ACCESS_LOG, {}))).toBe('FORBIDDEN');
    });
  });

  describe('eraseMyAccount (identity’s part)', () => {
    it('refuses a wrong password naming the field, staff, and the anonymous; nothing changes', async () => {
      const person = await t.candidate();
      const wrong = await person.gql(ERASE, { input: { password: 'not-my-password' } });
      expect(codeOf(wrong)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(wrong)).toEqual(['password']);
      expect(codeOf(await biz.gql(ERASE, { input: { password: PASSWORD } }))).toBe('FORBIDDEN');
      expect(codeOf(await t.anonymous().gql(ERASE, { input: { password: PASSWORD } }))).toBe('UNAUTHENTICATED');
      expect((await person.ok(`{ me { id } }`)).me.id).toBe(person.accountId);
    });

    it('revokes every token at once, signing in fails as for an unknown email, and every module is asked to erase', async () => {
      const email = `${t.unique('leaving')}@test.minato.example`;
      await t.anonymous().ok(`mutation($input: SignUpInput!) { signUp(input: $input) { token } }`,
        { input: { email, password: PASSWORD, displayName: '去る人' } });
      const one = await t.signIn(email);
      const other = await t.signIn(email);
      expect((await one.ok(ERASE, { input: { password: PASSWORD } })).eraseMyAccount).toBe(true);

      expect(codeOf(await one.gql(`{ me { id } }`))).toBe('UNAUTHENTICATED');
      expect(codeOf(await other.gql(`{ myConsents { purpose } }`))).toBe('UNAUTHENTICATED');
      const erased = await t.anonymous().gql(`mutation($input: SignInInput!) { signIn(input: $input) { token } }`, { input: { email, password: PASSWORD } });
      const unknown = await t.anonymous().gql(`mutation($input: SignInInput!) { signIn(input: $input) { token } }`,
        { input: { email: `${t.unique('never')}@test.minato.example`, password: PASSWORD } });
      expect(codeOf(erased)).toBe(codeOf(unknown));
      expect(erased.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);

      const { rows: [account] } = await db.query(`SELECT email, display_name, erased_at FROM identity.account WHERE id = $1`, [one.accountId]);
      expect(account.email).not.toContain('leaving');
      expect(account.display_name).toBe('退会済みユーザー');
      expect(account.erased_at).not.toBeNull();
      const { rows: payloads } = await db.query(`SELECT payload::text AS p FROM messaging.outbox WHERE aggregate_id = $1`, [one.accountId]);
      expect(payloads.length).toBeGreaterThan(0);
      for (const { p } of payloads) {
        expect(p).not.toContain(email);
        expect(p).not.toContain('去る人');
      }

      await t.drainOutbox();
      await t.drainOutbox();
      const { rows: asked } = await db.query(
        `SELECT payload FROM messaging.outbox WHERE type = 'privacy.account.erasure-requested' AND aggregate_id = $1`, [one.accountId]);
      expect(asked).toHaveLength(1);
      expect(asked[0].payload.accountId).toBe(one.accountId);
    });
  });
});

/** Both privacy connections count only when the client selects totalCount. */
describe('privacy connections', () => {
  let t: TestApp;
  let person: Client;
  let admin: Client;

  beforeAll(async () => {
    t = await TestApp.start();
    const biz = await t.staff(['CAREERS_MANAGE']);
    person = await t.candidate();
    for (let i = 0; i < 2; i++) await person.ok(REQUEST, { input: requestInput(biz.regionId) });
    // Two requests, two entries (the same read twice in one response is one entry).
    for (let i = 0; i < 2; i++) await biz.ok(`query($r: ID!) { consultationQueue(regionId: $r) { edges { node { person { fullName } } } } }`, { r: biz.regionId });
    const matchId = randomUUID();
    await t.publish([MatchEstablished.create(matchId, {
      candidateId: randomUUID(), accountId: person.accountId!, opportunityId: randomUUID(), regionId: biz.regionId, workStyle: 'SIDE_JOB',
      matchId, origin: 'INTEREST', originId: randomUUID(),
      provided: [biz.organizationId, biz.organizationId].map((recipientOrganizationId) => ({
        subjectAccountId: person.accountId!, recipientOrganizationId, recipientAccountId: null, purpose: '就労マッチングの連絡のため',
        fields: ['fullName'], basis: 'REQUEST', occasion: 'match', occasionId: matchId,
      })),
    } as never)]);
    await t.drainOutbox();
    admin = await t.admin();
  });
  afterAll(() => t.close());

  it('myProvisionRecords and provisionRecords', async () => {
    // Two from the match's event, two from the consultations (each routed to biz).
    await expectCountOnlyWhenSelected(t, person, (s) => `{ myProvisionRecords(first: 1) { ${s} } }`, {}, (d) => d.myProvisionRecords, 4);
    await expectCountOnlyWhenSelected(
      t, admin, (s) => `query($a: ID) { provisionRecords(accountId: $a, first: 1) { ${s} } }`, { a: person.accountId }, (d) => d.provisionRecords, 4,
    );
  });

  it('personalDataAccessLog', async () => {
    await expectCountOnlyWhenSelected(
      t, admin, (s) => `query($a: ID) { personalDataAccessLog(subjectAccountId: $a, first: 1) { ${s} } }`, { a: person.accountId },
      (d) => d.personalDataAccessLog, 2,
    );
  });
});
