import { decodeTimeCursor } from '#libs/graphql/connection.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { isId } from '#libs/ddd/ids.js';
import { textSearchPredicates } from '#libs/search/text-search.js';
import type { WorkStyle } from '#libs/contracts/careers/work-style.js';
import type { Visibility } from '../application/careers.policy.js';
import type { OpportunityStatus } from '../domain/opportunity.aggregate.js';

/** What a search may filter on (the contract's OpportunityFilter). */
export interface OpportunityCriteria {
  regionId?: string | null;
  employerId?: string | null;
  workStyles?: WorkStyle[] | null;
  skills?: string[] | null;
  remoteOk?: boolean | null;
  maxOnsiteDaysPerMonth?: number | null;
  text?: string | null;
  statuses?: OpportunityStatus[] | null;
}

export interface SearchSql {
  /** Rows of the page (LIMIT first + 1), newest first. */
  page: { text: string; values: unknown[] };
  /** The total matching the filters, ignoring the cursor. */
  count: { text: string; values: unknown[] };
  /** A filter that can match nothing (e.g. a malformed id): skip the database. */
  empty: boolean;
}

/** What a listed opportunity shows: not the search columns (a row's widest part) nor bookkeeping. */
const LISTED = [
  'id', 'employer_id', 'region_id', 'title', 'description', 'work_style', 'skills', 'remote_ok', 'onsite_days_per_month',
  'compensation', 'status', 'published_at', 'created_at',
] as const;
type ListedColumn = (typeof LISTED)[number];

/** The columns each field of the GraphQL Opportunity reads (its field resolvers included). */
const COLUMNS_OF_FIELD: Record<string, readonly ListedColumn[]> = {
  id: ['id'],
  title: ['title'],
  description: ['description'],
  workStyle: ['work_style'],
  skills: ['skills'],
  remoteOk: ['remote_ok'],
  onsiteDaysPerMonth: ['onsite_days_per_month'],
  compensation: ['compensation'],
  status: ['status'],
  publishedAt: ['published_at'],
  createdAt: ['created_at'],
  employer: ['employer_id'],
  region: ['region_id'],
  __typename: [],
};

/**
 * The columns a page needs for the fields a client selected (`fields`: GraphQL field names of
 * Opportunity): only those, plus the id. Any field not known here (one a later module adds)
 * reads every listed column. Without `fields`, every listed column.
 */
export function listedColumns(fields?: Iterable<string>): string {
  if (!fields) return LISTED.map((c) => `o.${c}`).join(', ');
  const columns = new Set<ListedColumn>(['id']);
  for (const field of fields) {
    const needs = COLUMNS_OF_FIELD[field];
    if (!needs) return listedColumns();
    for (const c of needs) columns.add(c);
  }
  return LISTED.filter((c) => columns.has(c)).map((c) => `o.${c}`).join(', ');
}

/**
 * `column = value` for one value (an index on the column then also yields its order, which
 * `= ANY(array)` does not), `column = ANY(values)` for several.
 */
function anyOf(column: string, values: readonly string[], param: (v: unknown) => string): string {
  return values.length === 1 ? `${column} = ${param(values[0])}` : `${column} = ANY(${param(values)}::text[])`;
}

/**
 * The SQL of an opportunity search. Every filter maps to an indexed predicate: the listing
 * indexes for order and region, GIN on skills_norm for skills, GIN on search_grams for text
 * (bigram containment, then LIKE on the normalized text to confirm).
 */
export function buildOpportunitySearch(
  criteria: OpportunityCriteria,
  visibility: Visibility,
  first: number,
  after?: string | null,
  /** The GraphQL fields selected on each opportunity (listedColumns); all when absent. */
  fields?: Iterable<string>,
): SearchSql {
  const where: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  let empty = false;

  // The statuses filter narrows what the caller may see; it never widens it.
  const statuses = criteria.statuses?.length ? criteria.statuses : null;
  if (statuses) where.push(anyOf('o.status', statuses, param));
  if (!visibility.all) {
    if (visibility.regions.length === 0) where.push(`o.status = 'PUBLISHED'`);
    else where.push(`(o.status = 'PUBLISHED' OR o.region_id = ANY(${param(visibility.regions)}::uuid[]))`);
  }
  if (criteria.regionId != null) {
    if (isId(criteria.regionId)) where.push(`o.region_id = ${param(criteria.regionId)}`);
    else empty = true;
  }
  if (criteria.employerId != null) {
    if (isId(criteria.employerId)) where.push(`o.employer_id = ${param(criteria.employerId)}`);
    else empty = true;
  }
  if (criteria.workStyles?.length) where.push(anyOf('o.work_style', criteria.workStyles, param));
  if (criteria.skills?.length) {
    const skills = criteria.skills.map((s) => s.normalize('NFKC').trim().toLowerCase()).filter((s) => s.length > 0);
    if (skills.length > 0) where.push(`o.skills_norm && ${param(skills)}::text[]`);
  }
  if (criteria.remoteOk != null) where.push(`o.remote_ok = ${param(criteria.remoteOk)}`);
  if (criteria.maxOnsiteDaysPerMonth != null) where.push(`o.onsite_days_per_month <= ${param(criteria.maxOnsiteDaysPerMonth)}`);
  where.push(...textSearchPredicates('careers', 'o', criteria.text, param));

  const filters = where.length > 0 ? where.join(' AND ') : 'TRUE';
  const count = { text: `SELECT count(*)::int AS total FROM careers.opportunity o WHERE ${filters}`, values: [...values] };

  const pageWhere = [filters];
  if (after) {
    const [key, id] = decodeTimeCursor(after);
    pageWhere.push(`(o.listed_at, o.id) < (${param(key)}::timestamptz, ${param(id)}::uuid)`);
  }
  const page = {
    text: `SELECT ${listedColumns(fields)}, o.listed_at::text AS listed_key FROM careers.opportunity o
            WHERE ${pageWhere.join(' AND ')}
            ORDER BY o.listed_at DESC, o.id DESC LIMIT ${param(first + 1)}`,
    values,
  };
  return { page, count, empty };
}
