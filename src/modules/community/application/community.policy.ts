import { Capability, type Caller } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { ForbiddenError } from '#libs/ddd/errors.js';
import type { EndedBy } from '../domain/mentorship.aggregate.js';

/** Beyond what the public sees: everything for an ADMIN, the COMMUNITY_MANAGE regions for staff. */
export type Visibility = { all: true } | { all: false; regions: string[] };

/**
 * Who may do what in community (contract 60-community): a role and its applications are run
 * by staff of the role's organization (which holds COMMUNITY_MANAGE); supporters,
 * mentorships, the template and guides by staff of any COMMUNITY_MANAGE organization of the
 * region. Contact details: the person, an ADMIN, staff of the organizations the person's act
 * was addressed to (a provision record each), and the ACTIVE supporter.
 */
export const CommunityPolicy = {
  /** Creating and running a role of `organizationId`. */
  manageRole(caller: Caller | null, organizationId: string): Caller {
    const known = requireCaller(caller);
    if (!known.canFor(Capability.COMMUNITY_MANAGE, organizationId)) {
      throw new ForbiddenError("Only staff of the role's organization, with COMMUNITY_MANAGE, may do this");
    }
    return known;
  },

  /** Reading a role's applications: its organization's staff, or an ADMIN. */
  readRoleApplications(caller: Caller | null, organizationId: string): Caller {
    const known = requireCaller(caller);
    if (!known.isAdmin && !known.canFor(Capability.COMMUNITY_MANAGE, organizationId)) {
      throw new ForbiddenError("Only staff of the role's organization may see its applications");
    }
    return known;
  },

  /** Supporters, mentorships, the template and guides of `regionId`. */
  manageRegion(caller: Caller | null, regionId: string): Caller {
    const known = requireCaller(caller);
    if (!known.can(Capability.COMMUNITY_MANAGE, regionId)) {
      throw new ForbiddenError('Only staff with COMMUNITY_MANAGE in the region may do this');
    }
    return known;
  },

  /** Reading the region's lists: its COMMUNITY_MANAGE staff, or an ADMIN. */
  readRegion(caller: Caller | null, regionId: string): Caller {
    const known = requireCaller(caller);
    if (!known.isAdmin && !known.can(Capability.COMMUNITY_MANAGE, regionId)) {
      throw new ForbiddenError('Only staff with COMMUNITY_MANAGE in the region may see this');
    }
    return known;
  },

  /** DRAFT roles and unpublished guides: everything for an ADMIN, the COMMUNITY_MANAGE regions for staff. */
  visibility(caller: Caller | null): Visibility {
    if (caller?.isAdmin) return { all: true };
    return { all: false, regions: caller ? caller.regionsWith(Capability.COMMUNITY_MANAGE) : [] };
  },

  seesHidden(caller: Caller | null, regionId: string): boolean {
    return !!caller && (caller.isAdmin || caller.can(Capability.COMMUNITY_MANAGE, regionId));
  },

  /** An applicant's fullName, email and phone: the applicant, an ADMIN, the role's organization's staff. */
  seesApplicantContact(caller: Caller | null, application: { accountId: string; organizationId: string }): boolean {
    if (!caller) return false;
    return caller.accountId === application.accountId || caller.isAdmin || caller.canFor(Capability.COMMUNITY_MANAGE, application.organizationId);
  },

  /**
   * A newcomer's fullName, email and phone (mentorships, plans): the newcomer, an ADMIN, their
   * supporter while the mentorship is ACTIVE, and COMMUNITY_MANAGE staff of the organizations
   * the mentorship request gave them to (contract 90-privacy: a provision record for each;
   * none without a request). `providedOrganizationIds` null: a mentorship asked for before
   * the records, seen by the region's COMMUNITY_MANAGE staff as then.
   */
  seesNewcomerContact(
    caller: Caller | null,
    newcomer: { accountId: string; regionId: string; activeSupporterAccountId: string | null; providedOrganizationIds: readonly string[] | null },
  ): boolean {
    if (!caller) return false;
    const provided = newcomer.providedOrganizationIds;
    return (
      caller.accountId === newcomer.accountId ||
      caller.isAdmin ||
      (newcomer.activeSupporterAccountId !== null && caller.accountId === newcomer.activeSupporterAccountId) ||
      (provided === null
        ? caller.can(Capability.COMMUNITY_MANAGE, newcomer.regionId)
        : provided.some((organizationId) => caller.canFor(Capability.COMMUNITY_MANAGE, organizationId)))
    );
  },

  /**
   * Editing a supporter: the supporter themselves or the region's staff. Either may
   * deactivate; only staff make an inactive supporter active again (a deactivation by staff
   * holds until staff undo it).
   */
  updateSupporter(
    caller: Caller | null,
    supporter: { accountId: string; regionId: string; active: boolean },
    changes: { active?: boolean } = {},
  ): Caller {
    const known = requireCaller(caller);
    const staff = known.can(Capability.COMMUNITY_MANAGE, supporter.regionId);
    if (known.accountId !== supporter.accountId && !staff) {
      throw new ForbiddenError('Only the supporter or staff of the region may edit a supporter');
    }
    if (changes.active === true && !supporter.active && !staff) {
      throw new ForbiddenError('Only staff of the region may make a supporter active again');
    }
    return known;
  },

  /** Ending a mentorship: the newcomer, the assigned supporter or the region's staff; says which. */
  endMentorship(
    caller: Caller | null,
    mentorship: { newcomerAccountId: string; supporterAccountId: string | null; regionId: string },
  ): EndedBy {
    const known = requireCaller(caller);
    if (known.accountId === mentorship.newcomerAccountId) return 'NEWCOMER';
    if (mentorship.supporterAccountId !== null && known.accountId === mentorship.supporterAccountId) return 'SUPPORTER';
    if (known.can(Capability.COMMUNITY_MANAGE, mentorship.regionId)) return 'STAFF';
    throw new ForbiddenError('Only the newcomer, their supporter or staff of the region may end a mentorship');
  },

  /** Marking a step: the newcomer or their ACTIVE supporter in the plan's region. */
  completeStep(caller: Caller | null, plan: { newcomerAccountId: string; activeSupporterAccountId: string | null }): Caller {
    const known = requireCaller(caller);
    if (known.accountId !== plan.newcomerAccountId && known.accountId !== plan.activeSupporterAccountId) {
      throw new ForbiddenError('Only the newcomer or their active supporter may mark steps');
    }
    return known;
  },

  /** Seeing a plan: the newcomer, their ACTIVE supporter, the region's staff, an ADMIN. */
  seesPlan(caller: Caller | null, plan: { newcomerAccountId: string; regionId: string; activeSupporterAccountId: string | null }): boolean {
    if (!caller) return false;
    return (
      caller.accountId === plan.newcomerAccountId ||
      caller.accountId === plan.activeSupporterAccountId ||
      caller.isAdmin ||
      caller.can(Capability.COMMUNITY_MANAGE, plan.regionId)
    );
  },
};
