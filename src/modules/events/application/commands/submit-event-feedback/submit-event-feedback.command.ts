import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { WorkStyle } from '#libs/contracts/careers/work-style.js';

/** The attendee rates the event once, after checking in. */
export class SubmitEventFeedbackCommand extends Command<{ feedbackId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly registrationId: string,
    readonly rating: number,
    readonly comment: string | null,
    readonly interestedWorkStyles: WorkStyle[],
  ) {
    super();
  }
}
