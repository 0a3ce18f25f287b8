import { getIntrospectionQuery } from 'graphql';
import { DemoRegistry } from '#libs/demo/demo-seeder.js';
import { MAX_PAGE } from '#libs/graphql/connection.js';
import { REGISTER } from '../events/events.fixtures.js';
import { Client, TestApp, codeOf } from '../harness/harness.js';

/**
 * The other side of the limits in libs/graphql/query-limits.ts: what the real screens ask for,
 * on the Kesennuma demo, and the IDE's full introspection query, all answered without an
 * error. A limit tightened past one of these fails here.
 */

const DEMO_PASSWORD = 'minato-demo-2025';

const OPPORTUNITY_CARD = `id title workStyle status remoteOk onsiteDaysPerMonth compensation skills publishedAt
  employer { id name industry region { name } } region { id code name prefecture }`;

/** Browsing opportunities: a page with its cards (employer, region, skills). */
const OPPORTUNITY_PAGE = `query($first: Int, $after: String, $filter: OpportunityFilter) {
  opportunities(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { ${OPPORTUNITY_CARD} } } } }`;

/** One opportunity, with more from the same employer. */
const OPPORTUNITY_DETAIL = `query($id: ID!) { opportunity(id: $id) { ${OPPORTUNITY_CARD} description createdAt
  employer { id name description region { name } opportunities(first: 5) { totalCount edges { node { id title workStyle } } } } } }`;

/** Employers, each with its opportunities and their regions (the deepest screen: 8 levels). */
const EMPLOYERS_WITH_OPPORTUNITIES = `{ employers { totalCount edges { node { id name industry region { name }
  opportunities { totalCount edges { node { id title workStyle region { name } } } } } } } }`;

/** The events list at its largest page, every detail a card shows (the costliest screen). */
const EVENTS_PAGE = `query($first: Int, $filter: EventFilter) { events(first: $first, filter: $filter) { totalCount pageInfo { hasNextPage endCursor }
  edges { node { id kind title description status startsAt endsAt capacity feeYen allocation meetingPoint applicationDeadline
    confirmedCount waitlistedCount appliedCount seatsLeft
    venue { name address online } program { startsAt title description } speakers { name affiliation title }
    organizer { id name } region { id code name } } } } }`;

/** An event as a signed-in candidate sees it, with their registration. */
const EVENT_DETAIL = `query($id: ID!) { event(id: $id) { id title description status startsAt endsAt capacity seatsLeft
  venue { name address } program { title } speakers { name } organizer { name } region { name }
  myRegistration { id status waitlistPosition createdAt } } }`;

const MY_REGISTRATIONS = `{ myRegistrations { id status waitlistPosition attendeeDisplayName attendeeEmail createdAt
  event { id title startsAt status venue { name } region { name } } } }`;

/** The organizer's list of registrations for one event. */
const EVENT_REGISTRATIONS = `query($eventId: ID!, $first: Int) { eventRegistrations(eventId: $eventId, first: $first) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { id status waitlistPosition attendeeDisplayName attendeeEmail createdAt event { id title } } } } }`;

const MATCH_FIELDS = `id stage createdAt coordinator { id displayName email }
  history { stage changedAt note } messages { id authorDisplayName body sentAt }
  candidate { id displayName headline skills fullName email phone }
  opportunity { id title workStyle employer { name } region { name } }`;

/** A candidate's matches, each with its messages. */
const MY_MATCHES = `{ myMatches { ${MATCH_FIELDS} } }`;
const MATCH = `query($id: ID!) { match(id: $id) { ${MATCH_FIELDS} } }`;

/** A coordinator's matches in the region. */
const MATCHES = `query($first: Int) { matches(first: $first) { totalCount pageInfo { hasNextPage endCursor }
  edges { node { ${MATCH_FIELDS} } } } }`;

const INTERESTS = `query($id: ID!) { interestsForOpportunity(opportunityId: $id, first: 50) { totalCount
  edges { node { id status createdAt candidate { id displayName headline skills desiredRegions { name } } match { id stage } } } } }`;

const RECOMMENDED_CANDIDATES = `query($id: ID!) { recommendedCandidates(opportunityId: $id, first: 50) { score reasons
  candidate { id displayName headline skills desiredWorkStyles desiredRegions { name } } } }`;

const RECOMMENDED_OPPORTUNITIES = `{ recommendedOpportunities(first: 50) { score reasons opportunity { ${OPPORTUNITY_CARD} } } }`;

const MY_SCOUTS = `{ myScouts { id status message createdAt sentBy { name region { name } }
  opportunity { id title employer { name } } match { id stage } } }`;

const CANDIDATE_HOME = `{ me { id displayName email kind } myCandidateProfile { id headline skills desiredRegions { name } }
  myInterests { id status createdAt opportunity { id title employer { name } } match { id stage } } }`;

const STAFF_HOME = `{ me { id email displayName kind memberships { role organization { id name capabilities region { id code name } } } } }`;

const REGIONS_AND_PARTNERS = `{ regions { id code name prefecture } organizations { id name capabilities region { code } } }`;

/** A dashboard asking for the same fields twice under aliases, parts toggled by a variable. */
const DASHBOARD = `query($withCards: Boolean!) {
  published: opportunities(first: 5) { totalCount edges { node @include(if: $withCards) { id title } } }
  remote: opportunities(first: 5, filter: { remoteOk: true }) { totalCount edges @include(if: $withCards) { node { id title } } }
  tours: events(first: 5, filter: { kinds: [TOUR] }) { totalCount edges @skip(if: false) { node { id title } } }
  briefings: events(first: 5, filter: { kinds: [BRIEFING] }) { totalCount }
  __typename }`;

describe('the queries of the real screens pass the limits', () => {
  let t: TestApp;
  let anon: Client;
  let sato: Client; // candidate
  let kenichi: Client; // candidate with a match at ENGAGED
  let joins: Client; // staff: CAREERS_MANAGE, MATCHING_COORDINATE, EVENTS_MANAGE; organizes the demo events

  beforeAll(async () => {
    t = await TestApp.start({ config: { nodeEnv: 'development' } });
    await t.app.get(DemoRegistry).run();
    await t.drainOutbox();
    anon = t.anonymous();
    [sato, kenichi, joins] = await Promise.all(
      ['candidate@minato.example', 'kenichi@minato.example', 'joins@kesennuma.minato.example'].map((e) => t.signIn(e, DEMO_PASSWORD)),
    );
  });
  afterAll(() => t.close());

  /** Runs a screen's query: HTTP 200, no error, and its data. */
  async function screen<T = Record<string, any>>(client: Client, query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await client.gql<T>(query, variables);
    expect({ status: res.status, errors: res.errors }).toEqual({ status: 200, errors: undefined });
    return res.data as T;
  }

  it('browsing opportunities: a page of 20 and the largest page, then the next page and one opportunity', async () => {
    const first = await screen(anon, OPPORTUNITY_PAGE, { first: 20 });
    expect(first.opportunities.edges.length).toBeGreaterThan(0);
    expect(first.opportunities.edges[0].node.employer.name).toBeTruthy();
    const largest = await screen(anon, OPPORTUNITY_PAGE, { first: MAX_PAGE, filter: { workStyles: ['SIDE_JOB', 'PRO_BONO', 'JOB_CHANGE', 'STARTUP'] } });
    expect(largest.opportunities.totalCount).toBe(first.opportunities.totalCount);
    await screen(anon, OPPORTUNITY_PAGE, { first: 2, after: first.opportunities.edges[0].cursor });
    const detail = await screen(anon, OPPORTUNITY_DETAIL, { id: first.opportunities.edges[0].node.id });
    expect(detail.opportunity.employer.opportunities.totalCount).toBeGreaterThan(0);
  });

  it('employers with their opportunities and each one\'s region', async () => {
    const data = await screen(anon, EMPLOYERS_WITH_OPPORTUNITIES);
    expect(data.employers.edges.some((e: any) => e.node.opportunities.edges.length > 0)).toBe(true);
  });

  it('events: the largest page with every detail, one event with my registration, my registrations', async () => {
    const data = await screen(anon, EVENTS_PAGE, { first: MAX_PAGE });
    expect(data.events.edges.length).toBeGreaterThan(0);
    const eventId = data.events.edges[0].node.id;
    await screen(sato, EVENT_DETAIL, { id: eventId });
    await screen(sato, MY_REGISTRATIONS);
  });

  it('events with their registrations, as the organizer sees them', async () => {
    const events = (await screen(joins, EVENTS_PAGE, { first: MAX_PAGE })).events.edges.map((e: any) => e.node);
    const open = events.find((e: { status: string }) => e.status === 'OPEN');
    await kenichi.ok(REGISTER, { id: open.id });
    const withRegistrations = await Promise.all(
      events.map((e: { id: string }) => screen(joins, EVENT_REGISTRATIONS, { eventId: e.id, first: MAX_PAGE })),
    );
    expect(withRegistrations.some((r: any) => r.eventRegistrations.totalCount > 0)).toBe(true);
  });

  it('a match with its messages, as the candidate and as the coordinator see it', async () => {
    const mine = (await screen(kenichi, MY_MATCHES)).myMatches;
    expect(mine[0].messages.length).toBeGreaterThan(0);
    await screen(kenichi, MATCH, { id: mine[0].id });
    const theirs = await screen(joins, MATCHES, { first: 50 });
    expect(theirs.matches.totalCount).toBeGreaterThan(0);
    const opportunityId = mine[0].opportunity.id;
    await screen(joins, INTERESTS, { id: opportunityId });
    await screen(joins, RECOMMENDED_CANDIDATES, { id: opportunityId });
  });

  it('a candidate\'s home, recommendations and scouts; a staff member\'s home; regions and partners', async () => {
    await screen(sato, CANDIDATE_HOME);
    expect((await screen(sato, RECOMMENDED_OPPORTUNITIES)).recommendedOpportunities.length).toBeGreaterThan(0);
    const masato = await t.signIn('masato@minato.example', DEMO_PASSWORD);
    expect((await screen(masato, MY_SCOUTS)).myScouts.length).toBeGreaterThan(0);
    expect((await screen(joins, STAFF_HOME)).me.memberships.length).toBeGreaterThan(0);
    await screen(anon, REGIONS_AND_PARTNERS);
  });

  it('one document, its cost judged per request\'s variables (the verdicts kept per document never leak)', async () => {
    const doc = `query($n: Int) { opportunities(first: $n) { edges { node { employer { opportunities(first: $n) { edges { node { id } } } } } } } }`;
    const anon = t.anonymous();
    expect((await anon.gql(doc, { n: 2 })).errors).toBeUndefined();
    expect(codeOf(await anon.gql(doc, { n: 100 }))).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await anon.gql(doc, { n: 2 })).errors).toBeUndefined();
    expect(codeOf(await anon.gql(doc, { n: 100 }))).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a dashboard using aliases and @include/@skip', async () => {
    const data = await screen(anon, DASHBOARD, { withCards: true });
    expect(data.published.totalCount).toBeGreaterThan(0);
  });

  it('the IDE\'s full introspection query (what Altair sends at /graphql in development)', async () => {
    const query = getIntrospectionQuery({
      descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true,
    });
    const data = await screen(anon, query);
    expect(data.__schema.types.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['Opportunity', 'Event', 'Match']));
  });
});
