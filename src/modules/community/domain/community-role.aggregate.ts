import { AggregateRoot } from '#libs/ddd/aggregate-root.js';
import { isCalendarDay, type CalendarDay } from '#libs/ddd/calendar-day.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { newId } from '#libs/ddd/ids.js';
import { CommunityRoleStatus, RoleCategory } from '#libs/contracts/community/enums.js';
import { RoleApplicationDeclined } from '#libs/contracts/community/events.js';
import { InvalidStatusTransition, RoleClosed } from './community.errors.js';

/** What staff write about a role. */
export interface RoleTerms {
  category: RoleCategory;
  title: string;
  description: string;
  hoursPerMonth: number;
  onsite: boolean;
  seats: number;
  startsOn: CalendarDay | null;
}

export interface RoleState extends RoleTerms {
  organizationId: string;
  regionId: string;
  status: CommunityRoleStatus;
  /** Kept by the database (community.accept_role_application); read, never written here. */
  acceptedCount: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The limits of a role's terms; BAD_USER_INPUT naming the field otherwise. */
export function checkRoleTerms(terms: Partial<RoleTerms>): void {
  if (terms.title !== undefined && (terms.title.trim() === '' || terms.title.length > 200)) {
    throw InvalidInputError.field('title', 'must be 1 to 200 characters');
  }
  if (terms.description !== undefined && (terms.description.trim() === '' || terms.description.length > 10000)) {
    throw InvalidInputError.field('description', 'must be 1 to 10000 characters');
  }
  if (terms.hoursPerMonth !== undefined && (!Number.isInteger(terms.hoursPerMonth) || terms.hoursPerMonth < 0 || terms.hoursPerMonth > 744)) {
    throw InvalidInputError.field('hoursPerMonth', 'must be from 0 to 744');
  }
  if (terms.seats !== undefined && (!Number.isInteger(terms.seats) || terms.seats < 1 || terms.seats > 10000)) {
    throw InvalidInputError.field('seats', 'must be from 1 to 10000');
  }
  if (terms.startsOn !== undefined && terms.startsOn !== null && !isCalendarDay(terms.startsOn)) {
    throw InvalidInputError.field('startsOn', 'must be a day written YYYY-MM-DD');
  }
  if (terms.category !== undefined && !Object.values(RoleCategory).includes(terms.category)) {
    throw InvalidInputError.field('category', 'is not a role category');
  }
}

/**
 * A community activity role (地域活動の担い手): DRAFT -> OPEN -> CLOSED. Its ACCEPTED count is
 * the database's (a counter with a CHECK, moved in one statement by the acceptance), so
 * the aggregate only refuses seats below what it read.
 */
export class CommunityRole extends AggregateRoot {
  private constructor(
    id: string,
    version: number,
    private s: RoleState,
  ) {
    super(id, version);
  }

  static create(organization: { id: string; regionId: string }, terms: RoleTerms, now = new Date()): CommunityRole {
    checkRoleTerms(terms);
    return new CommunityRole(newId(), 0, {
      ...terms,
      organizationId: organization.id,
      regionId: organization.regionId,
      status: CommunityRoleStatus.DRAFT,
      acceptedCount: 0,
      createdAt: now,
      updatedAt: now,
    });
  }

  static restore(id: string, version: number, state: RoleState): CommunityRole {
    return new CommunityRole(id, version, state);
  }

  get state(): Readonly<RoleState> {
    return this.s;
  }

  /** Edits the terms; not when CLOSED, and seats never below the ACCEPTED applications. */
  update(changes: Partial<RoleTerms>, now = new Date()): void {
    if (this.s.status === CommunityRoleStatus.CLOSED) throw new RoleClosed();
    checkRoleTerms(changes);
    if (changes.seats !== undefined && changes.seats < this.s.acceptedCount) {
      throw InvalidInputError.field('seats', `must not be below the ${this.s.acceptedCount} accepted`);
    }
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<RoleTerms>;
    this.s = { ...this.s, ...defined, updatedAt: now };
  }

  open(now = new Date()): void {
    if (this.s.status !== CommunityRoleStatus.DRAFT) throw new InvalidStatusTransition('a role', this.s.status, 'open', 'DRAFT');
    this.s = { ...this.s, status: CommunityRoleStatus.OPEN, updatedAt: now };
  }

  /** OPEN -> CLOSED; the applications still APPLIED are declined with it (by the repository). */
  close(now = new Date()): void {
    if (this.s.status !== CommunityRoleStatus.OPEN) throw new InvalidStatusTransition('a role', this.s.status, 'close', 'OPEN');
    this.s = { ...this.s, status: CommunityRoleStatus.CLOSED, updatedAt: now };
  }

  /** Records RoleApplicationDeclined for each application that closing the role declined. */
  declinedOnClose(applications: Array<{ applicationId: string; accountId: string }>, now = new Date()): void {
    for (const a of applications) {
      this.record(
        RoleApplicationDeclined.create(this.id, {
          applicationId: a.applicationId, roleId: this.id, regionId: this.s.regionId, organizationId: this.s.organizationId,
          roleCategory: this.s.category, roleTitle: this.s.title, accountId: a.accountId,
        }, now),
      );
    }
  }
}
