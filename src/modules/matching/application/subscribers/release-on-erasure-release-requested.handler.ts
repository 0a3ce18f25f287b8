import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { OutboxSubscriber } from '#libs/messaging/outbox-subscriber.js';
import { ErasureReleaseRequested } from '../../domain/matching.internal-events.js';
import { ReleaseForErasureCommand } from '../commands/release-for-erasure/release-for-erasure.command.js';

/** Releases one match, interest or scout of an erased person per delivery (see ErasureReleaseRequested). */
@Injectable()
export class ReleaseOnErasureReleaseRequested extends OutboxSubscriber {
  readonly name = 'matching.erasure-release';
  readonly eventTypes = [ErasureReleaseRequested.type];

  constructor(private readonly commands: CommandBus) {
    super();
  }

  async handle(event: DomainEvent): Promise<void> {
    if (!ErasureReleaseRequested.is(event)) return;
    const { kind, id, accountId } = event.payload;
    await this.commands.execute(new ReleaseForErasureCommand(kind, id, accountId));
  }
}
