import { CommandHandler } from '@nestjs/cqrs';
import { requireCaller } from '#libs/auth/require.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { FeedbackAlreadySubmitted } from '../../../domain/events.errors.js';
import { EventFeedback } from '../../../domain/feedback.aggregate.js';
import { EventsRepository } from '../../../infrastructure/events.repository.js';
import { EventsPolicy } from '../../events.policy.js';
import { SubmitEventFeedbackCommand } from './submit-event-feedback.command.js';

@CommandHandler(SubmitEventFeedbackCommand)
export class SubmitEventFeedbackHandler extends TransactionalHandler<SubmitEventFeedbackCommand, { feedbackId: string }> {
  constructor(private readonly repo: EventsRepository) {
    super();
  }

  protected async handle(command: SubmitEventFeedbackCommand) {
    requireCaller(command.caller);
    const registration = await this.repo.findRegistration(command.registrationId);
    if (!registration) throw new NotFoundError('Registration', command.registrationId);
    EventsPolicy.submitFeedback(command.caller, registration);
    const event = await this.repo.findEvent(registration.state.eventId);
    if (!event) throw new NotFoundError('Event', registration.state.eventId);
    // A friendly early answer; the unique registration_id decides under concurrency.
    if (await this.repo.hasFeedback(registration.id)) throw new FeedbackAlreadySubmitted();
    const feedback = EventFeedback.submit({
      registration,
      facts: event.registrationFacts(registration),
      rating: command.rating,
      comment: command.comment,
      interestedWorkStyles: command.interestedWorkStyles,
      now: new Date(),
    });
    await this.repo.saveFeedback(feedback);
    return { feedbackId: feedback.id };
  }
}
