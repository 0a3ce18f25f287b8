import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { EventDetails } from '../../../domain/event.aggregate.js';

/** Creates a DRAFT event organized by `organizationId`, in that organization's region. */
export class CreateEventCommand extends Command<{ eventId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly organizationId: string,
    readonly details: EventDetails,
  ) {
    super();
  }
}
