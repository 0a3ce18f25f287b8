import { CommandHandler } from '@nestjs/cqrs';
import { RegistrationStatus } from '#libs/contracts/events/enums.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { unpredictableSeed } from '../../../domain/lottery.js';
import { EventsRepository } from '../../../infrastructure/events.repository.js';
import { loadManagedEvent } from '../load-managed-event.js';
import { DrawLotteryCommand } from './draw-lottery.command.js';

@CommandHandler(DrawLotteryCommand)
export class DrawLotteryHandler extends TransactionalHandler<DrawLotteryCommand, { eventId: string }> {
  constructor(private readonly repo: EventsRepository) {
    super();
  }

  protected async handle(command: DrawLotteryCommand) {
    const event = await loadManagedEvent(this.repo, command.caller, command.eventId);
    // Under the lock, so no application or withdrawal changes the set being drawn.
    const applicants = await this.repo.findRegistrationsWithStatus(event.id, RegistrationStatus.APPLIED);
    const draw = event.drawLottery(applicants, command.seed ?? unpredictableSeed(), new Date());
    await this.repo.saveEvent(event, { registrations: applicants, lotteryDraw: draw });
    return { eventId: event.id };
  }
}
