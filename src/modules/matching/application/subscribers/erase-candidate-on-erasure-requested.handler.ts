import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AccountErasureRequested } from '#libs/contracts/privacy/events.js';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { OutboxSubscriber } from '#libs/messaging/outbox-subscriber.js';
import { EraseCandidateCommand } from '../commands/erase-candidate/erase-candidate.command.js';

/** An erased account (contract 90-privacy): matching removes what it holds about the person. */
@Injectable()
export class EraseCandidateOnErasureRequested extends OutboxSubscriber {
  readonly name = 'matching.erasure';
  readonly eventTypes = [AccountErasureRequested.type];

  constructor(private readonly commands: CommandBus) {
    super();
  }

  async handle(event: DomainEvent): Promise<void> {
    if (!AccountErasureRequested.is(event)) return;
    await this.commands.execute(new EraseCandidateCommand(event.payload.accountId));
  }
}
