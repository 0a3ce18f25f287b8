import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** DRAFT -> OPEN. */
export class OpenEventRegistrationCommand extends Command<{ eventId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly eventId: string,
  ) {
    super();
  }
}

/** OPEN -> CLOSED. */
export class CloseEventRegistrationCommand extends Command<{ eventId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly eventId: string,
  ) {
    super();
  }
}

/** DRAFT, OPEN or CLOSED -> CANCELLED. */
export class CancelEventCommand extends Command<{ eventId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly eventId: string,
  ) {
    super();
  }
}
