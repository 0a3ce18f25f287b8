import { Injectable } from '@nestjs/common';
import type { MentorshipStatus } from '#libs/contracts/community/enums.js';
import { isId } from '#libs/ddd/ids.js';
import { decodeTimeCursor, toConnection, type ConnectionShape } from '#libs/graphql/connection.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { textSearchPredicates } from '#libs/search/text-search.js';
import type { Visibility } from '../application/community.policy.js';
import type {
  RoleView,
  ApplicationView,
  SupporterView,
  MentorshipView,
  StepView,
  TemplateView,
  PlanView,
  GuideView,
  RoleCriteria,
  GuideCriteria,
} from '../application/queries/community.views.js';
import { exportedDate } from '#libs/contracts/privacy/export.js';

type Keyed<R> = R & { page_key: string };

const roleView = (r: any): RoleView => ({
  id: r.id, regionId: r.region_id, organizationId: r.organization_id, category: r.category, title: r.title, description: r.description,
  hoursPerMonth: r.hours_per_month, onsite: r.onsite, seats: r.seats, acceptedCount: r.accepted_count, status: r.status,
  startsOn: r.starts_on, createdAt: r.created_at,
});
const ROLE_COLUMNS = `r.id, r.region_id, r.organization_id, r.category, r.title, r.description, r.hours_per_month, r.onsite, r.seats,
  r.accepted_count, r.status, r.starts_on, r.created_at`;

const applicationView = (r: any): ApplicationView => ({
  id: r.id, roleId: r.role_id, organizationId: r.organization_id, regionId: r.region_id, accountId: r.account_id,
  displayName: r.display_name, email: r.email, fullName: r.full_name, phone: r.phone, motivation: r.motivation, status: r.status,
  createdAt: r.created_at, updatedAt: r.updated_at,
});
const APPLICATION_FROM = `SELECT a.id, a.role_id, r.organization_id, r.region_id, a.account_id, a.display_name, a.email, a.full_name, a.phone,
  a.motivation, a.status, a.created_at, a.updated_at, a.created_at::text AS page_key
  FROM community.role_application a JOIN community.role r ON r.id = a.role_id`;

const supporterView = (r: any): SupporterView => ({
  id: r.id, regionId: r.region_id, accountId: r.account_id, displayName: r.display_name, topics: r.topics, bio: r.bio,
  maxNewcomers: r.max_newcomers, activeNewcomers: r.active_newcomers, approved: r.approved, active: r.active,
});
const SUPPORTER_COLUMNS = 'id, region_id, account_id, display_name, topics, bio, max_newcomers, active_newcomers, approved, active';

const mentorshipView = (r: any): MentorshipView => ({
  id: r.id, regionId: r.region_id, accountId: r.account_id, displayName: r.display_name, email: r.email, fullName: r.full_name,
  phone: r.phone, supporterId: r.supporter_id, activeSupporterAccountId: r.status === 'ACTIVE' ? r.supporter_account_id : null,
  providedOrganizationIds: r.provided_organization_ids,
  topics: r.topics, message: r.message, status: r.status, createdAt: r.created_at, updatedAt: r.updated_at,
});
const MENTORSHIP_FROM = `SELECT m.id, m.region_id, m.account_id, m.display_name, m.email, m.full_name, m.phone, m.supporter_id,
  s.account_id AS supporter_account_id, m.provided_organization_ids, m.topics, m.message, m.status, m.created_at, m.updated_at,
  m.created_at::text AS page_key
  FROM community.mentorship m LEFT JOIN community.supporter s ON s.id = m.supporter_id`;

const planView = (r: any): PlanView => {
  const steps: StepView[] = (r.steps as Array<{ key: string; title: string; description: string; guideId: string | null; doneAt: string | null }>).map(
    (s) => ({ key: s.key, title: s.title, description: s.description, guideId: s.guideId, done: s.doneAt !== null, doneAt: s.doneAt ? new Date(s.doneAt) : null }),
  );
  return {
    id: r.id, regionId: r.region_id, accountId: r.account_id, displayName: r.display_name, email: r.email, fullName: r.full_name ?? null,
    phone: r.phone ?? null, activeSupporterAccountId: r.active_supporter_account_id ?? null,
    // Staff see the contact details through the newest mentorship request (its recipients); none without one.
    providedOrganizationIds: r.contact_mentorship_id === null ? [] : r.provided_organization_ids, steps,
    progress: steps.length === 0 ? 1 : steps.filter((s) => s.done).length / steps.length,
    status: r.status, startedAt: r.started_at, completedAt: r.completed_at,
  };
};
const PLAN_FROM = `SELECT p.id, p.region_id, p.account_id, p.display_name, p.email, p.steps, p.status, p.started_at, p.completed_at,
  p.started_at::text AS page_key, contact.id AS contact_mentorship_id, contact.full_name, contact.phone, contact.provided_organization_ids,
  (SELECT s.account_id FROM community.mentorship am JOIN community.supporter s ON s.id = am.supporter_id
    WHERE am.region_id = p.region_id AND am.account_id = p.account_id AND am.status = 'ACTIVE') AS active_supporter_account_id
  FROM community.onboarding_plan p
  LEFT JOIN LATERAL (SELECT cm.id, cm.full_name, cm.phone, cm.provided_organization_ids FROM community.mentorship cm
    WHERE cm.region_id = p.region_id AND cm.account_id = p.account_id ORDER BY cm.created_at DESC LIMIT 1) contact ON true`;

const guideView = (r: any): GuideView => ({
  id: r.id, regionId: r.region_id, category: r.category, title: r.title, body: r.body, status: r.status, updatedAt: r.updated_at,
});
const GUIDE_COLUMNS = 'g.id, g.region_id, g.category, g.title, g.body, g.status, g.updated_at';

const empty = <T>(first: number, after?: string | null): ConnectionShape<T> => toConnection<T>([], first, after, 0, () => []);

/** community's read side: typed rows for the screens, plain SQL, never a change of state. */
@Injectable()
export class CommunityReadModel {
  constructor(private readonly uow: UnitOfWork) {}

  private get db() {
    return this.uow;
  }

  /**
   * A keyset page over `from` (which selects `page_key`, the order's timestamp as text),
   * first + 1 rows, and a count that runs only when the client selects totalCount.
   */
  private async page<R extends { id: string }, V extends { id: string }>(
    spec: {
      from: string; alias: string; orderColumn: string; where: string[]; values: unknown[]; countFrom: string;
      direction: 'ASC' | 'DESC'; first: number; after?: string | null; view: (r: R) => V;
    },
  ): Promise<ConnectionShape<V>> {
    const values = [...spec.values];
    const param = (v: unknown) => {
      values.push(v);
      return `$${values.length}`;
    };
    const filters = spec.where.length ? spec.where.join(' AND ') : 'TRUE';
    const countValues = [...values];
    const pageWhere = [filters];
    const col = `${spec.alias}.${spec.orderColumn}`;
    if (spec.after) {
      const [key, id] = decodeTimeCursor(spec.after);
      const op = spec.direction === 'DESC' ? '<' : '>';
      pageWhere.push(`(${col}, ${spec.alias}.id) ${op} (${param(key)}::timestamptz, ${param(id)}::uuid)`);
    }
    const rows: Array<Keyed<R>> = await this.db.query(
      `${spec.from} WHERE ${pageWhere.join(' AND ')} ORDER BY ${col} ${spec.direction}, ${spec.alias}.id ${spec.direction} LIMIT ${param(spec.first + 1)}`,
      values,
    );
    const db = this.db;
    const total = async () =>
      ((await db.query(`SELECT count(*)::int AS total FROM ${spec.countFrom} WHERE ${filters}`, countValues)) as Array<{ total: number }>)[0].total;
    const keys = new Map(rows.map((r) => [r.id, r.page_key]));
    return toConnection(rows.map(spec.view), spec.first, spec.after, total, (v) => [keys.get(v.id)!, v.id]);
  }

  // Roles

  async searchRoles(criteria: RoleCriteria, visibility: Visibility, first: number, after?: string | null): Promise<ConnectionShape<RoleView>> {
    const where: string[] = [];
    const values: unknown[] = [];
    const param = (v: unknown) => {
      values.push(v);
      return `$${values.length}`;
    };
    if (criteria.statuses?.length) where.push(`r.status = ANY(${param(criteria.statuses)}::text[])`);
    if (!visibility.all) {
      if (visibility.regions.length === 0) where.push(`r.status <> 'DRAFT'`);
      else where.push(`(r.status <> 'DRAFT' OR r.region_id = ANY(${param(visibility.regions)}::uuid[]))`);
    }
    if (criteria.regionId != null) {
      if (!isId(criteria.regionId)) return empty(first, after);
      where.push(`r.region_id = ${param(criteria.regionId)}`);
    }
    if (criteria.categories?.length) where.push(`r.category = ANY(${param(criteria.categories)}::text[])`);
    if (criteria.onsite != null) where.push(`r.onsite = ${param(criteria.onsite)}`);
    if (criteria.maxHoursPerMonth != null) where.push(`r.hours_per_month <= ${param(criteria.maxHoursPerMonth)}`);
    where.push(...textSearchPredicates('community', 'r', criteria.text, param));
    return this.page({
      from: `SELECT ${ROLE_COLUMNS}, r.created_at::text AS page_key FROM community.role r`, alias: 'r', orderColumn: 'created_at',
      where, values, countFrom: 'community.role r', direction: 'DESC', first, after, view: roleView,
    });
  }

  async rolesByIds(ids: readonly string[]): Promise<RoleView[]> {
    const valid = ids.filter(isId);
    if (valid.length === 0) return [];
    const rows = await this.db.query(`SELECT ${ROLE_COLUMNS} FROM community.role r WHERE r.id = ANY($1::uuid[])`, [valid]);
    return rows.map(roleView);
  }

  /** The account's live applications to these roles. */
  async liveApplications(accountId: string, roleIds: readonly string[]): Promise<ApplicationView[]> {
    const valid = roleIds.filter(isId);
    if (valid.length === 0) return [];
    const rows = await this.db.query(
      `${APPLICATION_FROM} WHERE a.account_id = $1 AND a.role_id = ANY($2::uuid[]) AND a.status IN ('APPLIED', 'ACCEPTED')`,
      [accountId, valid],
    );
    return rows.map(applicationView);
  }

  async applicationById(id: string): Promise<ApplicationView | null> {
    if (!isId(id)) return null;
    const rows = await this.db.query(`${APPLICATION_FROM} WHERE a.id = $1`, [id]);
    return rows[0] ? applicationView(rows[0]) : null;
  }

  async applicationsOf(accountId: string): Promise<ApplicationView[]> {
    const rows = await this.db.query(`${APPLICATION_FROM} WHERE a.account_id = $1 ORDER BY a.created_at DESC, a.id DESC LIMIT 500`, [accountId]);
    return rows.map(applicationView);
  }

  roleApplications(roleId: string, first: number, after?: string | null): Promise<ConnectionShape<ApplicationView>> {
    return this.page({
      from: APPLICATION_FROM, alias: 'a', orderColumn: 'created_at', where: ['a.role_id = $1'], values: [roleId],
      countFrom: 'community.role_application a', direction: 'ASC', first, after, view: applicationView,
    });
  }

  // Supporters and mentorships

  async supporters(regionId: string, listedOnly: boolean): Promise<SupporterView[]> {
    if (!isId(regionId)) return [];
    const rows = await this.db.query(
      `SELECT ${SUPPORTER_COLUMNS} FROM community.supporter WHERE region_id = $1 ${listedOnly ? 'AND approved AND active' : ''}
        ORDER BY created_at, id`,
      [regionId],
    );
    return rows.map(supporterView);
  }

  async supportersByIds(ids: readonly string[]): Promise<SupporterView[]> {
    const valid = ids.filter(isId);
    if (valid.length === 0) return [];
    const rows = await this.db.query(`SELECT ${SUPPORTER_COLUMNS} FROM community.supporter WHERE id = ANY($1::uuid[])`, [valid]);
    return rows.map(supporterView);
  }

  async mentorshipById(id: string): Promise<MentorshipView | null> {
    if (!isId(id)) return null;
    const rows = await this.db.query(`${MENTORSHIP_FROM} WHERE m.id = $1`, [id]);
    return rows[0] ? mentorshipView(rows[0]) : null;
  }

  /** As newcomer or as supporter, newest first. */
  async mentorshipsOf(accountId: string): Promise<MentorshipView[]> {
    const rows = await this.db.query(
      `${MENTORSHIP_FROM} WHERE m.account_id = $1 OR s.account_id = $1 ORDER BY m.created_at DESC, m.id DESC LIMIT 500`,
      [accountId],
    );
    return rows.map(mentorshipView);
  }

  mentorships(regionId: string, statuses: MentorshipStatus[] | null | undefined, first: number, after?: string | null): Promise<ConnectionShape<MentorshipView>> {
    const where = ['m.region_id = $1'];
    const values: unknown[] = [regionId];
    if (statuses?.length) {
      values.push(statuses);
      where.push(`m.status = ANY($2::text[])`);
    }
    return this.page({
      from: MENTORSHIP_FROM, alias: 'm', orderColumn: 'created_at', where, values, countFrom: 'community.mentorship m',
      direction: 'ASC', first, after, view: mentorshipView,
    });
  }

  // Onboarding

  async template(regionId: string): Promise<TemplateView | null> {
    if (!isId(regionId)) return null;
    const rows = await this.db.query('SELECT region_id, steps, updated_at FROM community.onboarding_template WHERE region_id = $1', [regionId]);
    return rows[0] ? { regionId: rows[0].region_id, steps: rows[0].steps, updatedAt: rows[0].updated_at } : null;
  }

  async planById(id: string): Promise<PlanView | null> {
    if (!isId(id)) return null;
    const rows = await this.db.query(`${PLAN_FROM} WHERE p.id = $1`, [id]);
    return rows[0] ? planView(rows[0]) : null;
  }

  async plansOf(accountId: string): Promise<PlanView[]> {
    const rows = await this.db.query(`${PLAN_FROM} WHERE p.account_id = $1 ORDER BY p.started_at DESC, p.id DESC`, [accountId]);
    return rows.map(planView);
  }

  plans(regionId: string, first: number, after?: string | null): Promise<ConnectionShape<PlanView>> {
    return this.page({
      from: PLAN_FROM, alias: 'p', orderColumn: 'started_at', where: ['p.region_id = $1'], values: [regionId],
      countFrom: 'community.onboarding_plan p', direction: 'DESC', first, after, view: planView,
    });
  }

  // A person's export (contract 90-privacy)

  /**
   * Everything community holds about an account, as plain JSON values: its applications (with
   * the role's public facts), its mentorships as newcomer, the mentorships it supports (ids,
   * topics and dates: not the newcomer's contact details, which are theirs), its supporter
   * rows and its onboarding plans. Oldest first.
   */
  async personalDataOf(accountId: string): Promise<Record<string, unknown[]>> {
    if (!isId(accountId)) return { roleApplications: [], mentorships: [], supportedMentorships: [], supporterProfiles: [], onboardingPlans: [] };
    const contact = (r: { display_name: string; email: string; full_name: string; phone: string }) => ({
      displayName: r.display_name, fullName: r.full_name || null, email: r.email || null, phone: r.phone || null,
    });
    const applications: any[] = await this.db.query(
      `SELECT a.id, a.role_id, r.title, r.category, r.region_id, r.organization_id, a.display_name, a.email, a.full_name, a.phone,
              a.motivation, a.status, a.created_at, a.updated_at
         FROM community.role_application a JOIN community.role r ON r.id = a.role_id
        WHERE a.account_id = $1 ORDER BY a.created_at, a.id`,
      [accountId],
    );
    const mentorships: any[] = await this.db.query(
      `SELECT m.id, m.region_id, m.display_name, m.email, m.full_name, m.phone, m.topics, m.message, m.supporter_id,
              s.display_name AS supporter_display_name, m.status, m.created_at, m.updated_at
         FROM community.mentorship m LEFT JOIN community.supporter s ON s.id = m.supporter_id
        WHERE m.account_id = $1 ORDER BY m.created_at, m.id`,
      [accountId],
    );
    const supported: any[] = await this.db.query(
      `SELECT m.id, m.region_id, m.supporter_id, m.topics, m.status, m.created_at, m.updated_at
         FROM community.mentorship m JOIN community.supporter s ON s.id = m.supporter_id
        WHERE s.account_id = $1 ORDER BY m.created_at, m.id`,
      [accountId],
    );
    const supporters: any[] = await this.db.query(
      `SELECT ${SUPPORTER_COLUMNS}, created_at, updated_at FROM community.supporter WHERE account_id = $1 ORDER BY created_at, id`,
      [accountId],
    );
    const plans: any[] = await this.db.query(
      `SELECT id, region_id, display_name, email, steps, status, started_at, completed_at
         FROM community.onboarding_plan WHERE account_id = $1 ORDER BY started_at, id`,
      [accountId],
    );
    return {
      roleApplications: applications.map((r) => ({
        id: r.id, role: { id: r.role_id, title: r.title, category: r.category }, regionId: r.region_id, organizationId: r.organization_id,
        applicant: contact(r), motivation: r.motivation, status: r.status, createdAt: exportedDate(r.created_at), updatedAt: exportedDate(r.updated_at),
      })),
      mentorships: mentorships.map((r) => ({
        id: r.id, regionId: r.region_id, newcomer: contact(r), topics: r.topics, message: r.message,
        supporter: r.supporter_id ? { id: r.supporter_id, displayName: r.supporter_display_name } : null, status: r.status,
        createdAt: exportedDate(r.created_at), updatedAt: exportedDate(r.updated_at),
      })),
      supportedMentorships: supported.map((r) => ({
        id: r.id, regionId: r.region_id, supporterId: r.supporter_id, topics: r.topics, status: r.status,
        createdAt: exportedDate(r.created_at), updatedAt: exportedDate(r.updated_at),
      })),
      supporterProfiles: supporters.map((r) => ({
        id: r.id, regionId: r.region_id, displayName: r.display_name, topics: r.topics, bio: r.bio, maxNewcomers: r.max_newcomers,
        activeNewcomers: r.active_newcomers, approved: r.approved, active: r.active, createdAt: exportedDate(r.created_at),
        updatedAt: exportedDate(r.updated_at),
      })),
      onboardingPlans: plans.map((r) => ({
        id: r.id, regionId: r.region_id, newcomer: { displayName: r.display_name, email: r.email || null },
        steps: (r.steps as Array<{ key: string; title: string; doneAt: string | null }>).map((st) => ({ key: st.key, title: st.title, doneAt: st.doneAt })),
        status: r.status, startedAt: exportedDate(r.started_at), completedAt: exportedDate(r.completed_at),
      })),
    };
  }

  // Guides

  async searchGuides(criteria: GuideCriteria, visibility: Visibility, first: number, after?: string | null): Promise<ConnectionShape<GuideView>> {
    const where: string[] = [];
    const values: unknown[] = [];
    const param = (v: unknown) => {
      values.push(v);
      return `$${values.length}`;
    };
    if (criteria.statuses?.length) where.push(`g.status = ANY(${param(criteria.statuses)}::text[])`);
    if (!visibility.all) {
      if (visibility.regions.length === 0) where.push(`g.status = 'PUBLISHED'`);
      else where.push(`(g.status = 'PUBLISHED' OR g.region_id = ANY(${param(visibility.regions)}::uuid[]))`);
    }
    if (criteria.regionId != null) {
      if (!isId(criteria.regionId)) return empty(first, after);
      where.push(`g.region_id = ${param(criteria.regionId)}`);
    }
    if (criteria.category != null && criteria.category.trim() !== '') where.push(`g.category = ${param(criteria.category.trim())}`);
    where.push(...textSearchPredicates('community', 'g', criteria.text, param));
    return this.page({
      from: `SELECT ${GUIDE_COLUMNS}, g.created_at::text AS page_key FROM community.guide g`, alias: 'g', orderColumn: 'created_at',
      where, values, countFrom: 'community.guide g', direction: 'DESC', first, after, view: guideView,
    });
  }

  async guidesByIds(ids: readonly string[]): Promise<GuideView[]> {
    const valid = ids.filter(isId);
    if (valid.length === 0) return [];
    const rows = await this.db.query(`SELECT ${GUIDE_COLUMNS} FROM community.guide g WHERE g.id = ANY($1::uuid[])`, [valid]);
    return rows.map(guideView);
  }
}
