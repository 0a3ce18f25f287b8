import { Injectable } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import type { Event } from '../../../domain/event.aggregate.js';
import { EventsRepository } from '../../../infrastructure/events.repository.js';
import { loadManagedEvent } from '../load-managed-event.js';
import { CancelEventCommand, CloseEventRegistrationCommand, OpenEventRegistrationCommand } from './change-event-status.command.js';

type StatusCommand = { caller: Caller | null; eventId: string };

/** One lifecycle move: lock the event, ask the policy, move, save. */
@Injectable()
abstract class ChangeEventStatusHandler<C extends StatusCommand> extends TransactionalHandler<C, { eventId: string }> {
  constructor(protected readonly repo: EventsRepository) {
    super();
  }

  protected abstract apply(event: Event, now: Date): void;

  protected async handle(command: C) {
    const event = await loadManagedEvent(this.repo, command.caller, command.eventId);
    this.apply(event, new Date());
    await this.repo.saveEvent(event);
    return { eventId: event.id };
  }
}

@CommandHandler(OpenEventRegistrationCommand)
export class OpenEventRegistrationHandler extends ChangeEventStatusHandler<OpenEventRegistrationCommand> {
  protected apply(event: Event, now: Date) {
    event.open(now);
  }
}

@CommandHandler(CloseEventRegistrationCommand)
export class CloseEventRegistrationHandler extends ChangeEventStatusHandler<CloseEventRegistrationCommand> {
  protected apply(event: Event, now: Date) {
    event.close(now);
  }
}

@CommandHandler(CancelEventCommand)
export class CancelEventHandler extends ChangeEventStatusHandler<CancelEventCommand> {
  protected apply(event: Event, now: Date) {
    event.cancel(now);
  }
}
