import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError } from '#libs/ddd/errors.js';
import { whyRegistrationClosed } from '../../../domain/event.aggregate.js';
import { RegistrationClosed } from '../../../domain/events.errors.js';
import { EventsRepository } from '../../../infrastructure/events.repository.js';
import { EventsPolicy } from '../../events.policy.js';
import type { RegistrationView } from '../../queries/events.queries.js';
import { RegisterForEventCommand } from './register-for-event.command.js';

/**
 * The hot path of a popular event: everyone registers in the first minute, all queueing on
 * one event row's lock. So the whole command is one statement — the SQL function
 * events.register_for_event, run by `UnitOfWork.runStatement` as a transaction of its own —
 * and the lock is held only while it runs, never across a round trip to this process.
 * Who may register is decided here first, from the caller the guard resolved before any
 * SQL; the attendee's name and email come from it too.
 *
 * Where this bends ARCHITECTURE.md and CONVENTIONS.md, and why: the seat rule and the
 * domain event are applied in SQL, not by the Event aggregate (`Event.register`) in this
 * process, because loading the aggregate and saving it back means round trips under the
 * lock (issue 9: 3× the plain transaction's time for a 2,000-person burst). The aggregate's
 * rule stays the spec — `whyRegistrationClosed`, `placeNewRegistration`,
 * `countsAfterPlacing` and the events `Event.register` records, with their unit and
 * fast-check tests — and test/events/register-function.e2e-spec.ts drives the function
 * and the aggregate with the same sequences and requires the same answers, counters and
 * outbox rows, as matching's scoring is checked against its SQL. Rule 5 holds unchanged:
 * the event row's lock decides and the unique index on the active (event, account)
 * backs it up. One command, one transaction, one aggregate, its events in the outbox in
 * that transaction: also unchanged.
 */
@CommandHandler(RegisterForEventCommand)
export class RegisterForEventHandler implements ICommandHandler<RegisterForEventCommand, RegistrationView> {
  constructor(private readonly repo: EventsRepository) {}

  async execute(command: RegisterForEventCommand): Promise<RegistrationView> {
    const caller = EventsPolicy.register(command.caller);
    const now = command.at;
    const result = await this.repo.registerForEvent(
      command.eventId,
      { accountId: caller.accountId, displayName: caller.displayName, email: caller.email },
      now,
    );
    switch (result.outcome) {
      case 'NOT_FOUND':
        throw new NotFoundError('Event', command.eventId);
      case 'CLOSED': {
        // The message is the domain's; a refusal the domain would not make is a bug, not a 409.
        const why = whyRegistrationClosed(result.event, now);
        if (why === null) throw new Error('events.register_for_event refused a registration the domain rule allows');
        throw new RegistrationClosed(why);
      }
      case 'EXISTING':
      case 'CREATED':
        return result.registration;
    }
  }
}
