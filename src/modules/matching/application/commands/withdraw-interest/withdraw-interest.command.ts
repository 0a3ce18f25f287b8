import { Command } from '@nestjs/cqrs';
import type { Caller } from '../../../../../../libs/auth/caller.js';

export class WithdrawInterestCommand extends Command<{ interestId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly interestId: string,
  ) {
    super();
  }
}

/** staff: OPEN -> ACCEPTED (a match follows through the outbox). */
export class AcceptInterestCommand extends WithdrawInterestCommand {}

/** staff: OPEN -> DECLINED. */
export class DeclineInterestCommand extends WithdrawInterestCommand {}
