import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** Frees blocked nights, by managing staff. */
export class UnblockListingNightsCommand extends Command<{ blockId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly blockId: string,
  ) {
    super();
  }
}
