import { AggregateRoot } from '#libs/ddd/aggregate-root.js';
import { InvalidInputError, type FieldProblem } from '#libs/ddd/errors.js';
import { newId } from '#libs/ddd/ids.js';
import {
  OpportunityClosed,
  OpportunityDrafted,
  OpportunityPublished,
  OpportunityReturnedToDraft,
  OpportunitySubmittedForReview,
  OpportunityUpdated,
  type OpportunitySnapshot,
} from '#libs/contracts/careers/events.js';
import { WorkStyle } from '#libs/contracts/careers/work-style.js';
import { InvalidOpportunityTransition, OpportunityNotEditable } from './careers.errors.js';

export type OpportunityStatus = 'DRAFT' | 'IN_REVIEW' | 'PUBLISHED' | 'CLOSED';

/** What staff write about an opportunity. */
export interface OpportunityTerms {
  title: string;
  description: string;
  workStyle: WorkStyle;
  skills: string[];
  remoteOk: boolean;
  onsiteDaysPerMonth: number;
  compensation: string | null;
}

export interface OpportunityState extends OpportunityTerms {
  id: string;
  employerId: string;
  employerName: string;
  regionId: string;
  status: OpportunityStatus;
  publishedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** A skill as compared: NFKC (full-width = half-width) and lower case. */
export const normalizeSkill = (skill: string): string => skill.normalize('NFKC').trim().toLowerCase();

/** Validates and cleans terms; every bad field is named at once. */
export function cleanTerms(terms: OpportunityTerms): OpportunityTerms {
  const problems: FieldProblem[] = [];
  const title = terms.title.trim(); // kept as written; search is width-insensitive anyway
  const description = terms.description.trim();
  if (title.length === 0 || title.length > 200) problems.push({ field: 'title', message: 'must have 1 to 200 characters' });
  if (description.length === 0 || description.length > 10000) problems.push({ field: 'description', message: 'must have 1 to 10000 characters' });
  if (!Object.values(WorkStyle).includes(terms.workStyle)) problems.push({ field: 'workStyle', message: 'must be a WorkStyle' });
  // Kept as written (first spelling wins), once per normalized form.
  const seen = new Set<string>();
  const skills: string[] = [];
  for (const raw of terms.skills) {
    const skill = raw.normalize('NFKC').trim();
    const key = normalizeSkill(skill);
    if (key.length === 0 || key.length > 50) {
      problems.push({ field: 'skills', message: 'each skill must have 1 to 50 characters' });
      break;
    }
    if (!seen.has(key)) {
      seen.add(key);
      skills.push(skill);
    }
  }
  if (skills.length > 30) problems.push({ field: 'skills', message: 'at most 30 skills' });
  if (!Number.isInteger(terms.onsiteDaysPerMonth) || terms.onsiteDaysPerMonth < 0 || terms.onsiteDaysPerMonth > 31) {
    problems.push({ field: 'onsiteDaysPerMonth', message: 'must be a whole number from 0 to 31' });
  } else if (terms.onsiteDaysPerMonth === 0 && !terms.remoteOk) {
    problems.push({ field: 'onsiteDaysPerMonth', message: '0 on-site days means fully remote: set remoteOk to true, or give the days' });
  }
  const compensation = terms.compensation === null ? null : terms.compensation.trim() || null;
  if (compensation !== null && compensation.length > 200) problems.push({ field: 'compensation', message: 'must have at most 200 characters' });
  if (problems.length > 0) throw new InvalidInputError(problems);
  return { title, description, workStyle: terms.workStyle, skills, remoteOk: terms.remoteOk, onsiteDaysPerMonth: terms.onsiteDaysPerMonth, compensation };
}

/**
 * A second-career opportunity: DRAFT -> IN_REVIEW -> PUBLISHED -> CLOSED, IN_REVIEW may go
 * back to DRAFT; only DRAFT and IN_REVIEW can be edited.
 */
export class Opportunity extends AggregateRoot {
  private constructor(private readonly state: OpportunityState) {
    super(state.id, state.version);
  }

  static restore(state: OpportunityState): Opportunity {
    return new Opportunity(state);
  }

  static draft(employer: { id: string; name: string; regionId: string }, terms: OpportunityTerms, now = new Date()): Opportunity {
    const opportunity = new Opportunity({
      ...cleanTerms(terms),
      id: newId(),
      employerId: employer.id,
      employerName: employer.name,
      regionId: employer.regionId,
      status: 'DRAFT',
      publishedAt: null,
      closedAt: null,
      createdAt: now,
      updatedAt: now,
      version: 0,
    });
    opportunity.record(OpportunityDrafted.create(opportunity.id, opportunity.snapshot()));
    return opportunity;
  }

  /** Applies the given changes (undefined: unchanged). */
  update(changes: Partial<OpportunityTerms>, now = new Date()): void {
    if (this.state.status !== 'DRAFT' && this.state.status !== 'IN_REVIEW') throw new OpportunityNotEditable(this.state.status);
    const next = cleanTerms({
      title: changes.title ?? this.state.title,
      description: changes.description ?? this.state.description,
      workStyle: changes.workStyle ?? this.state.workStyle,
      skills: changes.skills ?? this.state.skills,
      remoteOk: changes.remoteOk ?? this.state.remoteOk,
      onsiteDaysPerMonth: changes.onsiteDaysPerMonth ?? this.state.onsiteDaysPerMonth,
      compensation: changes.compensation === undefined ? this.state.compensation : changes.compensation,
    });
    Object.assign(this.state, next, { updatedAt: now });
    this.record(OpportunityUpdated.create(this.id, this.snapshot()));
  }

  submitForReview(now = new Date()): void {
    this.move('DRAFT', 'IN_REVIEW', 'submit for review', now);
    this.record(OpportunitySubmittedForReview.create(this.id, this.snapshot()));
  }

  returnToDraft(now = new Date()): void {
    this.move('IN_REVIEW', 'DRAFT', 'return to draft', now);
    this.record(OpportunityReturnedToDraft.create(this.id, this.snapshot()));
  }

  publish(now = new Date()): void {
    this.move('IN_REVIEW', 'PUBLISHED', 'publish', now);
    this.state.publishedAt = now;
    this.record(OpportunityPublished.create(this.id, this.snapshot()));
  }

  close(now = new Date()): void {
    this.move('PUBLISHED', 'CLOSED', 'close', now);
    this.state.closedAt = now;
    this.record(OpportunityClosed.create(this.id, { ...this.snapshot(), closedAt: now.toISOString() }));
  }

  private move(from: OpportunityStatus, to: OpportunityStatus, action: string, now: Date): void {
    if (this.state.status !== from) throw new InvalidOpportunityTransition(this.state.status, action, from);
    this.state.status = to;
    this.state.updatedAt = now;
  }

  get status(): OpportunityStatus {
    return this.state.status;
  }
  get regionId(): string {
    return this.state.regionId;
  }
  get employerId(): string {
    return this.state.employerId;
  }
  /** A copy of the state, for the repository. */
  get data(): Readonly<OpportunityState> {
    return { ...this.state, skills: [...this.state.skills] };
  }

  snapshot(): OpportunitySnapshot {
    const s = this.state;
    return {
      opportunityId: s.id,
      employerId: s.employerId,
      employerName: s.employerName,
      regionId: s.regionId,
      title: s.title,
      workStyle: s.workStyle,
      skills: [...s.skills],
      remoteOk: s.remoteOk,
      onsiteDaysPerMonth: s.onsiteDaysPerMonth,
      compensation: s.compensation,
      status: s.status,
      publishedAt: s.publishedAt?.toISOString() ?? null,
    };
  }
}
