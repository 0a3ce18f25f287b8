import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** REQUESTED -> DECLINED, by managing staff. */
export class DeclineStayCommand extends Command<{ stayId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly stayId: string,
  ) {
    super();
  }
}
