import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** Draws a LOTTERY event's seats, once; without a seed the server picks an unpredictable one. */
export class DrawLotteryCommand extends Command<{ eventId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly eventId: string,
    readonly seed: string | null,
  ) {
    super();
  }
}
