import { Injectable } from '@nestjs/common';
import { StaleVersionError } from '../../../../libs/ddd/errors.js';
import { isId } from '../../../../libs/ddd/ids.js';
import { UnitOfWork, pgErrorCode } from '../../../../libs/messaging/unit-of-work.js';
import type { WorkStyle } from '../../../../libs/contracts/careers/work-style.js';
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
  constructor(private readonly uow: UnitOfWork) {}

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
    try {
      await this.db.query(
        `INSERT INTO careers.employer (id, organization_id, region_id, name, industry, description, created_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1)`,
        [s.id, s.organizationId, s.regionId, s.name, s.industry, s.description, s.createdAt],
      );
    } catch (error) {
      if (pgErrorCode(error) === '23505') throw new EmployerNameTaken(s.name);
      throw error;
    }
    await this.uow.publish(SOURCE, employer.pullEvents());
    employer.markSaved();
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
    const values = [
      s.id, s.title, s.description, s.workStyle, s.skills, s.skills.map(normalizeSkill), s.remoteOk,
      s.onsiteDaysPerMonth, s.compensation, s.status, s.publishedAt, s.closedAt, s.updatedAt,
    ];
    if (opportunity.isNew) {
      await this.db.query(
        `INSERT INTO careers.opportunity (id, title, description, work_style, skills, skills_norm, remote_ok, onsite_days_per_month,
           compensation, status, published_at, closed_at, updated_at, employer_id, region_id, created_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 1)`,
        [...values, s.employerId, s.regionId, s.createdAt],
      );
    } else {
      const [, affected] = await this.db.query(
        `UPDATE careers.opportunity SET title = $2, description = $3, work_style = $4, skills = $5, skills_norm = $6,
           remote_ok = $7, onsite_days_per_month = $8, compensation = $9, status = $10, published_at = $11,
           closed_at = $12, updated_at = $13, version = version + 1
         WHERE id = $1 AND version = $14`,
        [...values, opportunity.version],
      );
      if (affected === 0) throw new StaleVersionError('The opportunity');
    }
    await this.uow.publish(SOURCE, opportunity.pullEvents());
    opportunity.markSaved();
  }
}
