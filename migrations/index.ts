import { Foundation1764100000000 } from './1764100000000-foundation.js';
import { Careers1764150000000 } from './1764150000000-careers.js';
import { Events1764200000000 } from './1764200000000-events.js';
import { Matching1764300000000 } from './1764300000000-matching.js';
import { IdentitySecurity1764400000000 } from './1764400000000-identity-security.js';
import { CareersPublicListing1764600000000 } from './1764600000000-careers-public-listing.js';
import { EventsRegisterFunction1764700000000 } from './1764700000000-events-register-function.js';
import { MatchingRecommendationIndexes1764800000000 } from './1764800000000-matching-recommendation-indexes.js';
import { MessagingLiveNotify1764810000000 } from './1764810000000-messaging-live-notify.js';
import { MessagingLog1764900000000 } from './1764900000000-messaging-log.js';
import { EventsRegisterFunctionLog1764900000001 } from './1764900000001-events-register-function-log.js';
import { MessagingAudit1764950000000 } from './1764950000000-messaging-audit.js';
import { MatchingHomePrefecture1764960000000 } from './1764960000000-matching-home-prefecture.js';
import { Housing1765000000000 } from './1765000000000-housing.js';
import { MatchingRegionStays1765000000001 } from './1765000000001-matching-region-stays.js';
import { Community1765100000000 } from './1765100000000-community.js';
import { Support1765200000000 } from './1765200000000-support.js';
import { Insights1765300000000 } from './1765300000000-insights.js';
import { Privacy1765400000000 } from './1765400000000-privacy.js';
import { IdentityErasure1765400000100 } from './1765400000100-identity-erasure.js';
import { MatchingPersonalData1765400000200 } from './1765400000200-matching-personal-data.js';
import { EventsPersonalData1765400000300 } from './1765400000300-events-personal-data.js';
import { CommunityProvisions1765400000500 } from './1765400000500-community-provisions.js';
import { SupportPersonalData1765400000600 } from './1765400000600-support-personal-data.js';
import { HousingErasedAccounts1765400000700 } from './1765400000700-housing-erased-accounts.js';
import { CommunityPersonalData1765400000800 } from './1765400000800-community-personal-data.js';

/** Every migration, in order. A new one is added here as well as in this folder. */
export const migrations = [
  Foundation1764100000000,
  Careers1764150000000,
  Events1764200000000,
  Matching1764300000000,
  IdentitySecurity1764400000000,
  CareersPublicListing1764600000000,
  EventsRegisterFunction1764700000000,
  MatchingRecommendationIndexes1764800000000,
  MessagingLiveNotify1764810000000,
  MessagingLog1764900000000,
  EventsRegisterFunctionLog1764900000001,
  MessagingAudit1764950000000,
  MatchingHomePrefecture1764960000000,
  Housing1765000000000,
  MatchingRegionStays1765000000001,
  Community1765100000000,
  Support1765200000000,
  Insights1765300000000,
  Privacy1765400000000,
  IdentityErasure1765400000100,
  MatchingPersonalData1765400000200,
  EventsPersonalData1765400000300,
  CommunityProvisions1765400000500,
  SupportPersonalData1765400000600,
  HousingErasedAccounts1765400000700,
  CommunityPersonalData1765400000800,
];
