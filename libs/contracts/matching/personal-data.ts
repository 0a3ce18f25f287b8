import { Query } from '@nestjs/cqrs';
import type { PersonalDataSection } from '../privacy/export.js';

/**
 * The matching module's section of a person's export (exportMyData, contract 90-privacy):
 * everything it holds about the account, as plain JSON values.
 */
export class ExportMatchingPersonalDataQuery extends Query<PersonalDataSection> {
  constructor(readonly accountId: string) {
    super();
  }
}
