import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** ADMIN: empties every insights read model and builds it again from the whole event log; answers as of when. */
export class RebuildInsightsCommand extends Command<Date> {
  constructor(readonly caller: Caller | null) {
    super();
  }
}
