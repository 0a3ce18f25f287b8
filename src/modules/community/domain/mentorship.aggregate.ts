import { AggregateRoot } from '#libs/ddd/aggregate-root.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { newId } from '#libs/ddd/ids.js';
import { MentorshipStatus } from '#libs/contracts/community/enums.js';
import { MentorshipDeclined, MentorshipEnded, MentorshipRequested, type MentorshipFacts } from '#libs/contracts/community/events.js';
import { checkApplicant, erasedPerson, isErasedPerson, type Applicant } from './role-application.aggregate.js';
import { InvalidStatusTransition } from './community.errors.js';
import { mentorshipRequestProvision } from './community.provisions.js';
import { normalizePhone } from '#libs/ddd/phone.js';
import { cleanTopics } from './supporter.aggregate.js';

export type EndedBy = 'NEWCOMER' | 'SUPPORTER' | 'STAFF';

export interface MentorshipState {
  regionId: string;
  newcomer: Applicant;
  topics: string[];
  message: string | null;
  supporterId: string | null;
  /**
   * The organizations the request gave the newcomer's contact details to (a provision fact
   * each, in MentorshipRequested); null for a mentorship asked for before they were recorded.
   */
  providedOrganizationIds: string[] | null;
  status: MentorshipStatus;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A newcomer's request for a supporter in a region: REQUESTED -> ACTIVE (assigned by staff,
 * decided by the database against the supporter's limit) -> ENDED; REQUESTED -> DECLINED;
 * REQUESTED -> ENDED.
 */
export class Mentorship extends AggregateRoot {
  private constructor(
    id: string,
    version: number,
    private s: MentorshipState,
  ) {
    super(id, version);
  }

  /**
   * `recipientOrganizationIds`: the region's COMMUNITY_MANAGE organizations, to which the
   * newcomer's request is addressed; each may then see their contact details (one provision
   * fact each in MentorshipRequested).
   */
  static request(
    regionId: string,
    newcomer: Applicant,
    topics: string[],
    message: string | null,
    recipientOrganizationIds: readonly string[],
    now = new Date(),
  ): Mentorship {
    checkApplicant({ fullName: newcomer.fullName, phone: newcomer.phone, motivation: 'x' });
    if (message !== null && message.length > 5000) throw InvalidInputError.field('message', 'at most 5000 characters');
    const m = new Mentorship(newId(), 0, {
      regionId,
      newcomer: { ...newcomer, fullName: newcomer.fullName.trim(), phone: normalizePhone(newcomer.phone) },
      topics: cleanTopics(topics),
      message: message?.trim() || null,
      supporterId: null,
      providedOrganizationIds: [...new Set(recipientOrganizationIds)].sort(),
      status: MentorshipStatus.REQUESTED,
      createdAt: now,
      updatedAt: now,
    });
    const provided = m.s.providedOrganizationIds!.map((org) => mentorshipRequestProvision(m.id, newcomer.accountId, org));
    m.record(MentorshipRequested.create(m.id, { ...m.facts(), provided }, now));
    return m;
  }

  static restore(id: string, version: number, state: MentorshipState): Mentorship {
    return new Mentorship(id, version, state);
  }

  get state(): Readonly<MentorshipState> {
    return this.s;
  }

  facts(): MentorshipFacts {
    return { mentorshipId: this.id, regionId: this.s.regionId, accountId: this.s.newcomer.accountId, topics: this.s.topics };
  }

  /** What the aggregate alone can refuse before the database decides the supporter's limit. */
  assignable(supporterAccountId: string): void {
    if (this.s.status !== MentorshipStatus.REQUESTED) {
      throw new InvalidStatusTransition('a mentorship', this.s.status, 'assign a supporter to', 'REQUESTED');
    }
    if (supporterAccountId === this.s.newcomer.accountId) {
      throw InvalidInputError.field('supporterId', 'is the newcomer themselves');
    }
  }

  decline(now = new Date()): void {
    if (this.s.status !== MentorshipStatus.REQUESTED) {
      throw new InvalidStatusTransition('a mentorship', this.s.status, 'decline', 'REQUESTED');
    }
    this.s = { ...this.s, status: MentorshipStatus.DECLINED, updatedAt: now };
    this.record(MentorshipDeclined.create(this.id, this.facts(), now));
  }

  /**
   * The newcomer's account was erased (contract 90-privacy): a live mentorship is ended as the
   * newcomer's own ending would (an ACTIVE one frees the supporter's place), then their contact
   * details and message are emptied; the row stays. `changed` false when nothing was left to do.
   */
  eraseNewcomer(now = new Date()): { changed: boolean; freedSupporterId: string | null } {
    let changed = false;
    let freedSupporterId: string | null = null;
    if (this.isLive) {
      freedSupporterId = this.end('NEWCOMER', now).freedSupporterId;
      changed = true;
    }
    if (!isErasedPerson(this.s.newcomer) || this.s.message !== null) {
      this.s = { ...this.s, newcomer: erasedPerson(this.s.newcomer.accountId), message: null, updatedAt: now };
      changed = true;
    }
    return { changed, freedSupporterId };
  }

  /** REQUESTED or ACTIVE. */
  get isLive(): boolean {
    return this.s.status === MentorshipStatus.REQUESTED || this.s.status === MentorshipStatus.ACTIVE;
  }

  /** REQUESTED or ACTIVE -> ENDED; an ACTIVE one frees the supporter's place (the repository counts it). */
  end(endedBy: EndedBy, now = new Date()): { freedSupporterId: string | null } {
    const previous = this.s.status;
    if (previous !== MentorshipStatus.REQUESTED && previous !== MentorshipStatus.ACTIVE) {
      throw new InvalidStatusTransition('a mentorship', previous, 'end', 'REQUESTED or ACTIVE');
    }
    this.s = { ...this.s, status: MentorshipStatus.ENDED, updatedAt: now };
    this.record(MentorshipEnded.create(this.id, { ...this.facts(), supporterId: this.s.supporterId, endedBy }, now));
    return { freedSupporterId: previous === MentorshipStatus.ACTIVE ? this.s.supporterId : null };
  }
}
