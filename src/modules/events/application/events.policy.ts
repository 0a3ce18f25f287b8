import { Capability, type Caller } from '#libs/auth/caller.js';
import { requireCaller, requireCandidate } from '#libs/auth/require.js';
import { EventStatus } from '#libs/contracts/events/enums.js';
import { ForbiddenError } from '#libs/ddd/errors.js';

/** Which organization runs an event, and where. */
export interface Organizer {
  organizationId: string;
  regionId: string;
}

/** The statuses everyone sees in lists. */
export const PUBLIC_STATUSES: readonly EventStatus[] = [EventStatus.OPEN, EventStatus.CLOSED, EventStatus.COMPLETED];

/**
 * Who may run events' workflows. Events are run by staff of the organizer organization,
 * whose organization has EVENTS_MANAGE in its (the event's) region; nobody else, not even
 * an ADMIN. Candidates register; attendees cancel and give feedback on their own.
 */
export const EventsPolicy = {
  /** Whether the caller works for the organizer, which may run events in the event's region. */
  isOrganizerStaff(caller: Caller | null, organizer: Organizer): boolean {
    return (
      !!caller &&
      caller.memberships.some(
        (m) =>
          m.organizationId === organizer.organizationId &&
          m.regionId === organizer.regionId &&
          m.capabilities.includes(Capability.EVENTS_MANAGE),
      )
    );
  },

  /** Creating an event for `organizationId`: a member of it, and it has EVENTS_MANAGE. */
  createEvent(caller: Caller | null, organizationId: string): Caller {
    const known = requireCaller(caller);
    if (!known.canFor(Capability.EVENTS_MANAGE, organizationId)) {
      throw new ForbiddenError('Only staff of this organization, with EVENTS_MANAGE, may create its events');
    }
    return known;
  },

  /** Lifecycle moves, the draw, check-in, the attendee list. */
  manage(caller: Caller | null, organizer: Organizer): Caller {
    const known = requireCaller(caller);
    if (!EventsPolicy.isOrganizerStaff(known, organizer)) {
      throw new ForbiddenError("Only staff of the organizer, with EVENTS_MANAGE in the event's region, may do this");
    }
    return known;
  },

  /** Only CANDIDATE accounts register. */
  register(caller: Caller | null): Caller {
    return requireCandidate(caller);
  },

  /** The attendee, or organizer staff; says which, for the record. */
  cancelRegistration(caller: Caller | null, registration: { accountId: string }, organizer: Organizer): 'ATTENDEE' | 'ORGANIZER' {
    const known = requireCaller(caller);
    if (known.accountId === registration.accountId) return 'ATTENDEE';
    if (EventsPolicy.isOrganizerStaff(known, organizer)) return 'ORGANIZER';
    throw new ForbiddenError('Only the attendee or staff of the organizer may cancel this registration');
  },

  /** Feedback comes from the attendee only. */
  submitFeedback(caller: Caller | null, registration: { accountId: string }): Caller {
    const known = requireCaller(caller);
    if (known.accountId !== registration.accountId) throw new ForbiddenError('Only the attendee may give feedback on their registration');
    return known;
  },

  /** A DRAFT is seen only by organizer staff; every other status by everyone. */
  seesEvent(caller: Caller | null, event: Organizer & { status: EventStatus }): boolean {
    return event.status !== EventStatus.DRAFT || EventsPolicy.isOrganizerStaff(caller, event);
  },

  /** Personal data: the attendee, an ADMIN, or organizer staff. */
  seesAttendeeEmail(caller: Caller | null, registration: { accountId: string }, organizer: Organizer): boolean {
    if (!caller) return false;
    return caller.accountId === registration.accountId || caller.isAdmin || EventsPolicy.isOrganizerStaff(caller, organizer);
  },

  /** The organizations whose non-public events (DRAFT, CANCELLED) the caller may list. */
  organizerOrganizations(caller: Caller | null): string[] {
    if (!caller) return [];
    return caller.memberships.filter((m) => m.capabilities.includes(Capability.EVENTS_MANAGE)).map((m) => m.organizationId);
  },
};
