import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** Organizer staff check an attendee in on the day: CONFIRMED -> ATTENDED. */
export class CheckInAttendeeCommand extends Command<{ registrationId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly registrationId: string,
    /** When it happens: now, except for the demo loader replaying a past event at its time. */
    readonly at: Date = new Date(),
  ) {
    super();
  }
}
