import { Injectable } from '@nestjs/common';
import { isId } from '#libs/ddd/ids.js';
import { AggregateStore } from '#libs/messaging/aggregate-store.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import type { WorkStyle } from '#libs/contracts/careers/work-style.js';
import { EmployerNameTaken } from '../domain/careers.errors.js';
import { Employer } from '../domain/employer.aggregate.js';
import { normalizeSkill, Opportunity, type OpportunityStatus } from '../domain/opportunity.aggregate.js';

const SOURCE = 'careers';

export interface EmployerRow {
  id: string;
  organization_id: string;
  region_id: string;
  name: string;
  industry: string;
  description: string;
  created_at: Date;
  version: number;
}

export interface OpportunityRow {
  id: string;
  employer_id: string;
  employer_name: string;
  region_id: string;
  title: string;
  description: string;
  work_style: WorkStyle;
  skills: string[];
  remote_ok: boolean;
  onsite_days_per_month: number;
  compensation: string | null;
  status: OpportunityStatus;
  published_at: Date | null;
  closed_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export const toEmployer = (r: EmployerRow) =>
  Employer.restore({
    id: r.id,
    organizationId: r.organization_id,
    regionId: r.region_id,
    name: r.name,
    industry: r.industry,
    description: r.description,
    createdAt: r.created_at,
    version: r.version,
  });

const toOpportunity = (r: OpportunityRow) =>
  Opportunity.restore({
    id: r.id,
    employerId: r.employer_id,
    employerName: r.employer_name,
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
    closedAt: r.closed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  });

/** The careers aggregates (schema `careers`); saving writes their events to the outbox. */
@Injectable()
export class CareersRepository {
  private readonly store: AggregateStore;

  constructor(private readonly uow: UnitOfWork) {
    this.store = new AggregateStore(uow, SOURCE);
  }

  private get db() {
    return this.uow.manager;
  }

  async findEmployer(id: string): Promise<Employer | null> {
    if (!isId(id)) return null;
    const rows: EmployerRow[] = await this.db.query('SELECT * FROM careers.employer WHERE id = $1', [id]);
    return rows.length === 0 ? null : toEmployer(rows[0]);
  }

  async saveEmployer(employer: Employer): Promise<void> {
    const s = employer.state;
    await this.store.save(employer, {
      table: 'careers.employer',
      what: 'The employer',
      columns: { name: s.name, industry: s.industry, description: s.description },
      insertOnly: { organization_id: s.organizationId, region_id: s.regionId, created_at: s.createdAt },
      onDuplicate: () => new EmployerNameTaken(s.name),
    });
  }

  async findOpportunity(id: string): Promise<Opportunity | null> {
    if (!isId(id)) return null;
    const rows: OpportunityRow[] = await this.db.query(
      `SELECT o.*, e.name AS employer_name FROM careers.opportunity o JOIN careers.employer e ON e.id = o.employer_id WHERE o.id = $1`,
      [id],
    );
    return rows.length === 0 ? null : toOpportunity(rows[0]);
  }

  /** Inserts a new opportunity, or updates it if its version is still the one loaded. */
  async saveOpportunity(opportunity: Opportunity): Promise<void> {
    const s = opportunity.data;
    await this.store.save(opportunity, {
      table: 'careers.opportunity',
      what: 'The opportunity',
      columns: {
        title: s.title, description: s.description, work_style: s.workStyle, skills: s.skills, skills_norm: s.skills.map(normalizeSkill),
        remote_ok: s.remoteOk, onsite_days_per_month: s.onsiteDaysPerMonth, compensation: s.compensation, status: s.status,
        published_at: s.publishedAt, closed_at: s.closedAt, updated_at: s.updatedAt,
      },
      insertOnly: { employer_id: s.employerId, region_id: s.regionId, created_at: s.createdAt },
    });
  }
}
