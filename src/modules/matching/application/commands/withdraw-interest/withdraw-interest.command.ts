import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** CANDIDATE: takes back their own OPEN interest (OPEN -> WITHDRAWN). */
export class WithdrawInterestCommand extends Command<{ interestId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly interestId: string,
  ) {
    super();
  }
}
