import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GetOpportunitiesByIdsQuery, ListOpportunitySnapshotsQuery, type OpportunityView } from '#libs/contracts/careers/queries.js';
import { NotFoundError, InvalidInputError } from '#libs/ddd/errors.js';
import { isId } from '#libs/ddd/ids.js';
import { decodeTimeCursor, pageSize, toConnection } from '#libs/graphql/connection.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import type { EmployerRow, OpportunityRow } from '../../infrastructure/careers.repository.js';
import { buildOpportunitySearch } from '../../infrastructure/opportunity-search.js';
import { CareersPolicy } from '../careers.policy.js';
import {
  GetEmployersByIdsQuery,
  GetOpportunityQuery,
  ListEmployersQuery,
  SearchOpportunitiesQuery,
  type EmployerView,
} from './careers.queries.js';

type ListedRow = OpportunityRow & { listed_key: string };

export const opportunityView = (r: OpportunityRow): OpportunityView => ({
  id: r.id,
  employerId: r.employer_id,
  regionId: r.region_id,
  title: r.title,
  description: r.description,
  workStyle: r.work_style,
  skills: r.skills,
  remoteOk: r.remote_ok,
  onsiteDaysPerMonth: r.onsite_days_per_month,
  compensation: r.compensation,
  status: r.status,
  publishedAt: r.published_at,
  createdAt: r.created_at,
});

const employerView = (r: EmployerRow & { created_key?: string }): EmployerView => ({
  id: r.id,
  organizationId: r.organization_id,
  regionId: r.region_id,
  name: r.name,
  industry: r.industry,
  description: r.description,
  createdAt: r.created_at,
});

@QueryHandler(SearchOpportunitiesQuery)
export class SearchOpportunitiesHandler implements IQueryHandler<SearchOpportunitiesQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(query: SearchOpportunitiesQuery) {
    const first = pageSize(query.first);
    const sql = buildOpportunitySearch(query.criteria, CareersPolicy.visibility(query.caller), first, query.after, query.fields);
    if (sql.empty) return toConnection<OpportunityView>([], first, query.after, 0, () => []);
    const db = this.uow;
    const rows: ListedRow[] = await db.query(sql.page.text, sql.page.values);
    const total = async () => ((await db.query(sql.count.text, sql.count.values)) as Array<{ total: number }>)[0].total;
    const keys = new Map(rows.map((r) => [r.id, r.listed_key]));
    return toConnection(rows.map(opportunityView), first, query.after, total, (o) => [keys.get(o.id)!, o.id]);
  }
}

@QueryHandler(GetOpportunityQuery)
export class GetOpportunityHandler implements IQueryHandler<GetOpportunityQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(query: GetOpportunityQuery) {
    const rows: OpportunityRow[] = isId(query.opportunityId)
      ? await this.uow.query('SELECT * FROM careers.opportunity WHERE id = $1', [query.opportunityId])
      : [];
    const row = rows[0];
    // Hidden and missing look the same: the public must not learn that a draft exists.
    if (!row || (row.status !== 'PUBLISHED' && !CareersPolicy.seesUnpublished(query.caller, row.region_id))) {
      throw new NotFoundError('Opportunity', query.opportunityId);
    }
    return opportunityView(row);
  }
}

@QueryHandler(GetOpportunitiesByIdsQuery)
export class GetOpportunitiesByIdsHandler implements IQueryHandler<GetOpportunitiesByIdsQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(query: GetOpportunitiesByIdsQuery) {
    const ids = query.ids.filter(isId);
    if (ids.length === 0) return [];
    const rows: OpportunityRow[] = await this.uow.query('SELECT * FROM careers.opportunity WHERE id = ANY($1::uuid[])', [ids]);
    return rows.map(opportunityView);
  }
}

@QueryHandler(ListEmployersQuery)
export class ListEmployersHandler implements IQueryHandler<ListEmployersQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(query: ListEmployersQuery) {
    const first = pageSize(query.first);
    if (query.regionId != null && !isId(query.regionId)) return toConnection<EmployerView>([], first, query.after, 0, () => []);
    const values: unknown[] = [];
    const where: string[] = [];
    if (query.regionId != null) {
      values.push(query.regionId);
      where.push(`region_id = $${values.length}`);
    }
    const countSql = `SELECT count(*)::int AS total FROM careers.employer ${where.length ? 'WHERE ' + where.join(' AND ') : ''}`;
    const countValues = [...values];
    if (query.after) {
      const [key, id] = decodeTimeCursor(query.after);
      values.push(key, id);
      where.push(`(created_at, id) < ($${values.length - 1}::timestamptz, $${values.length}::uuid)`);
    }
    values.push(first + 1);
    const db = this.uow;
    const rows: Array<EmployerRow & { created_key: string }> = await db.query(
      `SELECT *, created_at::text AS created_key FROM careers.employer ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
        ORDER BY created_at DESC, id DESC LIMIT $${values.length}`,
      values,
    );
    const total = async () => ((await db.query(countSql, countValues)) as Array<{ total: number }>)[0].total;
    const keys = new Map(rows.map((r) => [r.id, r.created_key]));
    return toConnection(rows.map(employerView), first, query.after, total, (e) => [keys.get(e.id)!, e.id]);
  }
}

@QueryHandler(GetEmployersByIdsQuery)
export class GetEmployersByIdsHandler implements IQueryHandler<GetEmployersByIdsQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(query: GetEmployersByIdsQuery) {
    const ids = query.ids.filter(isId);
    if (ids.length === 0) return [];
    const rows: EmployerRow[] = await this.uow.query('SELECT * FROM careers.employer WHERE id = ANY($1::uuid[])', [ids]);
    return rows.map(employerView);
  }
}

@QueryHandler(ListOpportunitySnapshotsQuery)
export class ListOpportunitySnapshotsHandler implements IQueryHandler<ListOpportunitySnapshotsQuery> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(query: ListOpportunitySnapshotsQuery) {
    const rows: Array<OpportunityRow & { employer_name: string }> = await this.uow.query(
      `SELECT o.*, e.name AS employer_name FROM careers.opportunity o JOIN careers.employer e ON e.id = o.employer_id
        WHERE ($1::uuid IS NULL OR o.id > $1::uuid) ORDER BY o.id LIMIT $2`,
      [query.afterId, Math.min(Math.max(query.limit, 1), 10_000)],
    );
    return rows.map((r) => ({
      opportunityId: r.id, employerId: r.employer_id, employerName: r.employer_name, regionId: r.region_id, title: r.title,
      workStyle: r.work_style, skills: r.skills, remoteOk: r.remote_ok, onsiteDaysPerMonth: r.onsite_days_per_month,
      compensation: r.compensation, status: r.status, publishedAt: r.published_at?.toISOString() ?? null, asOf: r.updated_at,
    }));
  }
}
