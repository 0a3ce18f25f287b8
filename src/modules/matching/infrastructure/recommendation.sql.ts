import type { WorkStyle } from '#libs/contracts/careers/work-style.js';
import type { Fact, Term } from '../domain/score-bound.js';
import { WEIGHTS } from '../domain/scoring.js';

// The SQL twins of scorePair (domain/scoring.ts), built from the same WEIGHTS, so the
// database can rank thousands of rows and the domain explains the top ones; tests check
// that both give every pair the same score. Scores are float8 (exact for these halves and
// whole numbers), never numeric. The WHERE of a ranking is either every row or the terms
// of domain/score-bound.ts, each a condition an index answers: region, work style and
// on-site days (btree), skills (GIN on skills_norm), a profile's styles and regions (GIN),
// a profile's on-site days (btree).

/** One SQL statement with its positional values. */
export interface Sql {
  text: string;
  values: unknown[];
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }
}

const f8 = (n: number) => `${n}::float8`;

/**
 * Above this many pairs of skills, "shares two or more skills" is asked as "shares one"
 * (a wider condition, so still exact, only slower): one GIN probe per pair.
 */
export const MAX_SKILL_PAIRS = 45;

/** `column` shares at least `minShared` of the skills in the text[] parameter `skills` (of `count` elements). */
function sharesSql(column: string, skills: string, count: number, minShared: 0 | 1 | 2): string | null {
  if (minShared === 0) return null;
  if (minShared === 1 || (count * (count - 1)) / 2 > MAX_SKILL_PAIRS) return `${column} && ${skills}`;
  const pairs: string[] = [];
  for (let i = 1; i <= count; i++) {
    for (let j = i + 1; j <= count; j++) pairs.push(`${column} @> ARRAY[(${skills})[${i}], (${skills})[${j}]]`);
  }
  return `(${pairs.join(' OR ')})`;
}

/** Distinct shared skills of `column` and the (distinct) skills parameter, as float8 × the weight. */
const sharedScoreSql = (column: string, skills: string) =>
  `CASE WHEN ${column} && ${skills}
        THEN ${f8(WEIGHTS.skill)} * (SELECT count(*) FROM unnest(${skills}) AS k(skill) WHERE k.skill = ANY(${column})) ELSE 0 END`;

/**
 * The WHERE of the terms (null: every row). Terms asking for the same shared skills are
 * grouped under one skills condition, so the database probes skills once per group.
 * `rest` gives a term's other conditions (never none: such a term is caught first), or null
 * when no row can have them.
 */
function termsSql(terms: readonly Term[] | null, shares: (minShared: 0 | 1 | 2) => string | null, rest: (t: Term) => string | null): string {
  if (terms === null) return 'TRUE';
  const groups: string[] = [];
  for (const minShared of [0, 1, 2] as const) {
    const level = terms.filter((t) => t.minShared === minShared);
    if (level.length === 0) continue;
    // A term with no other condition makes the others' moot (and their parameters unused, which PostgreSQL refuses).
    const bare = level.some((t) => t.facts.length === 0 && t.maxShortfall === Infinity);
    const rests = bare ? [] : level.map(rest).filter((r): r is string => r !== null);
    if (!bare && rests.length === 0) continue;
    const any = bare ? null : rests.length === 1 ? rests[0] : `(${rests.join('\n        OR ')})`;
    const parts = [shares(minShared), any].filter((c): c is string => c !== null);
    groups.push(parts.length > 0 ? `(${parts.join(' AND ')})` : 'TRUE');
  }
  return groups.length > 0 ? groups.join('\n      OR ') : 'FALSE';
}

/** The candidate's side of recommendedOpportunities: what the ranking of opportunity copies needs. */
export interface OpportunityRanking {
  candidateId: string;
  /** Distinct, normalized (normalizeSkill). */
  skills: string[];
  desiredWorkStyles: WorkStyle[];
  remoteHoursPerWeek: number;
  onsiteDaysPerMonth: number;
  desiredRegionIds: string[];
  attendedRegionIds: string[];
}

/** A ranked opportunity copy: what scorePair needs to explain it. */
export interface RankedOpportunityRow {
  id: string;
  skills: string[];
  work_style: WorkStyle;
  remote_ok: boolean;
  onsite_days_per_month: number;
  region_id: string;
  score: number;
}

/**
 * PUBLISHED opportunity copies for one candidate, best first, leaving out live interests and
 * matches: all of them (`terms` null), or those satisfying one of the terms.
 */
export function rankOpportunitiesSql(r: OpportunityRanking, terms: readonly Term[] | null, first: number): Sql {
  const p = new Params();
  const skills = p.add(r.skills, 'text[]');
  const styles = p.add(r.desiredWorkStyles, 'text[]');
  const onsite = p.add(r.onsiteDaysPerMonth, 'int');
  const remote = p.add(r.remoteHoursPerWeek, 'int');
  const desired = p.add(r.desiredRegionIds, 'uuid[]');
  const attended = p.add(r.attendedRegionIds, 'uuid[]');
  const candidate = p.add(r.candidateId, 'uuid');

  const rest = (t: Term): string | null => {
    const conditions: string[] = [];
    const has = (f: Fact) => t.facts.includes(f);
    // Both region facts are about the one region_id: ask for the regions that give every one the term names.
    let regions: string[] | null = has('desiredRegion') ? r.desiredRegionIds : null;
    if (has('attendedInRegion')) regions = regions === null ? r.attendedRegionIds : regions.filter((id) => r.attendedRegionIds.includes(id));
    if (regions !== null) {
      if (regions.length === 0) return null;
      conditions.push(`oc.region_id = ANY(${p.add([...new Set(regions)], 'uuid[]')})`);
    }
    if (has('workStyle')) conditions.push(`oc.work_style = ANY(${styles})`);
    if (t.maxShortfall !== Infinity) conditions.push(`oc.onsite_days_per_month <= ${p.add(r.onsiteDaysPerMonth + t.maxShortfall, 'int')}`);
    if (has('remote')) conditions.push(`oc.remote_ok AND ${remote} > 0`);
    return `(${conditions.join(' AND ')})`;
  };
  const where = termsSql(terms, (m) => sharesSql('oc.skills_norm', skills, r.skills.length, m), rest);

  const text = `
  SELECT oc.id, oc.skills, oc.work_style, oc.remote_ok, oc.onsite_days_per_month, oc.region_id, (
      ${sharedScoreSql('oc.skills_norm', skills)}
    + CASE WHEN oc.work_style = ANY(${styles}) THEN ${f8(WEIGHTS.workStyle)} ELSE 0 END
    + CASE WHEN oc.onsite_days_per_month <= ${onsite} THEN ${f8(WEIGHTS.onsiteFits)}
           ELSE -${f8(WEIGHTS.onsiteShortfallPerDay)} * (oc.onsite_days_per_month - ${onsite}) END
    + CASE WHEN oc.remote_ok AND ${remote} > 0 THEN ${f8(WEIGHTS.remote)} ELSE 0 END
    + CASE WHEN oc.region_id = ANY(${desired}) THEN ${f8(WEIGHTS.desiredRegion)} ELSE 0 END
    + CASE WHEN oc.region_id = ANY(${attended}) THEN ${f8(WEIGHTS.attendedInRegion)} ELSE 0 END
  ) AS score
  FROM matching.opportunity_copy oc
  WHERE oc.status = 'PUBLISHED'
    AND (${where})
    AND NOT EXISTS (SELECT 1 FROM matching.interest i
                     WHERE i.candidate_id = ${candidate} AND i.opportunity_id = oc.id AND i.status IN ('OPEN', 'ACCEPTED'))
    AND NOT EXISTS (SELECT 1 FROM matching.match m
                     WHERE m.candidate_id = ${candidate} AND m.opportunity_id = oc.id AND m.stage <> 'WITHDRAWN')
  ORDER BY score DESC, oc.published_at DESC NULLS LAST, oc.id
  LIMIT ${p.add(first, 'int')}`;
  return { text, values: p.values };
}

/** The opportunity's side of recommendedCandidates. */
export interface CandidateRanking {
  opportunityId: string;
  /** Distinct, normalized (normalizeSkill). */
  skills: string[];
  workStyle: WorkStyle;
  remoteOk: boolean;
  onsiteDaysPerMonth: number;
  regionId: string;
  /**
   * The organizations (all of the opportunity's region) the ranking is for: only profiles
   * one of them may see are ranked (MatchingPolicy.seesProfile: not erased, the person's
   * MATCHING consent covers it, the region desired or a match there). Omitted: every profile.
   */
  viewerOrganizationIds?: readonly string[];
}

/**
 * Who may see profile `p` among `viewers` (a uuid[] parameter) of region `region`, in SQL:
 * MatchingPolicy.seesProfile for organizations of one region. Most people never answered
 * for MATCHING (granted): the first NOT EXISTS settles them without looking further.
 */
function seenBySql(viewers: string, region: string): string {
  return `p.erased_at IS NULL
    AND (p.desired_region_ids @> ARRAY[${region}]
         OR EXISTS (SELECT 1 FROM matching.match vm WHERE vm.candidate_id = p.id AND vm.region_id = ${region} AND vm.stage <> 'WITHDRAWN'))
    AND (NOT EXISTS (SELECT 1 FROM matching.consent c WHERE c.account_id = p.account_id AND NOT c.granted)
         OR EXISTS (SELECT 1 FROM unnest(${viewers}) AS v(organization_id)
                     WHERE COALESCE((SELECT c.granted FROM matching.consent c WHERE c.account_id = p.account_id AND c.organization_id = v.organization_id),
                                    (SELECT c.granted FROM matching.consent c WHERE c.account_id = p.account_id AND c.organization_id IS NULL),
                                    TRUE)))`;
}

/**
 * Candidate profiles for one opportunity, best first, leaving out those already interested in
 * or matched with it: all of them (`terms` null), or those satisfying one of the terms.
 * `attended`: whether the candidate checked in at an event in the opportunity's region;
 * `stayed`: whether they completed a stay there (both are the one fact attendedInRegion).
 */
export function rankCandidatesSql(r: CandidateRanking, terms: readonly Term[] | null, first: number): Sql {
  const p = new Params();
  const skills = p.add(r.skills, 'text[]');
  const style = p.add(r.workStyle, 'text');
  const onsite = p.add(r.onsiteDaysPerMonth, 'int');
  const remoteOk = p.add(r.remoteOk, 'boolean');
  const region = p.add(r.regionId, 'uuid');
  const opportunity = p.add(r.opportunityId, 'uuid');

  const facts: Record<Fact, string> = {
    workStyle: `p.desired_work_styles @> ARRAY[${style}]`,
    desiredRegion: `p.desired_region_ids @> ARRAY[${region}]`,
    // An array, so the profiles are found through their account_id index (a semi-join would not combine with the others).
    attendedInRegion: `p.account_id = ANY(ARRAY(SELECT a.account_id FROM matching.attendance a WHERE a.region_id = ${region}
      UNION SELECT s.account_id FROM matching.region_stay s WHERE s.region_id = ${region}))`,
    remote: `${remoteOk} AND p.remote_hours_per_week > 0`,
  };
  const rest = (t: Term): string => {
    const conditions = t.facts.map((f) => facts[f]);
    if (t.maxShortfall !== Infinity) conditions.push(`p.onsite_days_per_month >= ${p.add(r.onsiteDaysPerMonth - t.maxShortfall, 'int')}`);
    return `(${conditions.join(' AND ')})`;
  };
  const where = termsSql(terms, (m) => sharesSql('p.skills_norm', skills, r.skills.length, m), rest);
  const seen = r.viewerOrganizationIds ? seenBySql(p.add(r.viewerOrganizationIds, 'uuid[]'), region) : 'TRUE';

  const text = `
  SELECT p.*, att.attended, st.stayed, (
      ${sharedScoreSql('p.skills_norm', skills)}
    + CASE WHEN ${style} = ANY(p.desired_work_styles) THEN ${f8(WEIGHTS.workStyle)} ELSE 0 END
    + CASE WHEN ${onsite} <= p.onsite_days_per_month THEN ${f8(WEIGHTS.onsiteFits)}
           ELSE -${f8(WEIGHTS.onsiteShortfallPerDay)} * (${onsite} - p.onsite_days_per_month) END
    + CASE WHEN ${remoteOk} AND p.remote_hours_per_week > 0 THEN ${f8(WEIGHTS.remote)} ELSE 0 END
    + CASE WHEN ${region} = ANY(p.desired_region_ids) THEN ${f8(WEIGHTS.desiredRegion)} ELSE 0 END
    + CASE WHEN att.attended OR st.stayed THEN ${f8(WEIGHTS.attendedInRegion)} ELSE 0 END
  ) AS score
  FROM matching.candidate_profile p
  CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM matching.attendance a WHERE a.account_id = p.account_id AND a.region_id = ${region}) AS attended) att
  CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM matching.region_stay s WHERE s.account_id = p.account_id AND s.region_id = ${region}) AS stayed) st
  WHERE (${where})
    AND (${seen})
    AND NOT EXISTS (SELECT 1 FROM matching.interest i
                     WHERE i.candidate_id = p.id AND i.opportunity_id = ${opportunity} AND i.status IN ('OPEN', 'ACCEPTED'))
    AND NOT EXISTS (SELECT 1 FROM matching.match m
                     WHERE m.candidate_id = p.id AND m.opportunity_id = ${opportunity} AND m.stage <> 'WITHDRAWN')
  ORDER BY score DESC, p.updated_at DESC, p.id
  LIMIT ${p.add(first, 'int')}`;
  return { text, values: p.values };
}
