import { AccountKind, Capability, MembershipRole } from '#libs/contracts/identity/enums.js';
import { AccountRegistered, OrganizationCreated, RegionCreated } from '#libs/contracts/identity/events.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { Account } from './account.aggregate.js';
import { assertPasswordAcceptable } from './identity.errors.js';
import { Organization } from './organization.aggregate.js';
import { Region } from './region.aggregate.js';

describe('Account', () => {
  it('normalizes the email and records AccountRegistered once', () => {
    const account = Account.register({ email: ' Ｓato@Example.JP ', displayName: ' 佐藤 ', kind: AccountKind.CANDIDATE, passwordHash: 'h' });
    expect(account.email).toBe('sato@example.jp');
    expect(account.displayName).toBe('佐藤');
    const events = account.pullEvents();
    expect(events).toHaveLength(1);
    expect(AccountRegistered.is(events[0]) && events[0].payload).toMatchObject({ email: 'sato@example.jp', kind: 'CANDIDATE' });
    expect(account.pullEvents()).toEqual([]);
  });

  it('refuses a malformed email, naming the field', () => {
    expect(() => Account.register({ email: 'nope', displayName: 'x', kind: AccountKind.CANDIDATE, passwordHash: 'h' })).toThrow(
      expect.objectContaining({ fields: [{ field: 'email', message: 'must be an email address' }] }),
    );
  });

  it('keeps an account in an organization once', () => {
    const account = Account.register({
      email: 's@x.jp', displayName: 's', kind: AccountKind.STAFF, passwordHash: 'h',
      memberships: [{ organizationId: 'o', regionId: 'r', role: MembershipRole.OWNER }],
    });
    expect(() => account.join({ organizationId: 'o', regionId: 'r', role: MembershipRole.MEMBER })).toThrow(
      expect.objectContaining({ reason: 'ALREADY_MEMBER' }),
    );
  });
});

describe('Account.changePassword', () => {
  it('replaces the hash and moves to the next token generation, which revokes every older token', () => {
    const account = Account.register({ email: 'p@x.jp', displayName: 'p', kind: AccountKind.CANDIDATE, passwordHash: 'old' });
    expect(account.tokenGeneration).toBe(0);
    account.changePassword('new');
    expect([account.passwordHash, account.tokenGeneration]).toEqual(['new', 1]);
    account.changePassword('newer');
    expect(account.tokenGeneration).toBe(2);
  });

  it('refuses a new password under 10 characters, naming the field asked for', () => {
    expect(() => assertPasswordAcceptable('short', 'newPassword')).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', fields: [{ field: 'newPassword', message: expect.any(String) }] }),
    );
    expect(() => assertPasswordAcceptable('long-enough')).not.toThrow();
  });
});

describe('Region', () => {
  it('takes a slug code and records RegionCreated', () => {
    const region = Region.create({ code: 'kesennuma', name: '気仙沼市', prefecture: '宮城県' });
    expect(RegionCreated.is(region.pullEvents()[0])).toBe(true);
  });

  it('names every bad field at once', () => {
    expect.assertions(1);
    try {
      Region.create({ code: 'Kesen Numa', name: ' ', prefecture: '' });
    } catch (error) {
      expect((error as InvalidInputError).fields.map((f) => f.field)).toEqual(['code', 'name', 'prefecture']);
    }
  });
});

describe('Organization', () => {
  it('keeps each capability once, in a stable order', () => {
    const org = Organization.create({
      regionId: 'r', name: '気仙沼ビズ',
      capabilities: [Capability.EVENTS_MANAGE, Capability.CAREERS_MANAGE, Capability.EVENTS_MANAGE],
    });
    expect(org.state.capabilities).toEqual([Capability.CAREERS_MANAGE, Capability.EVENTS_MANAGE]);
    expect(OrganizationCreated.is(org.pullEvents()[0])).toBe(true);
  });
});
