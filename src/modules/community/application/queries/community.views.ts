import type {
  CommunityRoleStatus,
  GuideStatus,
  MentorshipStatus,
  OnboardingStatus,
  RoleApplicationStatus,
  RoleCategory,
} from '#libs/contracts/community/enums.js';

/** A role as community's GraphQL shows it. */
export interface RoleView {
  id: string;
  regionId: string;
  organizationId: string;
  category: RoleCategory;
  title: string;
  description: string;
  hoursPerMonth: number;
  onsite: boolean;
  seats: number;
  acceptedCount: number;
  status: CommunityRoleStatus;
  startsOn: string | null;
  createdAt: Date;
}

/** An application with everything the applicant gave; the ContactCard is cut to the caller by policy. */
export interface ApplicationView {
  id: string;
  roleId: string;
  organizationId: string;
  regionId: string;
  accountId: string;
  displayName: string;
  email: string;
  fullName: string;
  phone: string;
  motivation: string;
  status: RoleApplicationStatus;
  createdAt: Date;
  updatedAt: Date;
}

export interface SupporterView {
  id: string;
  regionId: string;
  accountId: string;
  displayName: string;
  topics: string[];
  bio: string;
  maxNewcomers: number;
  activeNewcomers: number;
  approved: boolean;
  active: boolean;
}

export interface MentorshipView {
  id: string;
  regionId: string;
  accountId: string;
  displayName: string;
  email: string;
  fullName: string;
  phone: string;
  supporterId: string | null;
  /** The supporter's account while ACTIVE (who then sees the newcomer's contact details). */
  activeSupporterAccountId: string | null;
  /**
   * The organizations the request gave the newcomer's contact details to (a provision record
   * each), whose staff see them; null for a mentorship asked for before they were recorded.
   */
  providedOrganizationIds: string[] | null;
  topics: string[];
  message: string | null;
  status: MentorshipStatus;
  createdAt: Date;
  updatedAt: Date;
}

export interface StepView {
  key: string;
  title: string;
  description: string;
  guideId: string | null;
  done: boolean;
  doneAt: Date | null;
}

export interface TemplateView {
  regionId: string;
  steps: Array<{ key: string; title: string; description: string; guideId: string | null }>;
  updatedAt: Date;
}

export interface PlanView {
  id: string;
  regionId: string;
  accountId: string;
  displayName: string;
  email: string;
  /** From the newcomer's newest mentorship request in the region, if any. */
  fullName: string | null;
  phone: string | null;
  activeSupporterAccountId: string | null;
  /**
   * Whose staff see the newcomer's contact details on the plan: those the newest mentorship
   * request of the region gave them to (none without one; null: asked for before they were
   * recorded).
   */
  providedOrganizationIds: string[] | null;
  steps: StepView[];
  progress: number;
  status: OnboardingStatus;
  startedAt: Date;
  completedAt: Date | null;
}

export interface GuideView {
  id: string;
  regionId: string;
  category: string;
  title: string;
  body: string;
  status: GuideStatus;
  updatedAt: Date;
}

export interface RoleCriteria {
  regionId?: string | null;
  categories?: RoleCategory[] | null;
  onsite?: boolean | null;
  maxHoursPerMonth?: number | null;
  text?: string | null;
  statuses?: CommunityRoleStatus[] | null;
}

export interface GuideCriteria {
  regionId?: string | null;
  category?: string | null;
  text?: string | null;
  statuses?: GuideStatus[] | null;
}
