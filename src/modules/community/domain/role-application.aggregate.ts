import { AggregateRoot } from '#libs/ddd/aggregate-root.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { newId } from '#libs/ddd/ids.js';
import { CommunityRoleStatus, RoleApplicationStatus, type RoleCategory } from '#libs/contracts/community/enums.js';
import {
  RoleApplicationDeclined,
  RoleApplicationEnded,
  RoleApplicationSubmitted,
  RoleApplicationWithdrawn,
  type RoleApplicationFacts,
} from '#libs/contracts/community/events.js';
import { isPhoneNumber, normalizePhone } from '#libs/ddd/phone.js';
import { InvalidStatusTransition, RoleFull, RoleNotOpen } from './community.errors.js';

/** The role as an application needs it. */
export interface RoleFacts {
  id: string;
  regionId: string;
  organizationId: string;
  category: RoleCategory;
  title: string;
  status: CommunityRoleStatus;
  /** Seats not yet taken when the role was read (the database decides; 0 can be refused at once). */
  seatsLeft?: number;
}

/** What the applicant gives: their motivation and how staff reach them. */
export interface Applicant {
  accountId: string;
  displayName: string;
  email: string;
  fullName: string;
  phone: string;
}

export interface RoleApplicationState {
  role: RoleFacts;
  applicant: Applicant;
  motivation: string;
  status: RoleApplicationStatus;
  createdAt: Date;
  updatedAt: Date;
}

export function checkApplicant(a: { fullName: string; phone: string; motivation: string }): void {
  if (a.fullName.trim() === '' || a.fullName.length > 100) throw InvalidInputError.field('fullName', 'must be 1 to 100 characters');
  if (!isPhoneNumber(normalizePhone(a.phone))) throw InvalidInputError.field('phone', 'must be a phone number');
  if (a.motivation.trim() === '' || a.motivation.length > 5000) throw InvalidInputError.field('motivation', 'must be 1 to 5000 characters');
}

/**
 * One person's application to one role: APPLIED -> ACCEPTED -> ENDED; APPLIED -> DECLINED;
 * APPLIED or ACCEPTED -> WITHDRAWN. Acceptance is decided by the database in one statement
 * (seats); `acceptable()` says beforehand what the aggregate alone can tell. Its events
 * belong to the role's stream (aggregate type CommunityRole, id the role's).
 */
export class RoleApplication extends AggregateRoot {
  private constructor(
    id: string,
    version: number,
    private s: RoleApplicationState,
  ) {
    super(id, version);
  }

  static submit(role: RoleFacts, applicant: Applicant, motivation: string, now = new Date()): RoleApplication {
    if (role.status !== CommunityRoleStatus.OPEN) throw new RoleNotOpen(role.status);
    checkApplicant({ fullName: applicant.fullName, phone: applicant.phone, motivation });
    const application = new RoleApplication(newId(), 0, {
      role,
      applicant: { ...applicant, fullName: applicant.fullName.trim(), phone: normalizePhone(applicant.phone) },
      motivation,
      status: RoleApplicationStatus.APPLIED,
      createdAt: now,
      updatedAt: now,
    });
    application.record(RoleApplicationSubmitted.create(role.id, application.facts(), now));
    return application;
  }

  static restore(id: string, version: number, state: RoleApplicationState): RoleApplication {
    return new RoleApplication(id, version, state);
  }

  get state(): Readonly<RoleApplicationState> {
    return this.s;
  }

  facts(): RoleApplicationFacts {
    const r = this.s.role;
    return {
      applicationId: this.id,
      roleId: r.id,
      regionId: r.regionId,
      organizationId: r.organizationId,
      roleCategory: r.category,
      roleTitle: r.title,
      accountId: this.s.applicant.accountId,
    };
  }

  /** Refuses an acceptance the aggregate can already tell is wrong (the database decides seats). */
  acceptable(): void {
    if (this.s.status !== RoleApplicationStatus.APPLIED) {
      throw new InvalidStatusTransition('an application', this.s.status, 'accept', 'APPLIED');
    }
    if (this.s.role.status !== CommunityRoleStatus.OPEN) throw new RoleNotOpen(this.s.role.status);
    // Full when read, within this request: refusing now is what the database would answer then.
    if (this.s.role.seatsLeft === 0) throw new RoleFull();
  }

  decline(now = new Date()): void {
    if (this.s.status !== RoleApplicationStatus.APPLIED) {
      throw new InvalidStatusTransition('an application', this.s.status, 'decline', 'APPLIED');
    }
    this.move(RoleApplicationStatus.DECLINED, now);
    this.record(RoleApplicationDeclined.create(this.s.role.id, this.facts(), now));
  }

  /** By the applicant; frees a seat when it was ACCEPTED (the repository counts it). */
  withdraw(now = new Date()): { freedSeat: boolean } {
    const previous = this.s.status;
    if (previous !== RoleApplicationStatus.APPLIED && previous !== RoleApplicationStatus.ACCEPTED) {
      throw new InvalidStatusTransition('an application', previous, 'withdraw', 'APPLIED or ACCEPTED');
    }
    this.move(RoleApplicationStatus.WITHDRAWN, now);
    this.record(RoleApplicationWithdrawn.create(this.s.role.id, { ...this.facts(), previousStatus: previous }, now));
    return { freedSeat: previous === RoleApplicationStatus.ACCEPTED };
  }

  /** ACCEPTED -> ENDED by staff; frees the seat. */
  end(now = new Date()): { freedSeat: boolean } {
    if (this.s.status !== RoleApplicationStatus.ACCEPTED) {
      throw new InvalidStatusTransition('an application', this.s.status, 'end', 'ACCEPTED');
    }
    this.move(RoleApplicationStatus.ENDED, now);
    this.record(RoleApplicationEnded.create(this.s.role.id, this.facts(), now));
    return { freedSeat: true };
  }

  private move(status: RoleApplicationStatus, now: Date): void {
    this.s = { ...this.s, status, updatedAt: now };
  }
}
