import * as Careers from '#libs/contracts/careers/events.js';
import * as Community from '#libs/contracts/community/events.js';
import * as Events from '#libs/contracts/events/events.js';
import * as Housing from '#libs/contracts/housing/events.js';
import * as Identity from '#libs/contracts/identity/events.js';
import * as Matching from '#libs/contracts/matching/events.js';
import { JourneyStage } from '#libs/contracts/support/enums.js';
import * as Support from '#libs/contracts/support/events.js';
import type { DomainEvent, EventDefinition } from '#libs/ddd/domain-event.js';
import { JourneyFact, type EntryDetail, type JourneyModule } from './journey.js';

/** "Every organization of the region": a match serves the person for the whole region. */
export const ANY_ORGANIZATION = '00000000-0000-0000-0000-000000000000';

/** Through what an organization serves the person (who sees the journey), started or ended by one event. */
export interface ServiceChange {
  module: JourneyModule;
  subjectId: string;
  organizationIds: string[];
  active: boolean;
}

/** What one event does to the journeys of one person. */
export interface JourneyChange {
  accountId: string;
  /** The regions concerned; a journey is opened in each that has none yet. */
  regionIds: string[];
  entry?: { module: JourneyModule; kind: string; subjectId: string | null; ref?: { kind: RefKind; id: string }; detail?: EntryDetail };
  /** A stage the act reaches (the journey keeps the furthest). */
  reaches?: JourneyStage;
  facts?: JourneyFact[];
  service?: ServiceChange;
}

export type RefKind = 'event' | 'opportunity' | 'listing';

/** What one event teaches the journey: a title to name things by, a person, a change. */
export interface JourneyPlan {
  title?: { kind: RefKind; id: string; title: string };
  /** A person signed up (their email is null in an event whose payload an erasure scrubbed). */
  person?: { accountId: string; displayName: string; email: string | null };
  change?: JourneyChange;
}

type Rule = (event: DomainEvent<any>) => JourneyPlan;
const rules = new Map<string, Rule>();
const on = <P>(definitions: Array<EventDefinition<P>>, rule: (event: DomainEvent<P>) => JourneyPlan) => {
  for (const d of definitions) rules.set(d.type, rule as Rule);
};

const DUAL_STAGE: Record<string, JourneyStage | undefined> = { DUAL_REGION: JourneyStage.DUAL_REGION, RELOCATED: JourneyStage.RELOCATED };

// ---- identity
on([Identity.AccountRegistered], (e) =>
  e.payload.kind === 'CANDIDATE'
    ? { person: { accountId: e.payload.accountId, displayName: e.payload.displayName, email: (e.payload.email as string | null) ?? null } }
    : {},
);

// ---- careers: the names of the jobs a person's interests and matches are about
on(
  [Careers.OpportunityDrafted, Careers.OpportunityUpdated, Careers.OpportunitySubmittedForReview, Careers.OpportunityReturnedToDraft,
    Careers.OpportunityPublished, Careers.OpportunityClosed],
  (e) => ({ title: { kind: 'opportunity', id: e.payload.opportunityId, title: e.payload.title } }),
);

// ---- events
on([Events.EventCreated, Events.EventOpened, Events.EventClosed, Events.EventCompleted, Events.EventCancelled], (e) => ({
  title: { kind: 'event', id: e.payload.eventId, title: e.payload.title },
}));
const registration = (kind: string, facts: JourneyFact[] = [], reaches?: JourneyStage): Rule => (e) => {
  const p = e.payload as Events.RegistrationFacts;
  return {
    change: {
      accountId: p.accountId, regionIds: [p.regionId], reaches, facts,
      entry: { module: 'events', kind, subjectId: p.eventId, ref: { kind: 'event', id: p.eventId } },
    },
  };
};
on([Events.RegistrationApplied], registration('EVENT_APPLIED', [JourneyFact.EVENT_REGISTERED]));
on([Events.RegistrationConfirmed], registration('EVENT_REGISTERED', [JourneyFact.EVENT_REGISTERED]));
on([Events.RegistrationWaitlisted], registration('EVENT_WAITLISTED', [JourneyFact.EVENT_REGISTERED]));
on([Events.RegistrationPromoted], registration('EVENT_PROMOTED', [JourneyFact.EVENT_REGISTERED]));
on([Events.RegistrationCancelled], registration('EVENT_REGISTRATION_CANCELLED'));
on([Events.AttendeeCheckedIn], registration('EVENT_ATTENDED', [JourneyFact.EVENT_ATTENDED], JourneyStage.ATTENDED_EVENT));
on([Events.AttendeeNoShow], registration('EVENT_NO_SHOW'));
on([Events.EventFeedbackSubmitted], registration('EVENT_FEEDBACK_SUBMITTED'));

// ---- matching
on([Matching.CandidateProfileSaved], (e) => ({
  change: {
    accountId: e.payload.accountId, regionIds: e.payload.desiredRegionIds, reaches: DUAL_STAGE[e.payload.dualRegionStage],
    entry: e.payload.created ? { module: 'matching', kind: 'PROFILE_CREATED', subjectId: e.payload.candidateId } : undefined,
  },
}));
on([Matching.DualRegionStageChanged], (e) => ({
  change: {
    accountId: e.payload.accountId, regionIds: e.payload.desiredRegionIds, reaches: DUAL_STAGE[e.payload.to],
    entry: { module: 'matching', kind: 'DUAL_REGION_STAGE_CHANGED', subjectId: e.payload.candidateId, detail: { from: e.payload.from, to: e.payload.to } },
  },
}));
const pair = (kind: string, subject: (p: any) => string, extra: Partial<JourneyChange> = {}): Rule => (e) => {
  const p = e.payload as Matching.PairFacts;
  return {
    change: {
      accountId: p.accountId, regionIds: [p.regionId], ...extra,
      entry: { module: 'matching', kind, subjectId: subject(p), ref: { kind: 'opportunity', id: p.opportunityId } },
    },
  };
};
const interestId = (p: { interestId: string }) => p.interestId;
const scoutId = (p: { scoutId: string }) => p.scoutId;
const matchId = (p: { matchId: string }) => p.matchId;
on([Matching.InterestExpressed], pair('INTEREST_EXPRESSED', interestId, { facts: [JourneyFact.INTEREST] }));
on([Matching.InterestAccepted], pair('INTEREST_ACCEPTED', interestId, { facts: [JourneyFact.INTEREST] }));
on([Matching.InterestDeclined], pair('INTEREST_DECLINED', interestId));
on([Matching.InterestWithdrawn], pair('INTEREST_WITHDRAWN', interestId));
on([Matching.ScoutSent], pair('SCOUT_RECEIVED', scoutId));
on([Matching.ScoutAccepted], pair('SCOUT_ACCEPTED', scoutId, { facts: [JourneyFact.INTEREST] }));
on([Matching.ScoutDeclined], pair('SCOUT_DECLINED', scoutId));
on([Matching.CoordinatorAssigned], pair('COORDINATOR_ASSIGNED', matchId));
on([Matching.MatchEstablished], (e) =>
  pair('MATCH_ESTABLISHED', matchId, {
    reaches: JourneyStage.MATCHED, facts: [JourneyFact.MATCH],
    service: { module: 'matching', subjectId: e.payload.matchId, organizationIds: [ANY_ORGANIZATION], active: true },
  })(e),
);
on([Matching.MatchStageChanged], (e) => {
  const to = e.payload.to;
  const working = to === 'ENGAGED' || to === 'COMPLETED';
  return pair(`MATCH_${to}`, matchId, {
    reaches: working ? JourneyStage.WORKING : undefined,
    facts: working ? [JourneyFact.WORKING] : [],
    service: to === 'WITHDRAWN' ? { module: 'matching', subjectId: e.payload.matchId, organizationIds: [ANY_ORGANIZATION], active: false } : undefined,
  })(e);
});

// ---- housing
on([Housing.ListingPublished], (e) => ({ title: { kind: 'listing', id: e.payload.listingId, title: e.payload.title } }));
const stay = (kind: string, active: boolean, extra: Partial<JourneyChange> = {}): Rule => (e) => {
  const p = e.payload as Housing.StayFacts;
  return {
    change: {
      accountId: p.accountId, regionIds: [p.regionId], ...extra,
      entry: {
        module: 'housing', kind, subjectId: p.stayId, ref: { kind: 'listing', id: p.listingId },
        detail: { listingKind: p.listingKind, checkIn: p.checkIn, checkOut: p.checkOut, nights: p.nights },
      },
      service: { module: 'housing', subjectId: p.stayId, organizationIds: [p.organizationId], active },
    },
  };
};
on([Housing.StayRequested], stay('STAY_REQUESTED', true, { facts: [JourneyFact.STAY] }));
on([Housing.StayConfirmed], stay('STAY_CONFIRMED', true, { facts: [JourneyFact.STAY] }));
on([Housing.StayDeclined], stay('STAY_DECLINED', false));
on([Housing.StayCheckedIn], stay('STAY_CHECKED_IN', true, { facts: [JourneyFact.STAY, JourneyFact.STAYED], reaches: JourneyStage.TRIAL_STAY }));
on([Housing.StayCompleted], stay('STAY_COMPLETED', true, { facts: [JourneyFact.STAY, JourneyFact.STAYED], reaches: JourneyStage.TRIAL_STAY }));
on([Housing.StayCancelled], stay('STAY_CANCELLED', false));
const viewing = (kind: string, active: boolean): Rule => (e) => {
  const p = e.payload as Housing.ViewingFacts & { scheduledAt?: string };
  return {
    change: {
      accountId: p.accountId, regionIds: [p.regionId],
      entry: {
        module: 'housing', kind, subjectId: p.viewingRequestId, ref: { kind: 'listing', id: p.listingId },
        detail: { listingKind: p.listingKind, scheduledAt: p.scheduledAt ?? null },
      },
      service: { module: 'housing', subjectId: p.viewingRequestId, organizationIds: [p.organizationId], active },
    },
  };
};
on([Housing.ViewingRequested], viewing('VIEWING_REQUESTED', true));
on([Housing.ViewingScheduled], viewing('VIEWING_SCHEDULED', true));
on([Housing.ViewingDeclined], viewing('VIEWING_DECLINED', false));
on([Housing.ViewingCompleted], viewing('VIEWING_COMPLETED', true));
on([Housing.ViewingCancelled], viewing('VIEWING_CANCELLED', false));

// ---- community
const application = (kind: string, active: boolean, extra: Partial<JourneyChange> = {}): Rule => (e) => {
  const p = e.payload as Community.RoleApplicationFacts;
  return {
    change: {
      accountId: p.accountId, regionIds: [p.regionId], ...extra,
      entry: { module: 'community', kind, subjectId: p.applicationId, detail: { roleTitle: p.roleTitle, roleCategory: p.roleCategory } },
      service: { module: 'community', subjectId: p.applicationId, organizationIds: [p.organizationId], active },
    },
  };
};
on([Community.RoleApplicationSubmitted], application('ROLE_APPLIED', true, { facts: [JourneyFact.COMMUNITY] }));
on([Community.RoleApplicationAccepted], application('ROLE_ACCEPTED', true, { facts: [JourneyFact.COMMUNITY, JourneyFact.WORKING], reaches: JourneyStage.WORKING }));
on([Community.RoleApplicationDeclined], application('ROLE_DECLINED', false));
on([Community.RoleApplicationWithdrawn], application('ROLE_WITHDRAWN', false));
on([Community.RoleApplicationEnded], application('ROLE_ENDED', false));
const mentorship = (kind: string, service?: (p: any) => ServiceChange, facts: JourneyFact[] = []): Rule => (e) => {
  const p = e.payload as Community.MentorshipFacts;
  return {
    change: {
      accountId: p.accountId, regionIds: [p.regionId], facts, service: service?.(p),
      entry: { module: 'community', kind, subjectId: p.mentorshipId, detail: { topics: p.topics } },
    },
  };
};
on([Community.MentorshipRequested], mentorship('MENTORSHIP_REQUESTED', undefined, [JourneyFact.COMMUNITY]));
on([Community.MentorshipStarted], mentorship('MENTORSHIP_STARTED', (p) => ({
  module: 'community', subjectId: p.mentorshipId, organizationIds: [p.organizationId], active: true,
}), [JourneyFact.COMMUNITY]));
// Ended or declined: whichever organization had assigned it serves no longer through it.
const mentorshipOver = (p: Community.MentorshipFacts): ServiceChange => ({ module: 'community', subjectId: p.mentorshipId, organizationIds: [], active: false });
on([Community.MentorshipDeclined], mentorship('MENTORSHIP_DECLINED', mentorshipOver));
on([Community.MentorshipEnded], mentorship('MENTORSHIP_ENDED', mentorshipOver));
const onboarding = (kind: string): Rule => (e) => {
  const p = e.payload as Community.OnboardingFacts & { stepTitle?: string };
  return {
    change: {
      accountId: p.accountId, regionIds: [p.regionId], facts: [JourneyFact.ONBOARDING],
      entry: { module: 'community', kind, subjectId: p.planId, detail: { totalSteps: p.totalSteps, doneSteps: p.doneSteps, stepTitle: p.stepTitle ?? null } },
    },
  };
};
on([Community.OnboardingStarted], onboarding('ONBOARDING_STARTED'));
on([Community.OnboardingStepCompleted], onboarding('ONBOARDING_STEP_COMPLETED'));
on([Community.OnboardingCompleted], onboarding('ONBOARDING_COMPLETED'));

// ---- support (this module's own events, like everyone else's)
const consultation = (kind: string, extra: Partial<JourneyChange> = {}, detail: (p: any) => EntryDetail = () => ({})): Rule => (e) => {
  const p = e.payload as Support.ConsultationFacts;
  return {
    change: {
      accountId: p.accountId, regionIds: [p.regionId], ...extra,
      entry: { module: 'support', kind, subjectId: p.consultationId, detail: { topics: p.topics, channel: p.channel, ...detail(p) } },
    },
  };
};
on([Support.ConsultationRequested], (e) =>
  consultation('CONSULTATION_REQUESTED', {
    facts: [JourneyFact.CONSULTATION],
    service: { module: 'support', subjectId: e.payload.consultationId, organizationIds: e.payload.routedOrganizationIds, active: true },
  })(e),
);
on([Support.ConsultationBooked], consultation('CONSULTATION_BOOKED', {}, (p) => ({ slotStartsAt: p.slotStartsAt })));
on([Support.ConsultationCompleted], (e) =>
  e.payload.status === 'DONE'
    ? consultation('CONSULTATION_DONE', { reaches: JourneyStage.CONSULTED })(e)
    : consultation('CONSULTATION_NO_SHOW')(e),
);
on([Support.ConsultationCancelled], (e) =>
  consultation('CONSULTATION_CANCELLED', {
    service: { module: 'support', subjectId: e.payload.consultationId, organizationIds: e.payload.routedOrganizationIds, active: false },
  })(e),
);

/** Every event type the journey is built from. */
export const JOURNEY_EVENT_TYPES: readonly string[] = [...rules.keys()];

/** What one event does to the journey (nothing for a type it does not know). */
export function planJourney(event: DomainEvent): JourneyPlan {
  return rules.get(event.type)?.(event) ?? {};
}
