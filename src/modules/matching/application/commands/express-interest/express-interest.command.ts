import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** 興味ある: a candidate's interest in a PUBLISHED opportunity; again returns the live one. */
export class ExpressInterestCommand extends Command<{ interestId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly opportunityId: string,
  ) {
    super();
  }
}
