import { Command } from '@nestjs/cqrs';
import type { Caller } from '../../../../../../libs/auth/caller.js';
import type { MatchStage } from '../../../domain/match.aggregate.js';

export class AdvanceMatchCommand extends Command<{ matchId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly matchId: string,
    readonly stage: MatchStage,
    readonly note: string | null,
  ) {
    super();
  }
}

export class AssignCoordinatorCommand extends Command<{ matchId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly matchId: string,
    readonly coordinatorAccountId: string,
  ) {
    super();
  }
}

export class SendMessageCommand extends Command<{ messageId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly matchId: string,
    readonly body: string,
  ) {
    super();
  }
}
