import { Injectable } from '@nestjs/common';
import type { Caller } from '#libs/auth/caller.js';
import { requireCandidate } from '#libs/auth/require.js';
import { RegistrationStatus } from '#libs/contracts/events/enums.js';
import {
  AttendeeCheckedIn,
  AttendeeNoShow,
  RegistrationApplied,
  RegistrationCancelled,
  RegistrationConfirmed,
  RegistrationPromoted,
  RegistrationWaitlisted,
  type RegistrationFacts,
} from '#libs/contracts/events/events.js';
import type { LiveChannel, LiveEvent } from '#libs/messaging/live-feed.js';
import { EventsReadModel } from '../../infrastructure/events.read-model.js';
import type { RegistrationView } from '../queries/events.queries.js';

const EVENT_TYPES = [
  RegistrationApplied, RegistrationConfirmed, RegistrationWaitlisted, RegistrationPromoted, RegistrationCancelled,
  AttendeeCheckedIn, AttendeeNoShow,
].map((d) => d.type);

/**
 * From which queue position on the queue moved with a cancellation, or null. v2 says;
 * for a v1 event, any queue may have moved when a seat or a queue place was given up.
 */
export function queueMovedAfter(event: LiveEvent): number | null {
  if (!RegistrationCancelled.is(event)) return null;
  const { queueMovedAfter: after, previousStatus } = event.payload;
  if (after !== undefined) return after;
  return previousStatus === RegistrationStatus.CONFIRMED || previousStatus === RegistrationStatus.WAITLISTED ? 1 : null;
}

/**
 * myRegistrationChanged: a candidate's registrations, pushed as `myRegistrations` shows
 * them whenever one changes — applied, confirmed (at registration, by the draw, or from the
 * queue when a seat frees), waitlisted, cancelled, checked in, no-show — and when their
 * place in a queue moves because someone ahead left it. Keyed by account.
 */
@Injectable()
export class RegistrationChangesChannel implements LiveChannel<string, RegistrationView> {
  readonly name = 'events.my-registration';
  readonly eventTypes = EVENT_TYPES;

  constructor(private readonly read: EventsReadModel) {}

  /** Who may subscribe, and to what: a candidate, to their own registrations. */
  keyFor(caller: Caller | null): string {
    return requireCandidate(caller).accountId;
  }

  async route(event: LiveEvent, accounts: ReadonlySet<string>): Promise<Array<[string, RegistrationView]>> {
    const facts = event.payload as RegistrationFacts;
    const own = accounts.has(facts.accountId) ? await this.read.registrationsByIds([facts.registrationId]) : [];
    const after = queueMovedAfter(event);
    const others = [...accounts].filter((a) => a !== facts.accountId);
    // Positions above `after` moved up by one, so the movers now stand at `after` or behind.
    const moved = after !== null && others.length > 0 ? await this.read.queuedRegistrationsOf(facts.eventId, others, after) : [];
    return [...own, ...moved].map((r) => [r.accountId, r]);
  }
}
