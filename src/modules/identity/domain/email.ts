import { InvalidInputError } from '#libs/ddd/errors.js';

// Deliberately plain: one @, no spaces, a dot in the domain. Deliverability is the mail
// server's to judge, not a regex's.
const SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The one form of an email address that accounts are stored and compared in (NFKC,
 * trimmed, lower case), without judging its shape: sign-in and its attempt counter use it
 * for whatever was typed, so `Taro@Example.jp` and `ｔａｒｏ@example.jp` are one account.
 */
export function canonicalEmail(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase();
}

/** An email address, compared and stored in lower case. */
export function normalizeEmail(raw: string, field = 'email'): string {
  const email = canonicalEmail(raw);
  if (!SHAPE.test(email) || email.length > 254) throw InvalidInputError.field(field, 'must be an email address');
  return email;
}
