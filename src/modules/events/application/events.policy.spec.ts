import { AccountKind, Caller, Capability, MembershipRole } from '#libs/auth/caller.js';
import { EventStatus } from '#libs/contracts/events/enums.js';
import { EventsPolicy } from './events.policy.js';

const organizer = { organizationId: 'org-1', regionId: 'kesennuma' };
const staff = (organizationId: string, regionId: string, capabilities: Capability[]) =>
  new Caller(`s-${organizationId}-${regionId}-${capabilities.length}`, AccountKind.STAFF, 'staff', 's@x.jp', [
    { organizationId, regionId, role: MembershipRole.MEMBER, capabilities },
  ]);
const organizerStaff = staff('org-1', 'kesennuma', [Capability.EVENTS_MANAGE]);
const otherOrg = staff('org-2', 'kesennuma', [Capability.EVENTS_MANAGE]);
const otherRegion = staff('org-1', 'ofunato', [Capability.EVENTS_MANAGE]);
const withoutCapability = staff('org-1', 'kesennuma', [Capability.CAREERS_MANAGE]);
const admin = new Caller('a', AccountKind.ADMIN, 'admin', 'a@x.jp', []);
const candidate = new Caller('c', AccountKind.CANDIDATE, '候補者', 'c@x.jp', []);
const code = (fn: () => unknown) => {
  try {
    fn();
    return 'OK';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('EventsPolicy', () => {
  it('lets only organizer staff with EVENTS_MANAGE in the region manage an event', () => {
    expect(code(() => EventsPolicy.manage(organizerStaff, organizer))).toBe('OK');
    for (const caller of [otherOrg, otherRegion, withoutCapability, admin, candidate]) {
      expect(code(() => EventsPolicy.manage(caller, organizer))).toBe('FORBIDDEN');
    }
    expect(code(() => EventsPolicy.manage(null, organizer))).toBe('UNAUTHENTICATED');
  });

  it('lets a member of an organization with EVENTS_MANAGE create its events', () => {
    expect(code(() => EventsPolicy.createEvent(organizerStaff, 'org-1'))).toBe('OK');
    expect(code(() => EventsPolicy.createEvent(otherOrg, 'org-1'))).toBe('FORBIDDEN');
    expect(code(() => EventsPolicy.createEvent(withoutCapability, 'org-1'))).toBe('FORBIDDEN');
    expect(code(() => EventsPolicy.createEvent(admin, 'org-1'))).toBe('FORBIDDEN');
    expect(code(() => EventsPolicy.createEvent(null, 'org-1'))).toBe('UNAUTHENTICATED');
  });

  it('lets only candidates register', () => {
    expect(code(() => EventsPolicy.register(candidate))).toBe('OK');
    expect(code(() => EventsPolicy.register(organizerStaff))).toBe('FORBIDDEN');
    expect(code(() => EventsPolicy.register(admin))).toBe('FORBIDDEN');
    expect(code(() => EventsPolicy.register(null))).toBe('UNAUTHENTICATED');
  });

  it('lets the attendee or organizer staff cancel a registration, and says which', () => {
    const registration = { accountId: 'c' };
    expect(EventsPolicy.cancelRegistration(candidate, registration, organizer)).toBe('ATTENDEE');
    expect(EventsPolicy.cancelRegistration(organizerStaff, registration, organizer)).toBe('ORGANIZER');
    expect(code(() => EventsPolicy.cancelRegistration(otherOrg, registration, organizer))).toBe('FORBIDDEN');
    const someoneElse = new Caller('d', AccountKind.CANDIDATE, 'd', 'd@x.jp', []);
    expect(code(() => EventsPolicy.cancelRegistration(someoneElse, registration, organizer))).toBe('FORBIDDEN');
  });

  it('lets only the attendee give feedback', () => {
    expect(code(() => EventsPolicy.submitFeedback(candidate, { accountId: 'c' }))).toBe('OK');
    expect(code(() => EventsPolicy.submitFeedback(organizerStaff, { accountId: 'c' }))).toBe('FORBIDDEN');
  });

  it('hides a DRAFT from everyone but organizer staff', () => {
    const draft = { ...organizer, status: EventStatus.DRAFT };
    expect(EventsPolicy.seesEvent(organizerStaff, draft)).toBe(true);
    for (const caller of [otherOrg, admin, candidate, null]) expect(EventsPolicy.seesEvent(caller, draft)).toBe(false);
    for (const status of [EventStatus.OPEN, EventStatus.CLOSED, EventStatus.COMPLETED, EventStatus.CANCELLED]) {
      expect(EventsPolicy.seesEvent(null, { ...organizer, status })).toBe(true);
    }
  });

  it('shows the attendee email to the attendee, an ADMIN and organizer staff only', () => {
    const registration = { accountId: 'c' };
    expect(EventsPolicy.seesAttendeeEmail(candidate, registration, organizer)).toBe(true);
    expect(EventsPolicy.seesAttendeeEmail(admin, registration, organizer)).toBe(true);
    expect(EventsPolicy.seesAttendeeEmail(organizerStaff, registration, organizer)).toBe(true);
    for (const caller of [otherOrg, otherRegion, withoutCapability, new Caller('d', AccountKind.CANDIDATE, 'd', 'd@x.jp', []), null]) {
      expect(EventsPolicy.seesAttendeeEmail(caller, registration, organizer)).toBe(false);
    }
  });
});
