import type { PersonalField } from '#libs/contracts/privacy/enums.js';
import type { ProvisionFact } from '#libs/contracts/privacy/events.js';

/**
 * What the managing organization's staff see of a guest or requester once asked (contract
 * 50-housing: the ContactCard carries fullName, email and phone for them while the stay or
 * viewing is not CANCELLED or DECLINED).
 */
export const MANAGER_SEES: readonly PersonalField[] = ['fullName', 'email', 'phone'];

/** Why, in the words the person reads in their provision records. */
export const PROVISION_PURPOSES = {
  stay: '宿泊の受け入れと連絡のため',
  viewing: '内見の日程調整と連絡のため',
} as const;

/**
 * The provision a stay or viewing request makes: the person's own request, addressed to the
 * listing's managing organization, is the basis (REQUEST) for that organization to see their
 * register. Ids only, never the data.
 */
export function provisionToManager(
  occasion: 'stay' | 'viewing',
  occasionId: string,
  subjectAccountId: string,
  organizationId: string,
): ProvisionFact {
  return {
    subjectAccountId,
    recipientOrganizationId: organizationId,
    recipientAccountId: null,
    purpose: PROVISION_PURPOSES[occasion],
    fields: [...MANAGER_SEES],
    basis: 'REQUEST',
    occasion,
    occasionId,
  };
}
