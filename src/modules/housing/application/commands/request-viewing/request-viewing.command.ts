import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { CalendarDay } from '#libs/ddd/calendar-day.js';

/** A CANDIDATE asks to see a PUBLISHED listing that is not a TRIAL_STAY. */
export class RequestViewingCommand extends Command<{ viewingRequestId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly listingId: string,
    readonly ask: { preferredDates: CalendarDay[]; message: string | null },
    readonly register: { fullName: string; phone: string },
  ) {
    super();
  }
}
