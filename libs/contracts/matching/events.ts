import { defineEvent } from '../../ddd/domain-event.js';
import type { WorkStyle } from '../careers/work-style.js';
import type { CarriesProvisions } from '../privacy/events.js';

/** What matching's events say about the pair they concern (for insights' funnels). v1. */
export interface PairFacts {
  candidateId: string;
  accountId: string;
  opportunityId: string;
  regionId: string;
  workStyle: WorkStyle | null;
}

/**
 * `matching.profile.saved` v1: a candidate created or replaced their profile.
 * `homePrefecture` (one of PREFECTURES, or null) is absent from events saved before it existed.
 */
export const CandidateProfileSaved = defineEvent<{
  candidateId: string;
  accountId: string;
  ageBand: string;
  desiredWorkStyles: WorkStyle[];
  desiredRegionIds: string[];
  dualRegionStage: string;
  homePrefecture?: string | null;
  created: boolean;
}>('matching.profile.saved', 'CandidateProfile');

/** `matching.profile.dual-region-stage-changed` v1: EXPLORING -> VISITING -> DUAL_REGION -> RELOCATED (any move). */
export const DualRegionStageChanged = defineEvent<{
  candidateId: string;
  accountId: string;
  from: string | null;
  to: string;
  desiredRegionIds: string[];
}>('matching.profile.dual-region-stage-changed', 'CandidateProfile');

/** `matching.interest.expressed` v1 (興味ある). */
export const InterestExpressed = defineEvent<PairFacts & { interestId: string }>('matching.interest.expressed', 'Interest');
/** `matching.interest.accepted` v1: staff said yes; a match follows. */
export const InterestAccepted = defineEvent<PairFacts & { interestId: string; acceptedBy: string }>('matching.interest.accepted', 'Interest');
/** `matching.interest.declined` v1: by staff, or because the opportunity closed. */
export const InterestDeclined = defineEvent<PairFacts & { interestId: string; reason: 'STAFF' | 'OPPORTUNITY_CLOSED' }>(
  'matching.interest.declined',
  'Interest',
);
/** `matching.interest.withdrawn` v1: the candidate took it back. */
export const InterestWithdrawn = defineEvent<PairFacts & { interestId: string }>('matching.interest.withdrawn', 'Interest');

/** `matching.scout.sent` v1: staff invited a candidate to an opportunity. */
export const ScoutSent = defineEvent<PairFacts & { scoutId: string; organizationId: string }>('matching.scout.sent', 'Scout');
/** `matching.scout.accepted` v1: the candidate said yes; a match follows. */
export const ScoutAccepted = defineEvent<PairFacts & { scoutId: string }>('matching.scout.accepted', 'Scout');
/** `matching.scout.declined` v1: by the candidate, or because the opportunity closed. */
export const ScoutDeclined = defineEvent<PairFacts & { scoutId: string; reason: 'CANDIDATE' | 'OPPORTUNITY_CLOSED' }>(
  'matching.scout.declined',
  'Scout',
);

/**
 * `matching.match.established` v1: both sides said yes. `provided`: one provision fact per
 * organization that may now see the candidate's fullName, email and phone (contract
 * 90-privacy): REQUEST for the organization managing the opportunity's employer (the
 * person's interest or accepted scout was addressed to it), CONSENT for the region's other
 * organizations the person's MATCHING consent covers. Absent from events made before.
 */
export const MatchEstablished = defineEvent<
  PairFacts & { matchId: string; origin: 'INTEREST' | 'SCOUT'; originId: string } & CarriesProvisions
>(
  'matching.match.established',
  'Match',
);
/** `matching.match.stage-changed` v1: MATCHED -> MEETING -> TRIAL -> ENGAGED -> COMPLETED, or WITHDRAWN. */
export const MatchStageChanged = defineEvent<PairFacts & { matchId: string; from: string; to: string; note: string | null }>(
  'matching.match.stage-changed',
  'Match',
);
/** `matching.match.coordinator-assigned` v1. */
export const CoordinatorAssigned = defineEvent<PairFacts & { matchId: string; coordinatorAccountId: string }>(
  'matching.match.coordinator-assigned',
  'Match',
);
/**
 * `matching.match.message-added` v1: someone wrote in the pair's conversation. The text
 * stays in matching's tables (the log is kept for ever); readers load it by `messageId`.
 */
export const MessageAdded = defineEvent<PairFacts & { matchId: string; messageId: string; authorAccountId: string; sentAt: string }>(
  'matching.match.message-added',
  'Match',
);
