import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { OutboxSubscriber } from '#libs/messaging/outbox-subscriber.js';
import { ClosePairRequested } from '../../domain/matching.internal-events.js';
import { ClosePairCommand } from '../commands/close-pair/close-pair.command.js';

/** Closes one interest or scout per delivery (see ClosePairRequested). */
@Injectable()
export class ClosePairOnRequest extends OutboxSubscriber {
  readonly name = 'matching.close-pair';
  readonly eventTypes = [ClosePairRequested.type];

  constructor(private readonly commands: CommandBus) {
    super();
  }

  async handle(event: DomainEvent): Promise<void> {
    if (!ClosePairRequested.is(event)) return;
    await this.commands.execute(new ClosePairCommand(event.payload.kind, event.payload.id));
  }
}
