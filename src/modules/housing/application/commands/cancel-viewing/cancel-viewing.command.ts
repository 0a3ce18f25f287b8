import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** REQUESTED or SCHEDULED -> CANCELLED, by the requester or managing staff. */
export class CancelViewingCommand extends Command<{ viewingRequestId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly viewingRequestId: string,
  ) {
    super();
  }
}
