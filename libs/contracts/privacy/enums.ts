/** What a person may agree to (contract 90-privacy). */
export const CONSENT_PURPOSES = ['MATCHING', 'CONSORTIUM_SHARING', 'NEWSLETTER'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** Why a partner received personal data: the person's own act addressed to it, or a consent. */
export const PROVISION_BASES = ['CONSENT', 'REQUEST'] as const;
export type ProvisionBasis = (typeof PROVISION_BASES)[number];

/** The personal data the provision records and the access log speak of. */
export const PERSONAL_FIELDS = ['fullName', 'email', 'phone'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

/** The act that made personal data available (a provision record's `occasion`). */
export const PROVISION_OCCASIONS = ['match', 'stay', 'viewing', 'application', 'mentorship', 'consultation'] as const;
export type ProvisionOccasion = (typeof PROVISION_OCCASIONS)[number];

/** What an erased person is called wherever a name is still shown (their messages, a match's history). */
export const ERASED_DISPLAY_NAME = '退会済みユーザー';

/** How long provision records and access-log entries are kept (APPI: records of provision to third parties). */
export const PRIVACY_RECORD_RETENTION_YEARS = 3;
