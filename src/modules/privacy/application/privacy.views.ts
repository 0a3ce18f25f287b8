import type { ConsentPurpose, PersonalField, ProvisionBasis } from '#libs/contracts/privacy/enums.js';

/** What the privacy module's queries answer (rows of its schema, as read). */
export interface ConsentRow {
  purpose: ConsentPurpose;
  organizationId: string | null;
  granted: boolean;
  revision: number;
  updatedAt: Date;
}

export interface ProvisionRecordRow {
  id: string;
  subjectAccountId: string;
  recipientOrganizationId: string | null;
  recipientAccountId: string | null;
  purpose: string;
  fields: PersonalField[];
  basis: ProvisionBasis;
  occasion: string;
  occasionId: string | null;
  at: Date;
  /** `at` as PostgreSQL prints it, for keyset cursors. */
  atKey: string;
}

export interface AccessRow {
  id: string;
  readerAccountId: string;
  subjectAccountId: string;
  fields: PersonalField[];
  via: string;
  at: Date;
  atKey: string;
}
