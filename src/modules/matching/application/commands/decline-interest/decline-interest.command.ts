import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** staff: OPEN -> DECLINED. */
export class DeclineInterestCommand extends Command<{ interestId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly interestId: string,
  ) {
    super();
  }
}
