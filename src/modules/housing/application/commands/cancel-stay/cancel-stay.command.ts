import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** REQUESTED or CONFIRMED -> CANCELLED, by the guest or managing staff. */
export class CancelStayCommand extends Command<{ stayId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly stayId: string,
  ) {
    super();
  }
}
