import { Injectable } from '@nestjs/common';
import type { ProvisionFact } from '#libs/contracts/privacy/index.js';
import { newId } from '#libs/ddd/ids.js';
import { AggregateStore } from '#libs/messaging/aggregate-store.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { PersonConsents, type StoredAnswer } from '../domain/person-consents.aggregate.js';
import type { AccessRow, ConsentRow, ProvisionRecordRow } from '../application/privacy.views.js';

const CONSENT_COLUMNS = `purpose, organization_id AS "organizationId", granted, revision, updated_at AS "updatedAt"`;
const PROVISION_COLUMNS = `id, subject_account_id AS "subjectAccountId", recipient_organization_id AS "recipientOrganizationId",
  recipient_account_id AS "recipientAccountId", purpose, fields, basis, occasion, occasion_id AS "occasionId", at, at::text AS "atKey"`;
const ACCESS_COLUMNS = `id, reader_account_id AS "readerAccountId", subject_account_id AS "subjectAccountId", fields, via, at, at::text AS "atKey"`;

/** A page's filter and keyset: newest first, `after` = [at, id] of the last row seen. */
export interface PageQuery {
  first: number;
  after: [string, string] | null;
}

/** The privacy schema. Writes run in the caller's unit of work; reads wherever they are called. */
@Injectable()
export class PrivacyRepository {
  private readonly store: AggregateStore;

  constructor(private readonly uow: UnitOfWork) {
    this.store = new AggregateStore(uow, 'privacy');
  }

  private get db() {
    return this.uow.manager;
  }

  // ---- consent

  /**
   * A person's answers as the aggregate (an empty one when they have given none), for a
   * change: the person's answers are locked until the transaction ends, so two changes at once
   * (the person's, and the profile form's grant arriving through the relay) take turns instead
   * of both inserting the first root row or one failing on a stale version.
   */
  async loadConsents(accountId: string): Promise<PersonConsents> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended('privacy.consents:' || $1, 0))`, [accountId]);
    const [root]: Array<{ version: number }> = await this.db.query(`SELECT version FROM privacy.person_consents WHERE id = $1`, [accountId]);
    if (!root) return PersonConsents.empty(accountId);
    const answers: StoredAnswer[] = await this.db.query(
      `SELECT ${CONSENT_COLUMNS} FROM privacy.consent WHERE account_id = $1`,
      [accountId],
    );
    return PersonConsents.restore(accountId, root.version, answers);
  }

  /** Saves the answers given (the current one per purpose and organization, and the history) with their events. */
  async saveConsents(consents: PersonConsents, at: Date): Promise<void> {
    const given = consents.takeGiven();
    await this.store.save(consents, {
      table: 'privacy.person_consents',
      what: 'The consents',
      columns: { updated_at: at },
      alsoWrite: async () => {
        if (given.length === 0) return;
        const rows = JSON.stringify(given);
        await this.db.query(
          `INSERT INTO privacy.consent AS c (account_id, purpose, organization_id, granted, revision, updated_at)
           SELECT DISTINCT ON (a->>'purpose', a->>'organizationId') $1::uuid, a->>'purpose', (a->>'organizationId')::uuid,
                  (a->>'granted')::boolean, (a->>'revision')::int, (a->>'updatedAt')::timestamptz
             FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS g(a, n)
            ORDER BY a->>'purpose', a->>'organizationId', n DESC
           ON CONFLICT ON CONSTRAINT consent_answer
           DO UPDATE SET granted = excluded.granted, revision = excluded.revision, updated_at = excluded.updated_at`,
          [consents.id, rows],
        );
        await this.db.query(
          `INSERT INTO privacy.consent_change (account_id, purpose, organization_id, granted, revision, given_by, at)
           SELECT $1::uuid, a->>'purpose', (a->>'organizationId')::uuid, (a->>'granted')::boolean, (a->>'revision')::int,
                  a->>'givenBy', (a->>'updatedAt')::timestamptz
             FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS g(a, n) ORDER BY n`,
          [consents.id, rows],
        );
      },
    });
  }

  consentsOf(accountId: string): Promise<ConsentRow[]> {
    return this.db.query(
      `SELECT ${CONSENT_COLUMNS} FROM privacy.consent WHERE account_id = $1 ORDER BY purpose, organization_id NULLS FIRST`,
      [accountId],
    );
  }

  consentHistoryOf(accountId: string): Promise<Array<ConsentRow & { givenBy: string }>> {
    return this.db.query(
      `SELECT purpose, organization_id AS "organizationId", granted, revision, at AS "updatedAt", given_by AS "givenBy"
         FROM privacy.consent_change WHERE account_id = $1 ORDER BY at, id`,
      [accountId],
    );
  }

  // ---- provision records

  /** One record per fact of one event; a redelivered event adds nothing. */
  async recordProvisions(eventId: string, at: Date, facts: readonly ProvisionFact[]): Promise<void> {
    if (facts.length === 0) return;
    await this.db.query(
      `INSERT INTO privacy.provision_record
         (id, event_id, ordinal, subject_account_id, recipient_organization_id, recipient_account_id,
          purpose, fields, basis, occasion, occasion_id, at)
       SELECT (f->>'id')::uuid, $1, (f->>'ordinal')::int, (f->>'subjectAccountId')::uuid,
              (f->>'recipientOrganizationId')::uuid, (f->>'recipientAccountId')::uuid, f->>'purpose',
              ARRAY(SELECT jsonb_array_elements_text(f->'fields')), f->>'basis', f->>'occasion', (f->>'occasionId')::uuid, $2
         FROM jsonb_array_elements($3::jsonb) f
       ON CONFLICT (event_id, ordinal) DO NOTHING`,
      [eventId, at, JSON.stringify(facts.map((fact, ordinal) => ({ ...fact, id: newId(), ordinal })))],
    );
  }

  provisionPage(filter: { subjectAccountId?: string; recipientOrganizationId?: string }, page: PageQuery): Promise<ProvisionRecordRow[]> {
    const [where, params] = this.where(filter, { subjectAccountId: 'subject_account_id', recipientOrganizationId: 'recipient_organization_id' }, page);
    return this.db.query(
      `SELECT ${PROVISION_COLUMNS} FROM privacy.provision_record ${where} ORDER BY at DESC, id DESC LIMIT ${page.first + 1}`,
      params,
    );
  }

  countProvisions(filter: { subjectAccountId?: string; recipientOrganizationId?: string }): Promise<number> {
    const [where, params] = this.where(filter, { subjectAccountId: 'subject_account_id', recipientOrganizationId: 'recipient_organization_id' }, null);
    return this.count(`SELECT count(*)::int AS n FROM privacy.provision_record ${where}`, params);
  }

  provisionsOf(accountId: string): Promise<ProvisionRecordRow[]> {
    return this.db.query(`SELECT ${PROVISION_COLUMNS} FROM privacy.provision_record WHERE subject_account_id = $1 ORDER BY at DESC, id DESC`, [accountId]);
  }

  // ---- access log

  accessPage(filter: { subjectAccountId?: string; readerAccountId?: string }, page: PageQuery): Promise<AccessRow[]> {
    const [where, params] = this.where(filter, { subjectAccountId: 'subject_account_id', readerAccountId: 'reader_account_id' }, page);
    return this.db.query(`SELECT ${ACCESS_COLUMNS} FROM privacy.access_log ${where} ORDER BY at DESC, id DESC LIMIT ${page.first + 1}`, params);
  }

  countAccess(filter: { subjectAccountId?: string; readerAccountId?: string }): Promise<number> {
    const [where, params] = this.where(filter, { subjectAccountId: 'subject_account_id', readerAccountId: 'reader_account_id' }, null);
    return this.count(`SELECT count(*)::int AS n FROM privacy.access_log ${where}`, params);
  }

  accessesOf(accountId: string): Promise<AccessRow[]> {
    return this.db.query(`SELECT ${ACCESS_COLUMNS} FROM privacy.access_log WHERE subject_account_id = $1 ORDER BY at DESC, id DESC`, [accountId]);
  }

  // ---- erasure

  /** Records that erasure was asked of every module; false when it already was. */
  async recordErasure(accountId: string, at: Date): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO privacy.erasure (account_id, requested_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING account_id`,
      [accountId, at],
    );
    return rows.length === 1;
  }

  // ----

  private where(
    filter: Record<string, string | undefined>,
    columns: Record<string, string>,
    page: PageQuery | null,
  ): [string, unknown[]] {
    const conditions: string[] = [];
    const params: unknown[] = [];
    for (const [key, column] of Object.entries(columns)) {
      const value = filter[key];
      if (value === undefined) continue;
      params.push(value);
      conditions.push(`${column} = $${params.length}::uuid`);
    }
    if (page?.after) {
      params.push(page.after[0], page.after[1]);
      conditions.push(`(at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    return [conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params];
  }

  private async count(sql: string, params: unknown[]): Promise<number> {
    const rows: Array<{ n: number }> = await this.db.query(sql, params);
    return rows[0].n;
  }
}
