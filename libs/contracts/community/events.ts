import { defineEvent } from '../../ddd/domain-event.js';
import type { CarriesProvisions } from '../privacy/events.js';
import type { RoleApplicationStatus, RoleCategory } from './enums.js';

/**
 * The community module's integration events (contract 60-community). Each carries region
 * and account, so that support's journey and insights never read the community schema. No
 * personal data: contact details and what people wrote (motivation, message, bio) stay in
 * community's tables, which erasure empties; the payloads carry ids, roles' titles and
 * topics, so erasure has nothing to scrub in them. RoleApplicationSubmitted,
 * MentorshipRequested and MentorshipStarted also carry `provided` (contract 90-privacy): who
 * may now see the person's contact details, as ids and a purpose. v1.
 */

/** One application to one role. */
export interface RoleApplicationFacts {
  applicationId: string;
  roleId: string;
  regionId: string;
  /** The role's organization (COMMUNITY_MANAGE). */
  organizationId: string;
  roleCategory: RoleCategory;
  roleTitle: string;
  /** The applicant. */
  accountId: string;
}

/**
 * `community.role-application.submitted` v1: a new APPLIED application; `provided`: the role's
 * organization, whose staff now see the applicant's fullName, email and phone (basis REQUEST,
 * occasion `application`).
 */
export const RoleApplicationSubmitted = defineEvent<RoleApplicationFacts & CarriesProvisions>(
  'community.role-application.submitted',
  'CommunityRole',
);
/** `community.role-application.accepted` v1: APPLIED -> ACCEPTED (the person took on the role). */
export const RoleApplicationAccepted = defineEvent<RoleApplicationFacts>('community.role-application.accepted', 'CommunityRole');
/** `community.role-application.declined` v1: APPLIED -> DECLINED, by staff or because the role closed. */
export const RoleApplicationDeclined = defineEvent<RoleApplicationFacts>('community.role-application.declined', 'CommunityRole');
/** `community.role-application.withdrawn` v1: APPLIED or ACCEPTED -> WITHDRAWN by the applicant. */
export const RoleApplicationWithdrawn = defineEvent<RoleApplicationFacts & { previousStatus: RoleApplicationStatus }>(
  'community.role-application.withdrawn',
  'CommunityRole',
);
/** `community.role-application.ended` v1: ACCEPTED -> ENDED. */
export const RoleApplicationEnded = defineEvent<RoleApplicationFacts>('community.role-application.ended', 'CommunityRole');

/** One mentorship of one newcomer in one region. */
export interface MentorshipFacts {
  mentorshipId: string;
  regionId: string;
  /** The newcomer. */
  accountId: string;
  topics: string[];
}

/**
 * `community.mentorship.requested` v1. `provided`: each COMMUNITY_MANAGE organization of the
 * region when it was asked for, whose staff now see the newcomer's fullName, email and phone
 * (basis REQUEST: the newcomer's request is addressed to them; occasion `mentorship`).
 */
export const MentorshipRequested = defineEvent<MentorshipFacts & CarriesProvisions>('community.mentorship.requested', 'Mentorship');
/**
 * `community.mentorship.started` v1: REQUESTED -> ACTIVE; a supporter assigned by staff of
 * `organizationId` (a COMMUNITY_MANAGE organization of the region). `provided`: the supporter,
 * a person (`recipientAccountId`), who now sees the newcomer's fullName, email and phone while
 * the mentorship is ACTIVE (basis REQUEST: the newcomer asked for it; occasion `mentorship`).
 */
export const MentorshipStarted = defineEvent<
  MentorshipFacts & { supporterId: string; supporterAccountId: string; organizationId: string } & CarriesProvisions
>('community.mentorship.started', 'Mentorship');
/** `community.mentorship.declined` v1: REQUESTED -> DECLINED by staff. */
export const MentorshipDeclined = defineEvent<MentorshipFacts>('community.mentorship.declined', 'Mentorship');
/** `community.mentorship.ended` v1: REQUESTED or ACTIVE -> ENDED; `supporterId` null when none was assigned. */
export const MentorshipEnded = defineEvent<
  MentorshipFacts & { supporterId: string | null; endedBy: 'NEWCOMER' | 'SUPPORTER' | 'STAFF' }
>('community.mentorship.ended', 'Mentorship');

/** One newcomer's onboarding plan in one region. */
export interface OnboardingFacts {
  planId: string;
  regionId: string;
  /** The newcomer. */
  accountId: string;
  totalSteps: number;
  doneSteps: number;
}

/** `community.onboarding.started` v1. */
export const OnboardingStarted = defineEvent<OnboardingFacts>('community.onboarding.started', 'OnboardingPlan');
/** `community.onboarding.step-completed` v1: one step marked done, by the newcomer or their supporter. */
export const OnboardingStepCompleted = defineEvent<OnboardingFacts & { stepKey: string; stepTitle: string }>(
  'community.onboarding.step-completed',
  'OnboardingPlan',
);
/** `community.onboarding.completed` v1: every step done. */
export const OnboardingCompleted = defineEvent<OnboardingFacts>('community.onboarding.completed', 'OnboardingPlan');
