import { jest } from '@jest/globals';
import { CANCEL_REGISTRATION, REGISTER, openEvent } from '../events/events.fixtures.js';
import { Client, TestApp, codeOf } from '../harness/harness.js';
import { LiveClient, socketCodeOf, within } from '../harness/live.js';

type Staff = Client & { organizationId: string; regionId: string };

const MY_REGISTRATION_CHANGED = `subscription { myRegistrationChanged { id status waitlistPosition attendeeEmail event { id confirmedCount } } }`;
const MESSAGE_ADDED = `subscription($matchId: ID!) { messageAdded(matchId: $matchId) { id authorDisplayName body sentAt } }`;
const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id body } }`;
const SIGN_OUT = `mutation { signOut }`;
const WAIT_MS = 20_000;

/**
 * Live updates over a real WebSocket (graphql-ws), on two app processes sharing one
 * database: A serves the HTTP mutations, B holds the sockets. What A commits reaches B's
 * subscribers through the log (NOTIFY on commit, B LISTENs and reads the rows).
 */
describe('live updates (GraphQL subscriptions over graphql-ws)', () => {
  let a: TestApp;
  let b: TestApp;
  let bUrl: string;
  const sockets: LiveClient[] = [];
  const socket = (token?: string) => {
    const client = new LiveClient(bUrl, token);
    sockets.push(client);
    return client;
  };
  const subscribed = (channel: string, key: string, count = 1) =>
    within(b.liveFeed.whenSubscribed(channel, key, count), WAIT_MS, `B to hold ${count} ${channel} subscriber(s) for ${key}`);

  beforeAll(async () => {
    a = await TestApp.start();
    b = await TestApp.start({ database: a.database });
    bUrl = await b.listen();
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    await b.stop();
    await a.close();
  });

  describe('myRegistrationChanged', () => {
    let staff: Staff;
    beforeAll(async () => {
      staff = await a.staff(['EVENTS_MANAGE']);
    });

    /** An event of one seat: `holder` holds it, the others queue in order. */
    async function fullEvent(holder: Client, ...queued: Client[]) {
      const eventId = await openEvent(staff, { capacity: 1 });
      const seat = (await holder.ok(REGISTER, { id: eventId })).registerForEvent;
      for (const [i, c] of queued.entries()) {
        expect((await c.ok(REGISTER, { id: eventId })).registerForEvent).toMatchObject({ status: 'WAITLISTED', waitlistPosition: i + 1 });
      }
      return { eventId, seatId: seat.id as string };
    }

    it('shows a queued candidate on B their promotion when a confirmed person cancels through A, and the next one their new place', async () => {
      const [holder, first, second] = [await a.candidate(), await a.candidate(), await a.candidate()];
      const { eventId, seatId } = await fullEvent(holder, first, second);
      const firstSees = socket(first.token).subscribe(MY_REGISTRATION_CHANGED);
      const secondSees = socket(second.token).subscribe(MY_REGISTRATION_CHANGED);
      await subscribed('events.my-registration', first.accountId!);
      await subscribed('events.my-registration', second.accountId!);

      await holder.ok(CANCEL_REGISTRATION, { id: seatId });

      const promoted = await firstSees.next(WAIT_MS);
      expect(promoted.errors).toBeUndefined();
      expect(promoted.data!.myRegistrationChanged).toMatchObject({
        status: 'CONFIRMED', waitlistPosition: null, attendeeEmail: expect.stringContaining('@'), event: { id: eventId, confirmedCount: 1 },
      });
      const moved = await secondSees.next(WAIT_MS);
      expect(moved.data!.myRegistrationChanged).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 1, event: { id: eventId } });
      // Only one update each: the holder's cancellation is theirs alone.
      expect([firstSees.pending, secondSees.pending]).toEqual([0, 0]);
    });

    it('pushes only the subscriber\'s own registrations', async () => {
      const [mine, other] = [await a.candidate(), await a.candidate()];
      const eventId = await openEvent(staff, { capacity: 5 });
      const sees = socket(mine.token).subscribe(MY_REGISTRATION_CHANGED);
      await subscribed('events.my-registration', mine.accountId!);
      await other.ok(REGISTER, { id: eventId });
      const own = (await mine.ok(REGISTER, { id: eventId })).registerForEvent;
      // Had the other's registration been pushed, it would have come first (commit order).
      expect((await sees.next(WAIT_MS)).data!.myRegistrationChanged).toMatchObject({ id: own.id, status: 'CONFIRMED' });
      expect(sees.pending).toBe(0);
    });

    it('resumes after losing its LISTEN connection: what committed meanwhile is pushed late, not lost', async () => {
      const [holder, queued] = [await a.candidate(), await a.candidate()];
      const { seatId } = await fullEvent(holder, queued);
      const sees = socket(queued.token).subscribe(MY_REGISTRATION_CHANGED);
      await subscribed('events.my-registration', queued.accountId!);
      const before = b.liveFeed.backendPid;
      expect(before).not.toBeNull();

      await a.sql(`SELECT pg_terminate_backend($1)`, [before]);
      await holder.ok(CANCEL_REGISTRATION, { id: seatId });

      expect((await sees.next(WAIT_MS)).data!.myRegistrationChanged).toMatchObject({ status: 'CONFIRMED' });
      expect(b.liveFeed.backendPid).not.toBe(before);
    });

    it('ends a subscription whose token was revoked, at the next update, with UNAUTHENTICATED', async () => {
      const [holder, queued] = [await a.candidate(), await a.candidate()];
      const { seatId } = await fullEvent(holder, queued);
      const sees = socket(queued.token).subscribe(MY_REGISTRATION_CHANGED);
      await subscribed('events.my-registration', queued.accountId!);
      await queued.ok(SIGN_OUT);
      await holder.ok(CANCEL_REGISTRATION, { id: seatId });
      expect(socketCodeOf(await sees.next(WAIT_MS))).toBe('UNAUTHENTICATED');
    });
  });

  describe('messageAdded', () => {
    let careers: Staff;
    let employerId: string;

    /** A candidate and a PUBLISHED opportunity of `careers`' region, matched. */
    async function matched(): Promise<{ candidate: Client; matchId: string }> {
      const candidate = await a.candidate('候補者');
      await candidate.ok(`mutation($input: CandidateProfileInput!) { saveMyCandidateProfile(input: $input) { id } }`, {
        input: {
          fullName: '佐藤 真理子', ageBand: 'FIFTIES', headline: 'マーケティング一筋', careerSummary: '商品企画を担当。',
          skills: ['マーケティング'], desiredWorkStyles: ['SIDE_JOB'], remoteHoursPerWeek: 10, onsiteDaysPerMonth: 3,
          desiredRegionIds: [careers.regionId], dualRegionStage: 'EXPLORING',
        },
      });
      const opportunityId = (
        await careers.ok(`mutation($input: DraftOpportunityInput!) { draftOpportunity(input: $input) { id } }`, {
          input: { employerId, title: 'ECの責任者', description: '海外EC', workStyle: 'SIDE_JOB', skills: ['EC'], remoteOk: true, onsiteDaysPerMonth: 2 },
        })
      ).draftOpportunity.id;
      await careers.ok(`mutation($i: OpportunityIdInput!) { submitOpportunityForReview(input: $i) { id } }`, { i: { opportunityId } });
      await careers.ok(`mutation($i: OpportunityIdInput!) { publishOpportunity(input: $i) { id } }`, { i: { opportunityId } });
      await a.drainOutbox(); // matching's copy of the opportunity
      const interest = (await candidate.ok(`mutation($input: ExpressInterestInput!) { expressInterest(input: $input) { id } }`, {
        input: { opportunityId },
      })).expressInterest;
      await careers.ok(`mutation($input: InterestIdInput!) { acceptInterest(input: $input) { id } }`, { input: { interestId: interest.id } });
      await a.drainOutbox(); // the match follows the acceptance
      const matchId = (await candidate.ok(`{ myMatches { id } }`)).myMatches[0].id as string;
      return { candidate, matchId };
    }

    beforeAll(async () => {
      careers = await a.staff(['CAREERS_MANAGE']);
      employerId = (
        await careers.ok(`mutation($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }`, {
          input: { organizationId: careers.organizationId, name: '株式会社 港町水産', industry: '水産加工', description: '港町の会社' },
        })
      ).registerEmployer.id;
    });

    it('reaches the other participant, and is refused to a stranger as the match query is', async () => {
      const { candidate, matchId } = await matched();
      const staffSees = socket(careers.token).subscribe(MESSAGE_ADDED, { matchId });
      const candidateSees = socket(candidate.token).subscribe(MESSAGE_ADDED, { matchId });
      const stranger = await a.candidate();
      const otherRegion = await a.staff(['CAREERS_MANAGE', 'MATCHING_COORDINATE']);
      for (const outsider of [stranger, otherRegion]) {
        expect(await outsider.gql(`query($id: ID!) { match(id: $id) { id } }`, { id: matchId })).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
        expect(socketCodeOf(await socket(outsider.token).subscribe(MESSAGE_ADDED, { matchId }).next(WAIT_MS))).toBe('NOT_FOUND');
      }
      // The refused ones hold nothing.
      await subscribed('matching.match-messages', matchId, 2);
      expect(b.liveFeed.subscriberCounts()['matching.match-messages']).toBe(2);

      const sent = (await candidate.ok(SEND, { input: { matchId, body: 'よろしくお願いします' } })).sendMessage;
      const pushed = await staffSees.next(WAIT_MS);
      expect(pushed.errors).toBeUndefined();
      expect(pushed.data!.messageAdded).toEqual({ id: sent.id, authorDisplayName: '候補者', body: 'よろしくお願いします', sentAt: expect.any(String) });
      expect((await candidateSees.next(WAIT_MS)).data!.messageAdded).toMatchObject({ id: sent.id });

      const reply = (await careers.ok(SEND, { input: { matchId, body: '来週お話しましょう' } })).sendMessage;
      expect((await candidateSees.next(WAIT_MS)).data!.messageAdded).toMatchObject({ id: reply.id, body: '来週お話しましょう' });
      expect(await a.sql(`SELECT payload_version, payload FROM messaging.outbox WHERE type = 'matching.match.message-added' AND aggregate_id = $1`, [matchId]))
        .toEqual([
          { payload_version: 1, payload: expect.objectContaining({ matchId, messageId: sent.id, authorAccountId: candidate.accountId, regionId: careers.regionId }) },
          { payload_version: 1, payload: expect.objectContaining({ messageId: reply.id, authorAccountId: careers.accountId }) },
        ]);
    });
  });

  describe('who may subscribe', () => {
    it('refuses the anonymous and a revoked token with UNAUTHENTICATED, as over HTTP', async () => {
      expect(socketCodeOf(await socket().subscribe(MY_REGISTRATION_CHANGED).next(WAIT_MS))).toBe('UNAUTHENTICATED');
      const gone = await a.candidate();
      await gone.ok(SIGN_OUT);
      expect(codeOf(await gone.gql(`{ myRegistrations { id } }`))).toBe('UNAUTHENTICATED');
      expect(socketCodeOf(await socket(gone.token).subscribe(MY_REGISTRATION_CHANGED).next(WAIT_MS))).toBe('UNAUTHENTICATED');
      expect(socketCodeOf(await socket('not-a-token').subscribe(MY_REGISTRATION_CHANGED).next(WAIT_MS))).toBe('UNAUTHENTICATED');
      const staff = await a.staff(['EVENTS_MANAGE']);
      expect(socketCodeOf(await socket(staff.token).subscribe(MY_REGISTRATION_CHANGED).next(WAIT_MS))).toBe('FORBIDDEN');
    });

    it('serves only subscriptions over the socket, within the same limits as HTTP, and keeps the socket open', async () => {
      const candidate = await a.candidate();
      const client = socket(candidate.token);
      expect(socketCodeOf(await client.subscribe(`{ myRegistrations { id } }`).next(WAIT_MS))).toBe('BAD_REQUEST');
      expect(socketCodeOf(await client.subscribe(`subscription { myRegistrationChanged { nope } }`).next(WAIT_MS))).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(socketCodeOf(await client.subscribe(`subscription { myRegistrationChanged { id `).next(WAIT_MS))).toBe('GRAPHQL_PARSE_FAILED');
      const aliases = Array.from({ length: 21 }, (_, i) => `a${i}: id`).join(' ');
      expect(socketCodeOf(await client.subscribe(`subscription { myRegistrationChanged { ${aliases} } }`).next(WAIT_MS))).toBe('GRAPHQL_VALIDATION_FAILED');
      // Still connected: a good subscription on the same socket is accepted.
      client.subscribe(MY_REGISTRATION_CHANGED);
      await subscribed('events.my-registration', candidate.accountId!);
    });

    it('closes a socket that sends a message over 64 KiB (1009), and drops upgrades to other paths', async () => {
      const candidate = await a.candidate();
      // graphql-ws reports the socket's error on the console; keep it out of the test output.
      const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      const huge = socket(candidate.token).subscribe(MY_REGISTRATION_CHANGED, { padding: 'x'.repeat(70 * 1024) });
      expect((await huge.next(WAIT_MS)).errors![0].extensions).toMatchObject({ code: 'SOCKET_CLOSED', closeCode: 1009 });
      consoleError.mockRestore();
      const elsewhere = new LiveClient(bUrl.replace('/graphql', '/elsewhere'), candidate.token);
      sockets.push(elsewhere);
      expect(socketCodeOf(await elsewhere.subscribe(MY_REGISTRATION_CHANGED).next(WAIT_MS))).toBe('SOCKET_CLOSED');
    });
  });
});
