/** GraphQL documents the privacy e2e tests share. */
export const SET_CONSENT = `mutation($input: SetConsentInput!) { setConsent(input: $input) { purpose organization { id name } granted updatedAt } }`;
export const MY_CONSENTS = `{ myConsents { purpose organization { id } granted updatedAt } }`;
const RECORD_FIELDS = `id recipient { id name } recipientAccount { accountId displayName fullName email phone } purpose fields basis occasion occasionId at`;
export const MY_RECORDS = `query($first: Int, $after: String) { myProvisionRecords(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${RECORD_FIELDS} } } } }`;
export const RECORDS = `query($accountId: ID, $organizationId: ID, $first: Int, $after: String) {
  provisionRecords(accountId: $accountId, organizationId: $organizationId, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${RECORD_FIELDS} } } } }`;
export const ACCESS_LOG = `query($subjectAccountId: ID, $readerAccountId: ID, $first: Int, $after: String) {
  personalDataAccessLog(subjectAccountId: $subjectAccountId, readerAccountId: $readerAccountId, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id reader { accountId displayName fullName email phone } subjectAccountId fields via at } } } }`;
export const EXPORT = `mutation { exportMyData { generatedAt json } }`;
export const ERASE = `mutation($input: EraseMyAccountInput!) { eraseMyAccount(input: $input) }`;
export const SAVE_PROFILE = `mutation($input: CandidateProfileInput!) { saveMyCandidateProfile(input: $input) { id } }`;

export const profileInput = (regionId: string, over: Record<string, unknown> = {}) => ({
  fullName: '佐藤 真理子', ageBand: 'FIFTIES', headline: '経理30年、地域企業の管理部門を支えたい', careerSummary: '製造業の経理・財務',
  skills: ['経理', '財務'], desiredWorkStyles: ['SIDE_JOB'], remoteHoursPerWeek: 8, onsiteDaysPerMonth: 2,
  desiredRegionIds: [regionId], dualRegionStage: 'EXPLORING', phone: '090-1234-5678', ...over,
});
