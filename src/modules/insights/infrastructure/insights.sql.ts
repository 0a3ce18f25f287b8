import type { FunnelDimension } from '../domain/funnel.js';

/*
 * The funnel's SQL over insights' own tables, kept apart from the read model so that
 * bench:insights sends the very same statements raw through pg (the limit it compares with).
 * Parameters: $1 region, $2 and $3 the period's instants [from, to).
 */
/**
 * The cohort's count at each stage by `$3` (the period's end), as SQL select items named by
 * stage. CONSULTED: a consultation requested before the end and not cancelled by then.
 */
const STAGE_COUNTS = `count(*)::int AS "SIGNED_UP",
  count(*) FILTER (WHERE pr.first_saved_at < $3)::int AS "PROFILE_SAVED",
  count(*) FILTER (WHERE p.event_registered_at < $3)::int AS "EVENT_REGISTERED",
  count(*) FILTER (WHERE p.event_attended_at < $3)::int AS "EVENT_ATTENDED",
  count(*) FILTER (WHERE EXISTS (
    SELECT 1 FROM insights.consultation c
     WHERE c.region_id = p.region_id AND c.account_id = p.account_id AND c.requested_at < $3
       AND (c.cancelled_at IS NULL OR c.cancelled_at >= $3)))::int AS "CONSULTED",
  count(*) FILTER (WHERE p.interested_or_scouted_at < $3)::int AS "INTERESTED_OR_SCOUTED",
  count(*) FILTER (WHERE p.matched_at < $3)::int AS "MATCHED",
  count(*) FILTER (WHERE p.engaged_at < $3)::int AS "ENGAGED",
  count(*) FILTER (WHERE p.trial_stay_at < $3)::int AS "TRIAL_STAY",
  count(*) FILTER (WHERE p.dual_region_at < $3)::int AS "DUAL_REGION",
  count(*) FILTER (WHERE p.relocated_at < $3)::int AS "RELOCATED"`;

/** The people who joined region `$1` in [`$2`, `$3`), with what their profile says. */
const COHORT = `insights.person p LEFT JOIN insights.profile pr ON pr.account_id = p.account_id
  WHERE p.region_id = $1 AND p.joined_at >= $2 AND p.joined_at < $3`;

/** How each dimension keys a cohort's people (a person may fall in several work styles or events). */
const SLICES: Record<FunnelDimension, string> = {
  AGE_BAND: `SELECT COALESCE(pr.age_band, 'UNKNOWN') AS key, NULL::text AS label, ${STAGE_COUNTS} FROM ${COHORT} GROUP BY 1`,
  WORK_STYLE: `SELECT ws.key, NULL::text AS label, ${STAGE_COUNTS} FROM ${COHORT.replace(
    'WHERE',
    `CROSS JOIN LATERAL unnest(CASE WHEN cardinality(pr.work_styles) > 0 THEN pr.work_styles ELSE ARRAY['UNKNOWN'] END) AS ws(key) WHERE`,
  )} GROUP BY 1`,
  HOME_PREFECTURE: `SELECT COALESCE(pr.home_prefecture, 'UNKNOWN') AS key, NULL::text AS label, ${STAGE_COUNTS} FROM ${COHORT} GROUP BY 1`,
  EVENT: `SELECT e.event_id::text AS key, e.title AS label, ${STAGE_COUNTS} FROM ${COHORT.replace(
    'WHERE',
    `JOIN (SELECT DISTINCT event_id, account_id FROM insights.registration WHERE region_id = $1 AND registered_at < $3) r
       ON r.account_id = p.account_id
     JOIN insights.event e ON e.event_id = r.event_id
     WHERE`,
  )} GROUP BY e.event_id, e.title`,
};


/** The cohort at each stage. */
export const FUNNEL_SQL = `SELECT ${STAGE_COUNTS} FROM ${COHORT}`;

/** The cohort at each stage, per slice of a dimension (ordered by key). */
export const SLICES_SQL: Record<FunnelDimension, string> = Object.fromEntries(
  Object.entries(SLICES).map(([by, text]) => [by, `${text} ORDER BY 1`]),
) as Record<FunnelDimension, string>;
