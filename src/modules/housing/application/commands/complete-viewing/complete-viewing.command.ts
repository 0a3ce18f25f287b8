import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** SCHEDULED -> DONE, by managing staff. */
export class CompleteViewingCommand extends Command<{ viewingRequestId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly viewingRequestId: string,
  ) {
    super();
  }
}
