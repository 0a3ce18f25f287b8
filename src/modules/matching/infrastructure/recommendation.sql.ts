import { WEIGHTS } from '../domain/scoring.js';

// The SQL twins of scorePair (domain/scoring.ts), built from the same WEIGHTS, so the
// database can rank thousands of rows and the domain explains the top ones. A test checks
// that both give the same score.

/** Ranks PUBLISHED opportunity copies for one candidate, leaving out live interests and matches. */
export const RANK_OPPORTUNITIES = `
  SELECT oc.*, (
      CASE WHEN oc.skills_norm && $1::text[] -- the cheap overlap test first; count only where there is one
           THEN ${WEIGHTS.skill} * (SELECT count(*) FROM (SELECT unnest(oc.skills_norm) INTERSECT SELECT unnest($1::text[])) AS s) ELSE 0 END
    + CASE WHEN oc.work_style = ANY($2::text[]) THEN ${WEIGHTS.workStyle} ELSE 0 END
    + CASE WHEN oc.onsite_days_per_month <= $3 THEN ${WEIGHTS.onsiteFits}
           ELSE -${WEIGHTS.onsiteShortfallPerDay} * (oc.onsite_days_per_month - $3) END
    + CASE WHEN oc.remote_ok AND $4 > 0 THEN ${WEIGHTS.remote} ELSE 0 END
    + CASE WHEN oc.region_id = ANY($5::uuid[]) THEN ${WEIGHTS.desiredRegion} ELSE 0 END
    + CASE WHEN oc.region_id = ANY($6::uuid[]) THEN ${WEIGHTS.attendedInRegion} ELSE 0 END
  )::float8 AS score
  FROM matching.opportunity_copy oc
  WHERE oc.status = 'PUBLISHED'
    AND NOT EXISTS (SELECT 1 FROM matching.interest i
                     WHERE i.candidate_id = $7 AND i.opportunity_id = oc.id AND i.status IN ('OPEN', 'ACCEPTED'))
    AND NOT EXISTS (SELECT 1 FROM matching.match m
                     WHERE m.candidate_id = $7 AND m.opportunity_id = oc.id AND m.stage <> 'WITHDRAWN')
  ORDER BY score DESC, oc.published_at DESC NULLS LAST, oc.id
  LIMIT $8`;

/** Ranks candidate profiles for one opportunity, leaving out those already interested in or matched with it. */
export const RANK_CANDIDATES = `
  SELECT p.*, EXISTS (SELECT 1 FROM matching.attendance a WHERE a.account_id = p.account_id AND a.region_id = $5) AS attended, (
      CASE WHEN p.skills_norm && $1::text[]
           THEN ${WEIGHTS.skill} * (SELECT count(*) FROM (SELECT unnest(p.skills_norm) INTERSECT SELECT unnest($1::text[])) AS s) ELSE 0 END
    + CASE WHEN $2 = ANY(p.desired_work_styles) THEN ${WEIGHTS.workStyle} ELSE 0 END
    + CASE WHEN $3 <= p.onsite_days_per_month THEN ${WEIGHTS.onsiteFits}
           ELSE -${WEIGHTS.onsiteShortfallPerDay} * ($3 - p.onsite_days_per_month) END
    + CASE WHEN $4 AND p.remote_hours_per_week > 0 THEN ${WEIGHTS.remote} ELSE 0 END
    + CASE WHEN $5 = ANY(p.desired_region_ids) THEN ${WEIGHTS.desiredRegion} ELSE 0 END
    + CASE WHEN EXISTS (SELECT 1 FROM matching.attendance a WHERE a.account_id = p.account_id AND a.region_id = $5)
           THEN ${WEIGHTS.attendedInRegion} ELSE 0 END
  )::float8 AS score
  FROM matching.candidate_profile p
  WHERE NOT EXISTS (SELECT 1 FROM matching.interest i
                     WHERE i.candidate_id = p.id AND i.opportunity_id = $6 AND i.status IN ('OPEN', 'ACCEPTED'))
    AND NOT EXISTS (SELECT 1 FROM matching.match m
                     WHERE m.candidate_id = p.id AND m.opportunity_id = $6 AND m.stage <> 'WITHDRAWN')
  ORDER BY score DESC, p.updated_at DESC, p.id
  LIMIT $7`;
