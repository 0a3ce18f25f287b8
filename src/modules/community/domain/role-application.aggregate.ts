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
import { ERASED_DISPLAY_NAME } from '#libs/contracts/privacy/enums.js';
import { InvalidStatusTransition, RoleFull, RoleNotOpen } from './community.errors.js';
import { applicationProvision } from './community.provisions.js';

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

/** An erased person as community's rows keep them: the account id only, the name as the contract shows it. */
export function erasedPerson(accountId: string): Applicant {
  return { accountId, displayName: ERASED_DISPLAY_NAME, email: '', fullName: '', phone: '' };
}

/** Whether the person was erased already. */
export function isErasedPerson(p: Applicant): boolean {
  return p.displayName === ERASED_DISPLAY_NAME && p.email === '' && p.fullName === '' && p.phone === '';
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
    const provided = [applicationProvision(application.id, applicant.accountId, role.organizationId)];
    application.record(RoleApplicationSubmitted.create(role.id, { ...application.facts(), provided }, now));
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

  /**
   * The applicant's account was erased (contract 90-privacy): a live application is withdrawn
   * as the applicant's own withdrawal would (an ACCEPTED one frees its seat), then their
   * contact details and motivation are emptied; the row stays, for counts. `changed` false
   * when nothing was left to do (a redelivery).
   */
  erase(now = new Date()): { changed: boolean; freedSeat: boolean } {
    let changed = false;
    let freedSeat = false;
    if (this.s.status === RoleApplicationStatus.APPLIED || this.s.status === RoleApplicationStatus.ACCEPTED) {
      freedSeat = this.withdraw(now).freedSeat;
      changed = true;
    }
    if (!isErasedPerson(this.s.applicant) || this.s.motivation !== '') {
      this.s = { ...this.s, applicant: erasedPerson(this.s.applicant.accountId), motivation: '', updatedAt: now };
      changed = true;
    }
    return { changed, freedSeat };
  }

  private move(status: RoleApplicationStatus, now: Date): void {
    this.s = { ...this.s, status, updatedAt: now };
  }
}
