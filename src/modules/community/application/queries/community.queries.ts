import { Injectable } from '@nestjs/common';
import type { Caller } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { CommunityRoleStatus, GuideStatus, type MentorshipStatus } from '#libs/contracts/community/enums.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { isId } from '#libs/ddd/ids.js';
import { pageSize, type ConnectionShape } from '#libs/graphql/connection.js';
import { CommunityReadModel } from '../../infrastructure/community.read-model.js';
import type {
  ApplicationView,
  GuideCriteria,
  GuideView,
  MentorshipView,
  PlanView,
  RoleCriteria,
  RoleView,
  SupporterView,
  TemplateView,
} from './community.views.js';
import { CommunityPolicy } from '../community.policy.js';

/**
 * community's queries: who may read what (the policy) over the read model. Hidden and
 * missing look the same (NOT_FOUND): the public must not learn that a draft exists.
 */
@Injectable()
export class CommunityQueries {
  constructor(private readonly read: CommunityReadModel) {}

  searchRoles(caller: Caller | null, criteria: RoleCriteria, first?: number | null, after?: string | null): Promise<ConnectionShape<RoleView>> {
    return this.read.searchRoles(criteria, CommunityPolicy.visibility(caller), pageSize(first), after);
  }

  async role(caller: Caller | null, id: string): Promise<RoleView> {
    const [role] = await this.read.rolesByIds([id]);
    if (!role || (role.status === CommunityRoleStatus.DRAFT && !CommunityPolicy.seesHidden(caller, role.regionId))) {
      throw new NotFoundError('Community role', id);
    }
    return role;
  }

  /** For a field of something the caller already sees (an application's role). */
  rolesByIds(ids: readonly string[]): Promise<RoleView[]> {
    return this.read.rolesByIds(ids);
  }

  liveApplications(accountId: string, roleIds: readonly string[]): Promise<ApplicationView[]> {
    return this.read.liveApplications(accountId, roleIds);
  }

  /** An application for its applicant or the role's organization's staff (after a command, say). */
  async application(caller: Caller | null, id: string): Promise<ApplicationView> {
    const known = requireCaller(caller);
    const a = await this.read.applicationById(id);
    if (!a || !CommunityPolicy.seesApplicantContact(known, a)) throw new NotFoundError('Role application', id);
    return a;
  }

  myApplications(caller: Caller | null): Promise<ApplicationView[]> {
    return this.read.applicationsOf(requireCaller(caller).accountId);
  }

  async roleApplications(caller: Caller | null, roleId: string, first?: number | null, after?: string | null): Promise<ConnectionShape<ApplicationView>> {
    requireCaller(caller);
    const size = pageSize(first);
    const [role] = await this.read.rolesByIds([roleId]);
    if (!role) throw new NotFoundError('Community role', roleId);
    CommunityPolicy.readRoleApplications(caller, role.organizationId);
    return this.read.roleApplications(role.id, size, after);
  }

  supporters(regionId: string): Promise<SupporterView[]> {
    return this.read.supporters(regionId, true);
  }

  async regionSupporters(caller: Caller | null, regionId: string): Promise<SupporterView[]> {
    CommunityPolicy.readRegion(caller, regionId);
    return this.read.supporters(regionId, false);
  }

  /** A supporter after a command: the supporter themselves, or the region's staff; listed ones for anyone. */
  async supporter(caller: Caller | null, id: string): Promise<SupporterView> {
    const [s] = await this.read.supportersByIds([id]);
    const sees = s && ((s.approved && s.active) || caller?.accountId === s.accountId || CommunityPolicy.seesHidden(caller, s.regionId));
    if (!s || !sees) throw new NotFoundError('Supporter', id);
    return s;
  }

  supportersByIds(ids: readonly string[]): Promise<SupporterView[]> {
    return this.read.supportersByIds(ids);
  }

  async mentorship(caller: Caller | null, id: string): Promise<MentorshipView> {
    const known = requireCaller(caller);
    const m = await this.read.mentorshipById(id);
    const sees = m && (m.accountId === known.accountId || CommunityPolicy.seesHidden(known, m.regionId) || (m.supporterId !== null && (await this.isSupporterAccount(m.supporterId, known.accountId))));
    if (!m || !sees) throw new NotFoundError('Mentorship', id);
    return m;
  }

  private async isSupporterAccount(supporterId: string, accountId: string): Promise<boolean> {
    const [s] = await this.read.supportersByIds([supporterId]);
    return s?.accountId === accountId;
  }

  myMentorships(caller: Caller | null): Promise<MentorshipView[]> {
    return this.read.mentorshipsOf(requireCaller(caller).accountId);
  }

  async mentorships(
    caller: Caller | null,
    regionId: string,
    statuses: MentorshipStatus[] | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<ConnectionShape<MentorshipView>> {
    CommunityPolicy.readRegion(caller, regionId);
    return this.read.mentorships(regionId, statuses, pageSize(first), after);
  }

  async template(regionId: string): Promise<TemplateView | null> {
    return this.read.template(regionId);
  }

  async requireTemplate(regionId: string): Promise<TemplateView> {
    const t = await this.read.template(regionId);
    if (!t) throw new NotFoundError('Onboarding template', regionId);
    return t;
  }

  myPlans(caller: Caller | null): Promise<PlanView[]> {
    return this.read.plansOf(requireCaller(caller).accountId);
  }

  async plan(caller: Caller | null, id: string): Promise<PlanView> {
    const known = requireCaller(caller);
    const p = await this.read.planById(id);
    if (!p || !CommunityPolicy.seesPlan(known, { newcomerAccountId: p.accountId, regionId: p.regionId, activeSupporterAccountId: p.activeSupporterAccountId })) {
      throw new NotFoundError('Onboarding plan', id);
    }
    return p;
  }

  async plans(caller: Caller | null, regionId: string, first?: number | null, after?: string | null): Promise<ConnectionShape<PlanView>> {
    CommunityPolicy.readRegion(caller, regionId);
    return this.read.plans(regionId, pageSize(first), after);
  }

  searchGuides(caller: Caller | null, criteria: GuideCriteria, first?: number | null, after?: string | null): Promise<ConnectionShape<GuideView>> {
    return this.read.searchGuides(criteria, CommunityPolicy.visibility(caller), pageSize(first), after);
  }

  async guide(caller: Caller | null, id: string): Promise<GuideView> {
    const [g] = isId(id) ? await this.read.guidesByIds([id]) : [];
    if (!g || !this.seesGuide(caller, g)) throw new NotFoundError('Guide', id);
    return g;
  }

  seesGuide(caller: Caller | null, g: GuideView): boolean {
    return g.status === GuideStatus.PUBLISHED || CommunityPolicy.seesHidden(caller, g.regionId);
  }

  guidesByIds(ids: readonly string[]): Promise<GuideView[]> {
    return this.read.guidesByIds(ids);
  }
}
