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
