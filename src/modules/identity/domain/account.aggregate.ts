import { AccountKind, MembershipRole } from '../../../../libs/auth/caller.js';
import { AggregateRoot } from '../../../../libs/ddd/aggregate-root.js';
import { InvalidInputError } from '../../../../libs/ddd/errors.js';
import { newId } from '../../../../libs/ddd/ids.js';
import { AccountRegistered } from '../../../../libs/contracts/identity/events.js';
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
  memberships: Membership[];
  createdAt: Date;
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
      memberships,
      createdAt: new Date(),
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
  get memberships(): readonly Membership[] {
    return this.state.memberships;
  }
  get createdAt(): Date {
    return this.state.createdAt;
  }
}
