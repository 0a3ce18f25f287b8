import { InvalidInputError } from '../../../../libs/ddd/errors.js';

// Deliberately plain: one @, no spaces, a dot in the domain. Deliverability is the mail
// server's to judge, not a regex's.
const SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An email address, compared and stored in lower case. */
export function normalizeEmail(raw: string, field = 'email'): string {
  const email = raw.normalize('NFKC').trim().toLowerCase();
  if (!SHAPE.test(email) || email.length > 254) throw InvalidInputError.field(field, 'must be an email address');
  return email;
}
