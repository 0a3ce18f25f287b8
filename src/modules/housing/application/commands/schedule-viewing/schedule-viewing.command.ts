import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** REQUESTED -> SCHEDULED at a time to come, by managing staff. */
export class ScheduleViewingCommand extends Command<{ viewingRequestId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly viewingRequestId: string,
    readonly at: Date,
  ) {
    super();
  }
}
