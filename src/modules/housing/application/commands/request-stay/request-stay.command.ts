import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { CalendarDay } from '#libs/ddd/calendar-day.js';

/** A CANDIDATE asks for nights at a PUBLISHED TRIAL_STAY or SHARED_HOUSE. */
export class RequestStayCommand extends Command<{ stayId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly listingId: string,
    readonly ask: { checkIn: CalendarDay; checkOut: CalendarDay; partySize: number; purpose: string | null },
    readonly register: { fullName: string; phone: string },
  ) {
    super();
  }
}
