/** What an account is on the platform. */
export enum AccountKind {
  CANDIDATE = 'CANDIDATE',
  STAFF = 'STAFF',
  ADMIN = 'ADMIN',
}

/** Which module workflows an organization may run, inside its own region only. */
export enum Capability {
  CAREERS_MANAGE = 'CAREERS_MANAGE',
  MATCHING_COORDINATE = 'MATCHING_COORDINATE',
  EVENTS_MANAGE = 'EVENTS_MANAGE',
  HOUSING_MANAGE = 'HOUSING_MANAGE',
  COMMUNITY_MANAGE = 'COMMUNITY_MANAGE',
  INSIGHTS_READ = 'INSIGHTS_READ',
}

/** An account's role in an organization it belongs to. */
export enum MembershipRole {
  OWNER = 'OWNER',
  MEMBER = 'MEMBER',
}
