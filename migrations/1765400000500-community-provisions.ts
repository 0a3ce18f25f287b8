import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal data (contract 90-privacy): the MentorshipStarted row that
 * community.assign_supporter appends to the log carries the provision fact of the act —
 * the supporter, a person, now sees the newcomer's contact details — in the same statement
 * as the assignment. The caller names the fact (`p_outbox -> 'provided'`, account ids that
 * never change); the function copies it into the payload when it starts the mentorship. The
 * signature, the lock order and every outcome are as 1765100000000-community explains.
 */
export class CommunityProvisions1765400000500 implements MigrationInterface {
  name = 'CommunityProvisions1765400000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(assignSupporter(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(assignSupporter(false));
  }
}

/** community.assign_supporter; `provided`: with the payload's `provided` (up), or as 1765100000000 wrote it (down). */
function assignSupporter(provided: boolean): string {
  const payload = `jsonb_build_object(
        'mentorshipId', p_mentorship_id, 'regionId', m.region_id, 'accountId', m.account_id, 'topics', to_jsonb(m.topics),
        'supporterId', s.id, 'supporterAccountId', s.account_id, 'organizationId', p_organization_id
      )`;
  return `
  CREATE OR REPLACE FUNCTION community.assign_supporter(
    p_mentorship_id uuid,
    p_supporter_id uuid,
    p_organization_id uuid,
    p_now timestamptz,
    p_outbox_id uuid,
    p_outbox jsonb,
    OUT outcome text,
    OUT status text
  )
  LANGUAGE plpgsql VOLATILE AS $fn$
  DECLARE
    s record;
    m record;
  BEGIN
    SELECT su.id, su.region_id, su.account_id, su.approved, su.active, su.max_newcomers, su.active_newcomers
      INTO s FROM community.supporter su WHERE su.id = p_supporter_id FOR UPDATE;
    SELECT me.status, me.region_id, me.account_id, me.topics
      INTO m FROM community.mentorship me WHERE me.id = p_mentorship_id FOR UPDATE;
    IF m IS NULL THEN
      outcome := 'NOT_FOUND';
      RETURN;
    END IF;
    status := m.status;
    IF s IS NULL OR s.region_id <> m.region_id THEN
      outcome := 'SUPPORTER_NOT_FOUND';
      RETURN;
    END IF;
    IF s.account_id = m.account_id THEN
      outcome := 'SELF';
      RETURN;
    END IF;
    IF m.status <> 'REQUESTED' THEN
      outcome := 'NOT_REQUESTED';
      RETURN;
    END IF;
    IF NOT s.approved OR NOT s.active THEN
      outcome := 'SUPPORTER_UNAVAILABLE';
      RETURN;
    END IF;
    IF s.active_newcomers >= s.max_newcomers THEN
      outcome := 'SUPPORTER_FULL';
      RETURN;
    END IF;
    UPDATE community.supporter SET active_newcomers = active_newcomers + 1 WHERE id = s.id;
    UPDATE community.mentorship
       SET status = 'ACTIVE', supporter_id = s.id, updated_at = p_now, version = version + 1
     WHERE id = p_mentorship_id;
    INSERT INTO messaging.outbox (id, type, source, aggregate_type, aggregate_id, payload_version, payload, occurred_at)
    VALUES (
      p_outbox_id, p_outbox ->> 'type', p_outbox ->> 'source', p_outbox ->> 'aggregateType', p_mentorship_id::text,
      (p_outbox ->> 'payloadVersion')::int,
      ${provided
        ? `${payload}
      -- The act's provision fact, when the caller names one (an older caller names none).
      || CASE WHEN p_outbox ? 'provided' THEN jsonb_build_object('provided', p_outbox -> 'provided') ELSE '{}'::jsonb END`
        : payload},
      p_now
    );
    outcome := 'STARTED';
    status := 'ACTIVE';
  END
  $fn$`;
}
