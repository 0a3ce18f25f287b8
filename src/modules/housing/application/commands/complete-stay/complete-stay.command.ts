import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** CHECKED_IN -> COMPLETED, by managing staff. */
export class CompleteStayCommand extends Command<{ stayId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly stayId: string,
  ) {
    super();
  }
}
