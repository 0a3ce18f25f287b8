import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** REQUESTED -> DECLINED, by managing staff. */
export class DeclineViewingCommand extends Command<{ viewingRequestId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly viewingRequestId: string,
  ) {
    super();
  }
}
