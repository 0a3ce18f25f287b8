/**
 * Phone numbers as people type them on Japanese keyboards: full-width digits (０９０), and
 * the dash-like characters an IME gives for "-" (－ U+FF0D is NFKC's; − U+2212, ‐ ‑ ‒ – —
 * ― U+2010–2015, ー U+30FC, ｰ U+FF70 are not). One rule for every module that keeps a phone.
 */
const DASHES = /[\u2010-\u2015\u2212\u30fc\uff70\ufe63]/g;

/** NFKC, dashes made "-", runs of spaces made one, trimmed. */
export function normalizePhone(raw: string): string {
  return raw.normalize('NFKC').replace(DASHES, '-').replace(/\s+/g, ' ').trim();
}

/** A normalized phone number: digits with spaces, dashes and brackets, an optional leading +, 6 to 20 digits. */
export function isPhoneNumber(phone: string): boolean {
  const digits = phone.replace(/[^0-9]/g, '').length;
  return /^\+?[0-9(][0-9 ()-]*[0-9]$/.test(phone) && digits >= 6 && digits <= 20;
}
