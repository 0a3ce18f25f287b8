import { WorkStyle } from '#libs/contracts/careers/work-style.js';
import { EventFeedbackSubmitted, type RegistrationFacts } from '#libs/contracts/events/events.js';
import { AggregateRoot } from '#libs/ddd/aggregate-root.js';
import { InvalidInputError, type FieldProblem } from '#libs/ddd/errors.js';
import { newId } from '#libs/ddd/ids.js';
import type { Registration } from './registration.entity.js';

export interface FeedbackState {
  id: string;
  registrationId: string;
  eventId: string;
  accountId: string;
  rating: number;
  comment: string | null;
  interestedWorkStyles: WorkStyle[];
  createdAt: Date;
}

export const MAX_COMMENT_LENGTH = 2_000;

/**
 * An attendee's feedback on an event: once per registration, after check-in. Its own
 * aggregate: it changes nothing of the event, so it takes no lock on it.
 */
export class EventFeedback extends AggregateRoot {
  private constructor(readonly state: FeedbackState) {
    super(state.id, 0);
  }

  static submit(input: {
    registration: Registration;
    facts: RegistrationFacts;
    rating: number;
    comment: string | null;
    interestedWorkStyles: WorkStyle[];
    now: Date;
  }): EventFeedback {
    input.registration.assertAttended();
    const problems: FieldProblem[] = [];
    if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) {
      problems.push({ field: 'rating', message: 'must be a whole number from 1 to 5' });
    }
    const comment = input.comment?.trim() || null;
    if (comment !== null && comment.length > MAX_COMMENT_LENGTH) {
      problems.push({ field: 'comment', message: `must have at most ${MAX_COMMENT_LENGTH} characters` });
    }
    if (input.interestedWorkStyles.some((w) => !Object.values(WorkStyle).includes(w))) {
      problems.push({ field: 'interestedWorkStyles', message: 'must be WorkStyle values' });
    }
    if (problems.length > 0) throw new InvalidInputError(problems);
    // Once each, in the enum's order, so equal choices compare equal.
    const interestedWorkStyles = Object.values(WorkStyle).filter((w) => input.interestedWorkStyles.includes(w));
    const feedback = new EventFeedback({
      id: newId(),
      registrationId: input.registration.id,
      eventId: input.registration.state.eventId,
      accountId: input.registration.accountId,
      rating: input.rating,
      comment,
      interestedWorkStyles,
      createdAt: input.now,
    });
    feedback.record(
      EventFeedbackSubmitted.create(
        feedback.id,
        { ...input.facts, feedbackId: feedback.id, rating: input.rating, interestedWorkStyles },
        input.now,
      ),
    );
    return feedback;
  }
}
