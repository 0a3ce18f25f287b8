import { AccountKind, Caller } from '#libs/auth/caller.js';
import { isLoggedRead } from '#libs/contracts/privacy/commands.js';
import { PrivacyPolicy } from './privacy.policy.js';

const PERSON = '00000000-0000-4000-8000-000000000001';
const STAFF = '00000000-0000-4000-8000-000000000002';
const staff = new Caller(STAFF, AccountKind.STAFF, 'スタッフ', 's@example.jp', []);
const person = new Caller(PERSON, AccountKind.CANDIDATE, '本人', 'p@example.jp', []);

describe('PrivacyPolicy', () => {
  // The rule is privacy's contract (isLoggedRead), which every module's resolvers apply through reveal().
  it('logs a read of someone else’s value, not the person’s own, not an empty field, not the anonymous', () => {
    expect(isLoggedRead(staff, PERSON, '090-1234-5678')).toBe(true);
    expect(isLoggedRead(person, PERSON, '090-1234-5678')).toBe(false);
    expect(isLoggedRead(staff, PERSON, null)).toBe(false);
    expect(isLoggedRead(staff, PERSON, undefined)).toBe(false);
    expect(isLoggedRead(null, PERSON, '090-1234-5678')).toBe(false);
  });

  it('lets the signed-in see their own data and only an ADMIN the audit', () => {
    expect(PrivacyPolicy.own(person)).toBe(person);
    expect(() => PrivacyPolicy.own(null)).toThrow();
    expect(() => PrivacyPolicy.audit(staff)).toThrow();
    const admin = new Caller(STAFF, AccountKind.ADMIN, 'admin', 'a@example.jp', []);
    expect(PrivacyPolicy.audit(admin)).toBe(admin);
  });
});
