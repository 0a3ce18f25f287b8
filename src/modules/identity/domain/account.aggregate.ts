import { AccountKind, MembershipRole } from '#libs/contracts/identity/enums.js';
import { AggregateRoot } from '#libs/ddd/aggregate-root.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { newId } from '#libs/ddd/ids.js';
import { AccountErased, AccountRegistered } from '#libs/contracts/identity/events.js';
import { ERASED_DISPLAY_NAME } from '#libs/contracts/privacy/enums.js';
import { normalizeEmail } from './email.js';
import { AlreadyMember } from './identity.errors.js';

/** Where an account works: an organization (in a region) and its role there. */
export interface Membership {
  organizationId: string;
  regionId: string;
  role: MembershipRole;
}

export interface AccountState {
  id: string;
  email: string;
  displayName: string;
  kind: AccountKind;
  passwordHash: string;
  /**
   * Which generation of tokens is valid: every token carries the generation it was issued
   * in, and a token of an older one is refused. Changing the password moves it on.
   */
  tokenGeneration: number;
  memberships: Membership[];
  createdAt: Date;
  /** When the person erased the account (contract 90-privacy); null while it is in use. */
  erasedAt: Date | null;
  version: number;
}

function cleanDisplayName(raw: string): string {
  const name = raw.normalize('NFKC').trim();
  if (name.length === 0 || name.length > 100) throw InvalidInputError.field('displayName', 'must have 1 to 100 characters');
  return name;
}

/** An account: who signs in, and the organizations a STAFF account works for. */
export class Account extends AggregateRoot {
  private constructor(private readonly state: AccountState) {
    super(state.id, state.version);
  }

  static restore(state: AccountState): Account {
    return new Account(state);
  }

  /** A new account; `passwordHash` is computed by the application layer (argon2id). */
  static register(input: {
    email: string;
    displayName: string;
    kind: AccountKind;
    passwordHash: string;
    memberships?: Membership[];
  }): Account {
    const memberships = input.memberships ?? [];
    if (input.kind === AccountKind.STAFF && memberships.length === 0) {
      throw new Error('A STAFF account belongs to at least one organization');
    }
    const account = new Account({
      id: newId(),
      email: normalizeEmail(input.email),
      displayName: cleanDisplayName(input.displayName),
      kind: input.kind,
      passwordHash: input.passwordHash,
      tokenGeneration: 0,
      memberships,
      createdAt: new Date(),
      erasedAt: null,
      version: 0,
    });
    account.record(
      AccountRegistered.create(account.id, {
        accountId: account.id,
        email: account.email,
        displayName: account.displayName,
        kind: account.kind,
        memberships: memberships.map((m) => ({ ...m })),
      }),
    );
    return account;
  }

  /** Adds a membership; an account is in an organization at most once. */
  join(membership: Membership): void {
    if (this.state.memberships.some((m) => m.organizationId === membership.organizationId)) throw new AlreadyMember();
    this.state.memberships.push(membership);
  }

  /**
   * Replaces the password (its argon2id hash, computed by the application layer, which
   * has checked the current one) and revokes every token issued so far.
   */
  changePassword(passwordHash: string): void {
    this.state.passwordHash = passwordHash;
    this.state.tokenGeneration += 1;
  }

  /**
   * Erasure: the email and name leave the account (the email becomes an address of the
   * reserved `.invalid` domain made from the id, so signing in with the old one fails as for
   * an unknown email), no password opens it again, and every token issued so far is revoked.
   * Erasing twice changes nothing.
   */
  erase(at: Date): void {
    if (this.state.erasedAt !== null) return;
    this.state.email = erasedEmail(this.state.id);
    this.state.displayName = ERASED_DISPLAY_NAME;
    this.state.passwordHash = '';
    this.state.tokenGeneration += 1;
    this.state.erasedAt = at;
    this.record(AccountErased.create(this.id, { accountId: this.id, erasedAt: at.toISOString() }));
  }

  get erasedAt(): Date | null {
    return this.state.erasedAt;
  }

  get email(): string {
    return this.state.email;
  }
  get displayName(): string {
    return this.state.displayName;
  }
  get kind(): AccountKind {
    return this.state.kind;
  }
  get passwordHash(): string {
    return this.state.passwordHash;
  }
  get tokenGeneration(): number {
    return this.state.tokenGeneration;
  }
  get memberships(): readonly Membership[] {
    return this.state.memberships;
  }
  get createdAt(): Date {
    return this.state.createdAt;
  }
}

/** The placeholder address of an erased account: unique, routable nowhere (RFC 2606), no personal data. */
export function erasedEmail(accountId: string): string {
  return `erased-${accountId}@erased.invalid`;
}
