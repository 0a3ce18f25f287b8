import { AccountKind, Capability, MembershipRole } from '../contracts/identity/enums.js';
import type { VerifiedToken } from './token-service.js';

// These enums are identity's contract (pure values a domain may import); re-exported here
// so every user of libs/auth keeps finding them where it always did.
export { AccountKind, Capability, MembershipRole };

/** One organization the caller works for, with what it may run and where. */
export interface CallerMembership {
  organizationId: string;
  regionId: string;
  role: MembershipRole;
  capabilities: readonly Capability[];
}

/** The token a signed-in caller presented: what signOut revokes. */
export interface CallerSession {
  tokenId: string;
  expiresAt: Date;
}

/**
 * The signed-in account as every module's policies see it. Built once per request from
 * the token and identity's current data, so a revoked capability takes effect at once.
 */
export class Caller {
  constructor(
    readonly accountId: string,
    readonly kind: AccountKind,
    readonly displayName: string,
    readonly email: string,
    readonly memberships: readonly CallerMembership[],
    /** The token this request came with; absent for callers made in code (demo loaders, tests). */
    readonly session?: CallerSession,
    /** When the account was created, as loaded with the rest (so `me` needs no query of its own). */
    readonly accountCreatedAt?: Date,
  ) {}

  get isAdmin(): boolean {
    return this.kind === AccountKind.ADMIN;
  }

  get isCandidate(): boolean {
    return this.kind === AccountKind.CANDIDATE;
  }

  get isStaff(): boolean {
    return this.kind === AccountKind.STAFF;
  }

  /** Whether one of the caller's organizations may run `capability` in `regionId`. */
  can(capability: Capability, regionId: string): boolean {
    return this.memberships.some((m) => m.regionId === regionId && m.capabilities.includes(capability));
  }

  /** Whether the caller works for `organizationId` with `capability`. */
  canFor(capability: Capability, organizationId: string): boolean {
    return this.memberships.some((m) => m.organizationId === organizationId && m.capabilities.includes(capability));
  }

  /** The regions where the caller may run `capability`. */
  regionsWith(capability: Capability): string[] {
    return [...new Set(this.memberships.filter((m) => m.capabilities.includes(capability)).map((m) => m.regionId))];
  }

  /** Whether the caller is a member of the organization (any role). */
  memberOf(organizationId: string): boolean {
    return this.memberships.some((m) => m.organizationId === organizationId);
  }

  isOwnerOf(organizationId: string): boolean {
    return this.memberships.some((m) => m.organizationId === organizationId && m.role === MembershipRole.OWNER);
  }
}

/**
 * Identity's answer to "who is this account now, and is this token still good?"; provided
 * by the identity module. Null when the account is gone or the token was revoked.
 */
export interface CallerDirectory {
  load(token: VerifiedToken): Promise<Caller | null>;
}

export const CALLER_DIRECTORY = Symbol('CALLER_DIRECTORY');
