import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { InterestAccepted, ScoutAccepted } from '#libs/contracts/matching/events.js';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { OutboxSubscriber } from '#libs/messaging/outbox-subscriber.js';
import { EstablishMatchCommand } from '../commands/establish-match/establish-match.command.js';

/** An accepted interest or scout is the second yes: the match is made (its own aggregate, its own step). */
@Injectable()
export class EstablishMatchOnAcceptance extends OutboxSubscriber {
  readonly name = 'matching.establish-match';
  readonly eventTypes = [InterestAccepted.type, ScoutAccepted.type];

  constructor(private readonly commands: CommandBus) {
    super();
  }

  async handle(event: DomainEvent): Promise<void> {
    if (InterestAccepted.is(event)) {
      const { interestId, acceptedBy: _, ...pair } = event.payload;
      await this.commands.execute(new EstablishMatchCommand(pair, 'INTEREST', interestId));
    } else if (ScoutAccepted.is(event)) {
      const { scoutId, ...pair } = event.payload;
      await this.commands.execute(new EstablishMatchCommand(pair, 'SCOUT', scoutId));
    }
  }
}
