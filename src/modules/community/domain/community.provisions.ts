import type { PersonalField } from '#libs/contracts/privacy/enums.js';
import type { ProvisionFact } from '#libs/contracts/privacy/events.js';

/**
 * What the recipients see of a person's contact details (contract 60-community: the
 * ContactCard carries fullName, email and phone for staff of the role's organization, for
 * staff of the organizations a mentorship request went to, and for the ACTIVE supporter of
 * their newcomers).
 */
const CONTACT: readonly PersonalField[] = ['fullName', 'email', 'phone'];

/** Why, in the words the person reads in their provision records. */
export const PROVISION_PURPOSES = {
  application: '地域活動への応募の選考と連絡のため',
  mentorship: '伴走サポートの連絡のため',
  mentorshipRequest: '伴走サポーターの調整と連絡のため',
} as const;

/**
 * An application to a role: the applicant's own act, addressed to the role's organization, is
 * the basis (REQUEST) for its staff to see their contact details.
 */
export function applicationProvision(applicationId: string, applicantAccountId: string, organizationId: string): ProvisionFact {
  return {
    subjectAccountId: applicantAccountId,
    recipientOrganizationId: organizationId,
    recipientAccountId: null,
    purpose: PROVISION_PURPOSES.application,
    fields: [...CONTACT],
    basis: 'REQUEST',
    occasion: 'application',
    occasionId: applicationId,
  };
}

/**
 * A mentorship made ACTIVE: the supporter, a person, sees the newcomer's contact details. The
 * newcomer asked for the mentorship (requestMentorship is their own act, and the supporter is
 * whom it is for): the basis is REQUEST.
 */
export function mentorshipProvision(mentorshipId: string, newcomerAccountId: string, supporterAccountId: string): ProvisionFact {
  return {
    subjectAccountId: newcomerAccountId,
    recipientOrganizationId: null,
    recipientAccountId: supporterAccountId,
    purpose: PROVISION_PURPOSES.mentorship,
    fields: [...CONTACT],
    basis: 'REQUEST',
    occasion: 'mentorship',
    occasionId: mentorshipId,
  };
}

/**
 * A mentorship asked for: the newcomer's own act, addressed to the region's COMMUNITY_MANAGE
 * organizations (whose staff assign a supporter, decline or end it), is the basis (REQUEST)
 * for each of them to see the newcomer's contact details. One fact per organization.
 */
export function mentorshipRequestProvision(mentorshipId: string, newcomerAccountId: string, organizationId: string): ProvisionFact {
  return {
    subjectAccountId: newcomerAccountId,
    recipientOrganizationId: organizationId,
    recipientAccountId: null,
    purpose: PROVISION_PURPOSES.mentorshipRequest,
    fields: [...CONTACT],
    basis: 'REQUEST',
    occasion: 'mentorship',
    occasionId: mentorshipId,
  };
}
