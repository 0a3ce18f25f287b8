import { Injectable } from '@nestjs/common';
import { isId, newId } from '#libs/ddd/ids.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { AggregateStore } from '#libs/messaging/aggregate-store.js';
import { ErasedAccounts } from '#libs/messaging/erased-accounts.js';
import { UnitOfWork, pgErrorCode } from '#libs/messaging/unit-of-work.js';
import { MentorshipStarted, RoleApplicationAccepted } from '#libs/contracts/community/events.js';
import type { ProvisionFact } from '#libs/contracts/privacy/events.js';
import type {
  CommunityRoleStatus,
  GuideStatus,
  MentorshipStatus,
  OnboardingStatus,
  RoleApplicationStatus,
  RoleCategory,
} from '#libs/contracts/community/enums.js';
import { CommunityRole } from '../domain/community-role.aggregate.js';
import { Guide } from '../domain/guide.aggregate.js';
import { Mentorship } from '../domain/mentorship.aggregate.js';
import { OnboardingPlan, OnboardingTemplate, type PlanStep, type StepTemplate } from '../domain/onboarding.aggregate.js';
import { RoleApplication } from '../domain/role-application.aggregate.js';
import { Supporter } from '../domain/supporter.aggregate.js';

const SOURCE = 'community';

/** A lock taken while loading, for commands that must queue behind others (see the migration's lock order). */
export type Lock = 'none' | 'share' | 'update';
const lockSql = (lock: Lock) => (lock === 'update' ? ' FOR UPDATE' : lock === 'share' ? ' FOR SHARE' : '');

/** A unique violation in this transaction's write: another request won (one live application…). */
export class DuplicateLive extends Error {}

interface RoleRow {
  id: string; organization_id: string; region_id: string; category: RoleCategory; title: string; description: string;
  hours_per_month: number; onsite: boolean; seats: number; accepted_count: number; status: CommunityRoleStatus;
  starts_on: string | null; created_at: Date; updated_at: Date; version: number;
}
interface ApplicationRow {
  id: string; role_id: string; account_id: string; display_name: string; email: string; full_name: string; phone: string;
  motivation: string; status: RoleApplicationStatus; created_at: Date; updated_at: Date; version: number;
  r_region_id: string; r_organization_id: string; r_category: RoleCategory; r_title: string; r_status: CommunityRoleStatus;
  r_seats_left: number;
}
interface SupporterRow {
  id: string; region_id: string; account_id: string; display_name: string; topics: string[]; bio: string; max_newcomers: number;
  active_newcomers: number; approved: boolean; active: boolean; created_at: Date; updated_at: Date; version: number;
}
interface MentorshipRow {
  id: string; region_id: string; account_id: string; display_name: string; email: string; full_name: string; phone: string;
  topics: string[]; message: string | null; supporter_id: string | null; provided_organization_ids: string[] | null;
  status: MentorshipStatus; created_at: Date; updated_at: Date; version: number;
}
interface TemplateRow { id: string; region_id: string; steps: StepTemplate[]; updated_at: Date; version: number }
interface PlanRow {
  id: string; region_id: string; account_id: string; display_name: string; email: string;
  steps: Array<StepTemplate & { doneAt: string | null }>; status: OnboardingStatus; started_at: Date; completed_at: Date | null;
  version: number;
}
interface GuideRow {
  id: string; region_id: string; category: string; title: string; body: string; status: GuideStatus; created_at: Date;
  updated_at: Date; version: number;
}

const toRole = (r: RoleRow) =>
  CommunityRole.restore(r.id, r.version, {
    organizationId: r.organization_id, regionId: r.region_id, category: r.category, title: r.title, description: r.description,
    hoursPerMonth: r.hours_per_month, onsite: r.onsite, seats: r.seats, acceptedCount: r.accepted_count, status: r.status,
    startsOn: r.starts_on, createdAt: r.created_at, updatedAt: r.updated_at,
  });

const toApplication = (r: ApplicationRow) =>
  RoleApplication.restore(r.id, r.version, {
    role: {
      id: r.role_id, regionId: r.r_region_id, organizationId: r.r_organization_id, category: r.r_category, title: r.r_title,
      status: r.r_status, seatsLeft: r.r_seats_left,
    },
    applicant: { accountId: r.account_id, displayName: r.display_name, email: r.email, fullName: r.full_name, phone: r.phone },
    motivation: r.motivation, status: r.status, createdAt: r.created_at, updatedAt: r.updated_at,
  });

const toSupporter = (r: SupporterRow) =>
  Supporter.restore(r.id, r.version, {
    regionId: r.region_id, accountId: r.account_id, displayName: r.display_name, topics: r.topics, bio: r.bio,
    maxNewcomers: r.max_newcomers, activeNewcomers: r.active_newcomers, approved: r.approved, active: r.active,
    createdAt: r.created_at, updatedAt: r.updated_at,
  });

const toMentorship = (r: MentorshipRow) =>
  Mentorship.restore(r.id, r.version, {
    regionId: r.region_id,
    newcomer: { accountId: r.account_id, displayName: r.display_name, email: r.email, fullName: r.full_name, phone: r.phone },
    topics: r.topics, message: r.message, supporterId: r.supporter_id, providedOrganizationIds: r.provided_organization_ids,
    status: r.status, createdAt: r.created_at, updatedAt: r.updated_at,
  });

const toPlan = (r: PlanRow) =>
  OnboardingPlan.restore(r.id, r.version, {
    regionId: r.region_id,
    newcomer: { accountId: r.account_id, displayName: r.display_name, email: r.email },
    steps: r.steps.map((s): PlanStep => ({ ...s, doneAt: s.doneAt === null ? null : new Date(s.doneAt) })),
    status: r.status, startedAt: r.started_at, completedAt: r.completed_at,
  });

const toGuide = (r: GuideRow) =>
  Guide.restore(r.id, r.version, {
    regionId: r.region_id, category: r.category, title: r.title, body: r.body, status: r.status, createdAt: r.created_at, updatedAt: r.updated_at,
  });

/** What an erasure of an account touches in community, one aggregate each. */
export type ErasureTargetKind = 'APPLICATION' | 'MENTORSHIP' | 'SUPPORTER' | 'PLAN';

/** What the one-statement acceptance answered. */
export type AcceptOutcome = 'NOT_FOUND' | 'NOT_APPLIED' | 'ROLE_NOT_OPEN' | 'ROLE_FULL' | 'ACCEPTED';
/** What the one-statement assignment answered. */
export type AssignOutcome = 'NOT_FOUND' | 'SUPPORTER_NOT_FOUND' | 'SELF' | 'NOT_REQUESTED' | 'SUPPORTER_UNAVAILABLE' | 'SUPPORTER_FULL' | 'STARTED';

/** The community aggregates (schema `community`); saving writes their events to the outbox. */
@Injectable()
export class CommunityRepository {
  private readonly store: AggregateStore;

  /** The person's lock and the erased accounts of schema `community` (contract 90-privacy). */
  private readonly erased: ErasedAccounts;

  constructor(private readonly uow: UnitOfWork) {
    this.erased = new ErasedAccounts(uow, 'community');
    this.store = new AggregateStore(uow, SOURCE);
  }

  private get db() {
    return this.uow.manager;
  }

  private async one<R>(sql: string, params: unknown[]): Promise<R | null> {
    const rows: R[] = await this.db.query(sql, params);
    return rows[0] ?? null;
  }

  // People

  /** Takes the person's lock and refuses an erased account (ErasedAccounts). */
  refuseErased(accountId: string): Promise<void> {
    return this.erased.refuseErased(accountId);
  }

  /** Notes the erasure (once; the first time is kept). */
  markErased(accountId: string, at: Date): Promise<void> {
    return this.erased.markErased(accountId, at);
  }

  // Roles and applications

  async findRole(id: string, lock: Lock = 'none'): Promise<CommunityRole | null> {
    if (!isId(id)) return null;
    const row = await this.one<RoleRow>(`SELECT * FROM community.role WHERE id = $1${lockSql(lock)}`, [id]);
    return row && toRole(row);
  }

  /** Saves the role; closing it declines the applications still APPLIED, in the same transaction. */
  async saveRole(role: CommunityRole, options: { declineApplied?: boolean } = {}): Promise<void> {
    const s = role.state;
    try {
      await this.store.save(role, {
        table: 'community.role',
        what: 'The role',
        columns: {
          category: s.category, title: s.title, description: s.description, hours_per_month: s.hoursPerMonth, onsite: s.onsite,
          seats: s.seats, status: s.status, starts_on: s.startsOn, updated_at: s.updatedAt,
        },
        insertOnly: { organization_id: s.organizationId, region_id: s.regionId, created_at: s.createdAt },
        alsoWrite: options.declineApplied
          ? async () => {
              // The role is locked by this command, and every command on its applications locks it first.
              const declined: Array<{ id: string; account_id: string }> = await this.db.query(
                `UPDATE community.role_application SET status = 'DECLINED', updated_at = $2
                  WHERE role_id = $1 AND status = 'APPLIED' RETURNING id, account_id`,
                [role.id, s.updatedAt],
              ).then((r: [Array<{ id: string; account_id: string }>, number]) => r[0]);
              role.declinedOnClose(declined.map((d) => ({ applicationId: d.id, accountId: d.account_id })), s.updatedAt);
            }
          : undefined,
      });
    } catch (error) {
      // seats below the accepted count: the CHECK decides even against a concurrent acceptance.
      if (pgErrorCode(error) === '23514') throw InvalidInputError.field('seats', 'must not be below the accepted applications');
      throw error;
    }
  }

  async findApplication(id: string, lock: Lock = 'none'): Promise<RoleApplication | null> {
    if (!isId(id)) return null;
    const row = await this.one<ApplicationRow>(
      `SELECT a.*, r.region_id AS r_region_id, r.organization_id AS r_organization_id, r.category AS r_category,
              r.title AS r_title, r.status AS r_status, r.seats - r.accepted_count AS r_seats_left
         FROM community.role_application a JOIN community.role r ON r.id = a.role_id
        WHERE a.id = $1${lock === 'none' ? '' : lockSql(lock) + ' OF a'}`,
      [id],
    );
    return row && toApplication(row);
  }

  /** The person's APPLIED or ACCEPTED application to the role, if any. */
  async findLiveApplicationId(roleId: string, accountId: string): Promise<string | null> {
    const row = await this.one<{ id: string }>(
      `SELECT id FROM community.role_application WHERE role_id = $1 AND account_id = $2 AND status IN ('APPLIED', 'ACCEPTED')`,
      [roleId, accountId],
    );
    return row?.id ?? null;
  }

  /** Saves an application; a freed seat is given back to the role in the same transaction. */
  async saveApplication(application: RoleApplication, options: { freedSeat?: boolean } = {}): Promise<void> {
    const s = application.state;
    await this.store.save(application, {
      table: 'community.role_application',
      what: 'The application',
      // The contact details and the motivation change only on erasure; written with every change all the same.
      columns: {
        status: s.status, updated_at: s.updatedAt, display_name: s.applicant.displayName, email: s.applicant.email,
        full_name: s.applicant.fullName, phone: s.applicant.phone, motivation: s.motivation,
      },
      insertOnly: { role_id: s.role.id, account_id: s.applicant.accountId, created_at: s.createdAt },
      onDuplicate: () => new DuplicateLive(),
      alsoWrite: options.freedSeat
        ? async () => {
            await this.db.query('UPDATE community.role SET accepted_count = accepted_count - 1 WHERE id = $1', [s.role.id]);
          }
        : undefined,
    });
  }

  /** APPLIED -> ACCEPTED, seats decided by the database in one statement (community.accept_role_application). */
  async acceptApplication(applicationId: string): Promise<{ outcome: AcceptOutcome; status: string | null }> {
    const [row] = await this.uow.runStatement<{ outcome: AcceptOutcome; status: string | null }>(
      'SELECT * FROM community.accept_role_application($1, $2, $3, $4::jsonb)',
      [applicationId, new Date(), newId(), JSON.stringify(this.uow.outboxTarget(SOURCE, RoleApplicationAccepted))],
      ([r]) => r?.outcome === 'ACCEPTED',
    );
    return row;
  }

  // Supporters and mentorships

  async findSupporter(id: string, lock: Lock = 'none'): Promise<Supporter | null> {
    if (!isId(id)) return null;
    const row = await this.one<SupporterRow>(`SELECT * FROM community.supporter WHERE id = $1${lockSql(lock)}`, [id]);
    return row && toSupporter(row);
  }

  async findSupporterIdOf(regionId: string, accountId: string): Promise<string | null> {
    const row = await this.one<{ id: string }>('SELECT id FROM community.supporter WHERE region_id = $1 AND account_id = $2', [regionId, accountId]);
    return row?.id ?? null;
  }

  async saveSupporter(supporter: Supporter): Promise<void> {
    const s = supporter.state;
    try {
      await this.store.save(supporter, {
        table: 'community.supporter',
        what: 'The supporter',
        columns: {
          topics: s.topics, bio: s.bio, max_newcomers: s.maxNewcomers, approved: s.approved, active: s.active, updated_at: s.updatedAt,
          display_name: s.displayName, // changes only on erasure
        },
        insertOnly: { region_id: s.regionId, account_id: s.accountId, created_at: s.createdAt },
        onDuplicate: () => new DuplicateLive(),
      });
    } catch (error) {
      if (pgErrorCode(error) === '23514') throw InvalidInputError.field('maxNewcomers', 'must not be below the newcomers they support now');
      throw error;
    }
  }

  async findMentorship(id: string, lock: Lock = 'none'): Promise<Mentorship | null> {
    if (!isId(id)) return null;
    const row = await this.one<MentorshipRow>(`SELECT * FROM community.mentorship WHERE id = $1${lockSql(lock)}`, [id]);
    return row && toMentorship(row);
  }

  async findLiveMentorshipId(regionId: string, accountId: string): Promise<string | null> {
    const row = await this.one<{ id: string }>(
      `SELECT id FROM community.mentorship WHERE region_id = $1 AND account_id = $2 AND status IN ('REQUESTED', 'ACTIVE')`,
      [regionId, accountId],
    );
    return row?.id ?? null;
  }

  /** Saves a mentorship; ending an ACTIVE one gives the supporter's place back in the same transaction. */
  async saveMentorship(mentorship: Mentorship, options: { freedSupporterId?: string | null } = {}): Promise<void> {
    const s = mentorship.state;
    const freed = options.freedSupporterId;
    await this.store.save(mentorship, {
      table: 'community.mentorship',
      what: 'The mentorship',
      // The contact details and the message change only on erasure; written with every change all the same.
      columns: {
        status: s.status, supporter_id: s.supporterId, updated_at: s.updatedAt, display_name: s.newcomer.displayName,
        email: s.newcomer.email, full_name: s.newcomer.fullName, phone: s.newcomer.phone, message: s.message,
      },
      insertOnly: {
        region_id: s.regionId, account_id: s.newcomer.accountId, topics: s.topics, provided_organization_ids: s.providedOrganizationIds,
        created_at: s.createdAt,
      },
      onDuplicate: () => new DuplicateLive(),
      alsoWrite: freed
        ? async () => {
            await this.db.query('UPDATE community.supporter SET active_newcomers = active_newcomers - 1 WHERE id = $1', [freed]);
          }
        : undefined,
    });
  }

  /**
   * REQUESTED -> ACTIVE, the supporter's limit decided by the database in one statement
   * (community.assign_supporter); `provided` goes into MentorshipStarted as it is.
   */
  async assignSupporter(
    mentorshipId: string,
    supporterId: string,
    organizationId: string,
    provided: ProvisionFact[],
  ): Promise<{ outcome: AssignOutcome; status: string | null }> {
    const outbox = { ...this.uow.outboxTarget(SOURCE, MentorshipStarted), provided };
    const [row] = await this.uow.runStatement<{ outcome: AssignOutcome; status: string | null }>(
      'SELECT * FROM community.assign_supporter($1, $2, $3, $4, $5, $6::jsonb)',
      [mentorshipId, supporterId, organizationId, new Date(), newId(), JSON.stringify(outbox)],
      ([r]) => r?.outcome === 'STARTED',
    );
    return row;
  }

  /**
   * What community holds about an erased account that still holds something, in the order it
   * is to be erased: applications, mentorships as newcomer (live, or with contact details or
   * a message left), ACTIVE mentorships as supporter, supporter rows not yet deactivated and
   * emptied, plans with a name or email left. None, on a redelivery of the erasure.
   */
  async erasureTargetsOf(accountId: string, erasedName: string): Promise<Array<{ kind: ErasureTargetKind; id: string }>> {
    if (!isId(accountId)) return [];
    return this.db.query(
      `SELECT kind, id FROM (
         SELECT 1 AS step, 'APPLICATION' AS kind, id, created_at FROM community.role_application
          WHERE account_id = $1 AND (status IN ('APPLIED', 'ACCEPTED') OR display_name <> $2 OR email <> '' OR full_name <> ''
                                     OR phone <> '' OR motivation <> '')
         UNION ALL
         SELECT 2, 'MENTORSHIP', id, created_at FROM community.mentorship
          WHERE account_id = $1 AND (status IN ('REQUESTED', 'ACTIVE') OR display_name <> $2 OR email <> '' OR full_name <> ''
                                     OR phone <> '' OR message IS NOT NULL)
         UNION ALL
         SELECT 3, 'MENTORSHIP', m.id, m.created_at FROM community.mentorship m JOIN community.supporter s ON s.id = m.supporter_id
          WHERE s.account_id = $1 AND m.status = 'ACTIVE'
         UNION ALL
         SELECT 4, 'SUPPORTER', id, created_at FROM community.supporter
          WHERE account_id = $1 AND (active OR display_name <> $2 OR bio <> '')
         UNION ALL
         SELECT 5, 'PLAN', id, started_at FROM community.onboarding_plan
          WHERE account_id = $1 AND (display_name <> $2 OR email <> '')
       ) targets ORDER BY step, created_at, id`,
      [accountId, erasedName],
    );
  }

  /** The account of the newcomer's ACTIVE supporter in the region, if any. */
  async activeSupporterAccountOf(regionId: string, newcomerAccountId: string): Promise<string | null> {
    const row = await this.one<{ account_id: string }>(
      `SELECT s.account_id FROM community.mentorship m JOIN community.supporter s ON s.id = m.supporter_id
        WHERE m.region_id = $1 AND m.account_id = $2 AND m.status = 'ACTIVE'`,
      [regionId, newcomerAccountId],
    );
    return row?.account_id ?? null;
  }

  // Onboarding

  async findTemplate(regionId: string, lock: Lock = 'none'): Promise<OnboardingTemplate | null> {
    if (!isId(regionId)) return null;
    const row = await this.one<TemplateRow>(`SELECT * FROM community.onboarding_template WHERE region_id = $1${lockSql(lock)}`, [regionId]);
    return row && OnboardingTemplate.restore(row.region_id, row.version, row.steps, row.updated_at);
  }

  async saveTemplate(template: OnboardingTemplate): Promise<void> {
    await this.store.save(template, {
      table: 'community.onboarding_template',
      what: 'The onboarding template',
      columns: { steps: JSON.stringify(template.steps), updated_at: template.updatedAt },
      insertOnly: { region_id: template.regionId },
      onDuplicate: () => new DuplicateLive(),
    });
  }

  async findPlan(id: string, lock: Lock = 'none'): Promise<OnboardingPlan | null> {
    if (!isId(id)) return null;
    const row = await this.one<PlanRow>(`SELECT * FROM community.onboarding_plan WHERE id = $1${lockSql(lock)}`, [id]);
    return row && toPlan(row);
  }

  async findPlanIdOf(regionId: string, accountId: string): Promise<string | null> {
    const row = await this.one<{ id: string }>('SELECT id FROM community.onboarding_plan WHERE region_id = $1 AND account_id = $2', [regionId, accountId]);
    return row?.id ?? null;
  }

  async savePlan(plan: OnboardingPlan): Promise<void> {
    const s = plan.state;
    await this.store.save(plan, {
      table: 'community.onboarding_plan',
      what: 'The onboarding plan',
      columns: {
        steps: JSON.stringify(s.steps.map((st) => ({ ...st, doneAt: st.doneAt?.toISOString() ?? null }))),
        status: s.status, completed_at: s.completedAt,
        display_name: s.newcomer.displayName, email: s.newcomer.email, // change only on erasure
      },
      insertOnly: { region_id: s.regionId, account_id: s.newcomer.accountId, started_at: s.startedAt },
      onDuplicate: () => new DuplicateLive(),
    });
  }

  // Guides

  async findGuide(id: string, lock: Lock = 'none'): Promise<Guide | null> {
    if (!isId(id)) return null;
    const row = await this.one<GuideRow>(`SELECT * FROM community.guide WHERE id = $1${lockSql(lock)}`, [id]);
    return row && toGuide(row);
  }

  /** The ids among `ids` that are guides of the region. */
  async guidesOfRegion(ids: string[], regionId: string): Promise<Set<string>> {
    const valid = ids.filter(isId);
    if (valid.length === 0) return new Set();
    const rows: Array<{ id: string }> = await this.db.query('SELECT id FROM community.guide WHERE id = ANY($1::uuid[]) AND region_id = $2', [valid, regionId]);
    return new Set(rows.map((r) => r.id));
  }

  async saveGuide(guide: Guide): Promise<void> {
    const s = guide.state;
    await this.store.save(guide, {
      table: 'community.guide',
      what: 'The guide',
      columns: { category: s.category, title: s.title, body: s.body, status: s.status, updated_at: s.updatedAt },
      insertOnly: { region_id: s.regionId, created_at: s.createdAt },
    });
  }
}
