import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import argon2 from 'argon2';

/** argon2id cost; the defaults follow OWASP's recommendation, tests may lower them. */
export interface PasswordHashOptions {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export const PASSWORD_HASH_OPTIONS = Symbol('PASSWORD_HASH_OPTIONS');

export const DEFAULT_PASSWORD_HASH: PasswordHashOptions = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** Hashes and checks passwords with argon2id. */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  // A real hash to verify against when the account does not exist, so that a wrong email
  // costs the same time as a wrong password.
  private dummy?: Promise<string>;

  constructor(@Inject(PASSWORD_HASH_OPTIONS) private readonly options: PasswordHashOptions) {}

  /**
   * Starts the dummy hash at start (on libuv's threads, while the app goes on starting), so
   * the first unknown email costs no more than a wrong password.
   */
  onModuleInit(): void {
    this.dummy ??= this.hash('not-a-real-password');
    this.dummy.catch(() => undefined); // awaited, and its failure met, by `verify`
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, ...this.options });
  }

  /** Whether `password` matches `hash`; with no hash (no such account) a dummy one is checked, for the same cost. */
  async verify(hash: string | undefined, password: string): Promise<boolean> {
    if (hash === undefined) {
      this.dummy ??= this.hash('not-a-real-password');
      await argon2.verify(await this.dummy, password).catch(() => false);
      return false;
    }
    return argon2.verify(hash, password).catch(() => false);
  }
}
