import { PASSWORD_ATTEMPT_LIMITS, PasswordAttemptPolicy } from './password-attempt.policy.js';

const window = (count: number, msBeforeReset = 60_000) => ({ count, msBeforeReset });

describe('PasswordAttemptPolicy', () => {
  it('follows contract 15: 10 failures per account and 100 per address in 15 minutes', () => {
    expect(PASSWORD_ATTEMPT_LIMITS).toEqual({
      account: { maxFailures: 10, windowSeconds: 900 },
      address: { maxFailures: 100, windowSeconds: 900 },
    });
  });

  it('lets a password be tried up to the limit and refuses only beyond it', () => {
    expect(PasswordAttemptPolicy.refusal({ account: window(10), address: window(100) })).toBeNull();
    expect(PasswordAttemptPolicy.refusal({ account: window(11), address: window(0) })).toBe(60);
    expect(PasswordAttemptPolicy.refusal({ account: window(0), address: window(101, 5_000) })).toBe(5);
  });

  it('answers the longer wait when both are over, rounded up, and never less than a second', () => {
    expect(PasswordAttemptPolicy.refusal({ account: window(11, 1_200), address: window(101, 90_001) })).toBe(91);
    expect(PasswordAttemptPolicy.refusal({ account: window(11, 0), address: window(0) })).toBe(1);
    expect(PasswordAttemptPolicy.refusal({ account: window(11, 1), address: window(0) })).toBe(1);
  });

  it('counts an account by its email as stored, so case and width variants are one account', () => {
    const key = PasswordAttemptPolicy.accountKey('taro@example.jp');
    for (const variant of ['Taro@Example.JP', ' TARO@example.jp ', 'ｔａｒｏ@ｅｘａｍｐｌｅ.jp']) {
      expect(PasswordAttemptPolicy.accountKey(variant)).toBe(key);
    }
    expect(PasswordAttemptPolicy.accountKey('jiro@example.jp')).not.toBe(key);
  });

  it('counts an IPv4 address as is (also IPv4-mapped) and an IPv6 address by its /64', () => {
    expect(PasswordAttemptPolicy.addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(PasswordAttemptPolicy.addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    const net = PasswordAttemptPolicy.addressKey('2001:db8:1:2::1');
    expect(net).toBe('2001:db8:1:2::/64');
    for (const same of ['2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:DB8:1:2:0:0:0:99', '2001:db8:1:2::1.2.3.4', 'fe80::1%eth0'.replace('fe80::1', '2001:db8:1:2::7')]) {
      expect(PasswordAttemptPolicy.addressKey(same)).toBe(net);
    }
    expect(PasswordAttemptPolicy.addressKey('2001:db8:1:3::1')).not.toBe(net);
    expect(PasswordAttemptPolicy.addressKey('::1')).toBe('0:0:0:0::/64');
    expect(PasswordAttemptPolicy.addressKey('unknown')).toBe('unknown');
  });
});
