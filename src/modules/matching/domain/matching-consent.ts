import type { PersonalField, ProvisionBasis } from '#libs/contracts/privacy/enums.js';
import type { ProvisionFact } from '#libs/contracts/privacy/events.js';

/**
 * A person's MATCHING answers as matching keeps them (from privacy.consent.changed): the
 * answer for every organization (`general`, null when never given) and the organizations'
 * own answers, which win over it.
 */
export interface MatchingConsent {
  general: boolean | null;
  organizations: ReadonlyMap<string, boolean>;
}

/** No answer given: MATCHING holds (it is granted with the profile, and the form says so). */
export const NO_ANSWER: MatchingConsent = { general: null, organizations: new Map() };

/** Whether MATCHING holds for `organizationId`: its own answer, else the general one, else granted. */
export function grantsMatching(consent: MatchingConsent, organizationId: string): boolean {
  return consent.organizations.get(organizationId) ?? consent.general ?? true;
}

/** What a provision record says a match is for, in words the person understands. */
export const MATCH_PROVISION_PURPOSE = '就労マッチングの連絡・調整のため';

/** The organizations a new match may give the candidate's contact details to. */
export interface MatchAudience {
  /** The organization managing the opportunity's employer: the person's interest or accepted scout was addressed to it. Null when unknown. */
  requestedOrganizationId: string | null;
  /** Every organization of the match's region. */
  regionOrganizationIds: readonly string[];
}

/** One organization a match gives the contact details to, and why. */
export interface MatchRecipient {
  organizationId: string;
  basis: ProvisionBasis;
}

/**
 * Who a match made now gives the candidate's contact details to: the employer's
 * organization on the basis of the person's own act (REQUEST, whatever their consent says),
 * and each other organization of the region their MATCHING consent covers (CONSENT).
 */
export function matchRecipients(audience: MatchAudience, consent: MatchingConsent): MatchRecipient[] {
  const recipients: MatchRecipient[] = [];
  if (audience.requestedOrganizationId !== null) recipients.push({ organizationId: audience.requestedOrganizationId, basis: 'REQUEST' });
  for (const organizationId of new Set(audience.regionOrganizationIds)) {
    if (organizationId === audience.requestedOrganizationId) continue;
    if (grantsMatching(consent, organizationId)) recipients.push({ organizationId, basis: 'CONSENT' });
  }
  return recipients;
}

/** The provision facts of a match (the payload of matching.match.established carries them). */
export function matchProvisionFacts(
  matchId: string,
  subjectAccountId: string,
  recipients: readonly MatchRecipient[],
  fields: readonly PersonalField[],
): ProvisionFact[] {
  return recipients.map((r) => ({
    subjectAccountId,
    recipientOrganizationId: r.organizationId,
    recipientAccountId: null,
    purpose: MATCH_PROVISION_PURPOSE,
    fields: [...fields],
    basis: r.basis,
    occasion: 'match',
    occasionId: matchId,
  }));
}
