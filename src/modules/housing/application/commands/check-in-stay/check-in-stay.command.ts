import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** CONFIRMED -> CHECKED_IN, by managing staff, from the check-in day. */
export class CheckInStayCommand extends Command<{ stayId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly stayId: string,
  ) {
    super();
  }
}
