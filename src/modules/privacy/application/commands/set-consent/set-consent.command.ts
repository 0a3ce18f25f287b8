import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { ConsentPurpose } from '#libs/contracts/privacy/enums.js';
import type { ConsentRow } from '../../privacy.views.js';

/** The caller's answer for a purpose, for every organization or one (setConsent). */
export class SetConsentCommand extends Command<ConsentRow> {
  constructor(
    readonly caller: Caller | null,
    readonly purpose: ConsentPurpose,
    readonly organizationId: string | null,
    readonly granted: boolean,
  ) {
    super();
  }
}
