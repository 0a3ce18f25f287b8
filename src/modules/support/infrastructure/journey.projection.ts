import { Injectable } from '@nestjs/common';
import { JourneyStage } from '#libs/contracts/support/enums.js';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { ERASED_DISPLAY_NAME } from '#libs/contracts/privacy/enums.js';
import { ErasedAccounts } from '#libs/messaging/erased-accounts.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import type { JourneyPlan } from '../domain/journey-events.js';
import { stageRank } from '../domain/journey.js';

/**
 * Writes the journey read model, in the relay's transaction (`uow.manager`): what it writes
 * commits with the subscriber's progress. Every write is idempotent and order-free across
 * aggregates (the stage is a maximum, facts a union, entries keyed by event, a service's
 * state follows its own aggregate's events in order), so a replay of the log gives the same
 * journeys.
 */
@Injectable()
export class JourneyProjection {
  /** The person's lock shared with support's commands and erasure. */
  private readonly erased: ErasedAccounts;

  constructor(private readonly uow: UnitOfWork) {
    this.erased = new ErasedAccounts(uow, 'support');
  }

  async apply(event: DomainEvent, plan: JourneyPlan): Promise<void> {
    const m = this.uow.manager;
    const at = event.occurredAt;
    if (plan.title) {
      await m.query(
        `INSERT INTO support.journey_title (ref_kind, ref_id, title) VALUES ($1, $2, $3)
         ON CONFLICT (ref_kind, ref_id) DO UPDATE SET title = EXCLUDED.title`,
        [plan.title.kind, plan.title.id, plan.title.title],
      );
    }
    if (plan.person) {
      // An erased person is written as erased, whatever the event says (a rebuild from the
      // log, a registration delivered late): under the person's lock, so a running erasure
      // either sees this row or this statement sees the erasure.
      await this.erased.lock(plan.person.accountId);
      await m.query(
        `INSERT INTO support.journey_person (account_id, display_name, email, registered_at, registered_event_id)
         SELECT $1, CASE WHEN e.account_id IS NULL THEN $2 ELSE $6 END, CASE WHEN e.account_id IS NULL THEN $3 END, $4, $5
           FROM (VALUES (1)) AS one LEFT JOIN support.erased_account e ON e.account_id = $1
         ON CONFLICT (account_id) DO NOTHING`,
        [plan.person.accountId, plan.person.displayName, plan.person.email, at, event.id, ERASED_DISPLAY_NAME],
      );
      // Journeys opened before the registration reached us get its entry too.
      await m.query(
        `INSERT INTO support.journey_entry (account_id, region_id, event_id, at, module, kind, subject_id)
         SELECT j.account_id, j.region_id, $2, $3, 'identity', 'ACCOUNT_REGISTERED', j.account_id
           FROM support.journey j WHERE j.account_id = $1
         ON CONFLICT DO NOTHING`,
        [plan.person.accountId, event.id, at],
      );
    }
    const change = plan.change;
    if (!change) return;
    for (const regionId of new Set(change.regionIds)) {
      const [{ created }]: Array<{ created: boolean }> = await m.query(
        `INSERT INTO support.journey AS j (account_id, region_id, stage_rank, facts, updated_at)
         VALUES ($1, $2, $3, $4::text[], $5)
         ON CONFLICT (account_id, region_id) DO UPDATE SET
           stage_rank = greatest(j.stage_rank, EXCLUDED.stage_rank),
           facts = ARRAY(SELECT DISTINCT f FROM unnest(j.facts || EXCLUDED.facts) f ORDER BY f),
           updated_at = greatest(j.updated_at, EXCLUDED.updated_at)
         RETURNING (xmax = 0) AS created`,
        [change.accountId, regionId, stageRank(change.reaches ?? JourneyStage.REGISTERED), [...new Set(change.facts ?? [])].sort(), at],
      );
      if (created) {
        await m.query(
          `INSERT INTO support.journey_entry (account_id, region_id, event_id, at, module, kind, subject_id)
           SELECT p.account_id, $2, p.registered_event_id, p.registered_at, 'identity', 'ACCOUNT_REGISTERED', p.account_id
             FROM support.journey_person p WHERE p.account_id = $1
           ON CONFLICT DO NOTHING`,
          [change.accountId, regionId],
        );
      }
      const entry = change.entry;
      if (entry) {
        await m.query(
          `INSERT INTO support.journey_entry (account_id, region_id, event_id, at, module, kind, subject_id, ref_kind, ref_id, detail)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
          [change.accountId, regionId, event.id, at, entry.module, entry.kind, entry.subjectId, entry.ref?.kind ?? null, entry.ref?.id ?? null,
            JSON.stringify(entry.detail ?? {})],
        );
      }
      const service = change.service;
      if (service?.active) {
        await m.query(
          `INSERT INTO support.journey_service (account_id, region_id, module, subject_id, organization_id, active, since)
           SELECT $1, $2, $3, $4, o, true, $6 FROM unnest($5::uuid[]) o
           ON CONFLICT (account_id, region_id, module, subject_id, organization_id) DO UPDATE SET active = true`,
          [change.accountId, regionId, service.module, service.subjectId, service.organizationIds, at],
        );
      } else if (service) {
        await m.query(
          `UPDATE support.journey_service SET active = false
            WHERE account_id = $1 AND region_id = $2 AND module = $3 AND subject_id = $4`,
          [change.accountId, regionId, service.module, service.subjectId],
        );
      }
    }
  }

  /** An erased person: the journey keeps their way (ids, kinds, times), not who they were. */
  async erasePerson(accountId: string): Promise<void> {
    await this.uow.manager.query(
      `UPDATE support.journey_person SET display_name = $2, email = NULL
        WHERE account_id = $1 AND (display_name <> $2 OR email IS NOT NULL)`,
      [accountId, ERASED_DISPLAY_NAME],
    );
  }

  /**
   * Empties the read model before the log is sent again (an operator's rebuild). Not
   * `erased_account`: the erasures are no part of the read model and must outlive it.
   */
  async reset(): Promise<void> {
    await this.uow.manager.query(
      `TRUNCATE support.journey_person, support.journey, support.journey_entry, support.journey_service, support.journey_title`,
    );
  }
}
