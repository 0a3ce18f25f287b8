import { Inject, Injectable } from '@nestjs/common';
import { PasswordHasher } from '#libs/auth/password-hasher.js';
import { TooManyPasswordAttempts } from '../../domain/identity.errors.js';
import { ATTEMPT_COUNTER, type AttemptCounter } from './attempt-counter.js';
import { PasswordAttemptPolicy } from './password-attempt.policy.js';

/** One password to check, and who is trying it from where. */
export interface PasswordAttempt {
  /** The email typed at sign-in, or the signed-in account's: what the per-account count is kept by. */
  email: string;
  /** The client's address (RequestContext.clientAddress). */
  clientAddress: string;
  /** The account's stored hash; undefined for an unknown email (a dummy is checked, for the same time). */
  passwordHash: string | undefined;
  password: string;
}

/**
 * Every check of a password a person types (signIn, changePassword, and any later use
 * case that asks for the password again) goes through here, so failures count together:
 * per account and per client address, under PasswordAttemptPolicy.
 */
@Injectable()
export class PasswordCheck {
  constructor(
    private readonly hasher: PasswordHasher,
    @Inject(ATTEMPT_COUNTER) private readonly counter: AttemptCounter,
  ) {}

  /**
   * True when the password matches (and the account's count starts again), false when it
   * does not (counted). Throws TooManyPasswordAttempts, without checking, while the account
   * or the address is over its limit, and for the failure that takes it over.
   */
  async verify(attempt: PasswordAttempt): Promise<boolean> {
    const account = PasswordAttemptPolicy.accountKey(attempt.email);
    const address = PasswordAttemptPolicy.addressKey(attempt.clientAddress);
    // The account's attempt is counted before the check, not after: concurrent guesses each
    // see the others (the count is one atomic upsert), so a burst of 1,000 cannot all pass a
    // count read before any of them failed. A success or a refusal gives it back. The
    // address is only read here and counted on failure: a crowd signing in at once from one
    // office network must not be refused for checks still running.
    const [reserved, fromAddress] = await Promise.all([
      this.counter.add('account', account),
      this.counter.peek('address', address),
    ]);
    const refusal = PasswordAttemptPolicy.refusal({ account: { ...reserved, count: reserved.count - 1 }, address: fromAddress });
    if (refusal !== null) {
      await this.counter.refund('account', account);
      throw new TooManyPasswordAttempts(refusal);
    }
    if (await this.hasher.verify(attempt.passwordHash, attempt.password)) {
      await this.counter.reset('account', account);
      return true;
    }
    const afterFailure = await this.counter.add('address', address);
    const over = PasswordAttemptPolicy.refusal({ account: reserved, address: afterFailure });
    if (over !== null) throw new TooManyPasswordAttempts(over);
    return false;
  }
}
