import { Command } from '@nestjs/cqrs';
import type { PersonalField } from './enums.js';

/** A read of another person's personal data, as the access log keeps it. */
export interface PersonalDataRead {
  readerAccountId: string;
  subjectAccountId: string;
  fields: PersonalField[];
  /** The root field and the field read, e.g. `candidate.email`. */
  via: string;
}

/**
 * Records reads in the access log. Batched: the reads of one moment share one INSERT, and
 * the command resolves once they are committed, so a resolver that awaits it never hands
 * out data the log does not hold.
 */
export class RecordPersonalDataReadCommand extends Command<void> {
  constructor(readonly reads: readonly PersonalDataRead[]) {
    super();
  }
}

/**
 * Whether showing a person's fullName, email or phone to `reader` is a read the access log
 * keeps (contract 90-privacy): a value was there to show, and the reader is someone other
 * than the person.
 */
export function isLoggedRead<R extends { accountId: string }>(
  reader: R | null | undefined,
  subjectAccountId: string,
  value: string | null | undefined,
): reader is R {
  return value !== null && value !== undefined && !!reader && reader.accountId !== subjectAccountId;
}
