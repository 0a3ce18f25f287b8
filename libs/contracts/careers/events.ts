import { defineEvent } from '../../ddd/domain-event.js';
import type { WorkStyle } from './work-style.js';

/**
 * What every opportunity event carries: enough for matching to keep its own copy and for
 * insights to count, so no other module reads careers' tables. v1.
 */
export interface OpportunitySnapshot {
  opportunityId: string;
  employerId: string;
  employerName: string;
  regionId: string;
  title: string;
  workStyle: WorkStyle;
  skills: string[];
  remoteOk: boolean;
  onsiteDaysPerMonth: number;
  compensation: string | null;
  status: 'DRAFT' | 'IN_REVIEW' | 'PUBLISHED' | 'CLOSED';
  publishedAt: string | null;
}

/** `careers.employer.registered` v1. */
export const EmployerRegistered = defineEvent<{
  employerId: string;
  organizationId: string;
  regionId: string;
  name: string;
  industry: string;
}>('careers.employer.registered', 'Employer');

/** `careers.opportunity.drafted` v1: a new DRAFT. */
export const OpportunityDrafted = defineEvent<OpportunitySnapshot>('careers.opportunity.drafted', 'Opportunity');
/** `careers.opportunity.updated` v1: an edit (only DRAFT and IN_REVIEW can be edited). */
export const OpportunityUpdated = defineEvent<OpportunitySnapshot>('careers.opportunity.updated', 'Opportunity');
/** `careers.opportunity.submitted-for-review` v1. */
export const OpportunitySubmittedForReview = defineEvent<OpportunitySnapshot>('careers.opportunity.submitted-for-review', 'Opportunity');
/** `careers.opportunity.returned-to-draft` v1. */
export const OpportunityReturnedToDraft = defineEvent<OpportunitySnapshot>('careers.opportunity.returned-to-draft', 'Opportunity');
/** `careers.opportunity.published` v1: now visible to everyone; matching starts recommending it. */
export const OpportunityPublished = defineEvent<OpportunitySnapshot>('careers.opportunity.published', 'Opportunity');
/** `careers.opportunity.closed` v1: no longer open; matching closes its open interests and scouts. */
export const OpportunityClosed = defineEvent<OpportunitySnapshot & { closedAt: string }>('careers.opportunity.closed', 'Opportunity');
