import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

export class CreateRegionCommand extends Command<{ regionId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly code: string,
    readonly name: string,
    readonly prefecture: string,
  ) {
    super();
  }
}
