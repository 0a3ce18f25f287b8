import type { Client, TestApp } from '../harness/harness.js';

export type Staff = Client & { organizationId: string; regionId: string };

export const ROLE_FIELDS = `id title category status seats acceptedCount hoursPerMonth onsite startsOn description
  region { id } organization { id } createdAt`;
export const APPLICATION_FIELDS = `id status motivation createdAt updatedAt role { id title acceptedCount }
  applicant { accountId displayName fullName email phone }`;
export const SUPPORTER_FIELDS = 'id accountId displayName topics bio maxNewcomers activeNewcomers approved active region { id }';
export const MENTORSHIP_FIELDS = `id status topics message createdAt updatedAt region { id }
  newcomer { accountId displayName fullName email phone } supporter { id accountId displayName activeNewcomers }`;
export const PLAN_FIELDS = `id status progress startedAt completedAt region { id }
  newcomer { accountId displayName fullName email phone }
  steps { key title description done doneAt guide { id title } }`;

export const CREATE_ROLE = `mutation($input: CreateCommunityRoleInput!) { createCommunityRole(input: $input) { ${ROLE_FIELDS} } }`;
export const OPEN_ROLE = `mutation($id: ID!) { openCommunityRole(input: { roleId: $id }) { ${ROLE_FIELDS} } }`;
export const CLOSE_ROLE = `mutation($id: ID!) { closeCommunityRole(input: { roleId: $id }) { ${ROLE_FIELDS} } }`;
export const APPLY = `mutation($input: ApplyForRoleInput!) { applyForRole(input: $input) { ${APPLICATION_FIELDS} } }`;
export const ACCEPT = `mutation($id: ID!) { acceptRoleApplication(input: { applicationId: $id }) { ${APPLICATION_FIELDS} } }`;
export const DECLINE = `mutation($id: ID!) { declineRoleApplication(input: { applicationId: $id }) { ${APPLICATION_FIELDS} } }`;
export const WITHDRAW = `mutation($id: ID!) { withdrawRoleApplication(input: { applicationId: $id }) { ${APPLICATION_FIELDS} } }`;
export const END = `mutation($id: ID!) { endRoleApplication(input: { applicationId: $id }) { ${APPLICATION_FIELDS} } }`;
export const VOLUNTEER = `mutation($input: VolunteerAsSupporterInput!) { volunteerAsSupporter(input: $input) { ${SUPPORTER_FIELDS} } }`;
export const APPROVE = `mutation($id: ID!) { approveSupporter(input: { supporterId: $id }) { ${SUPPORTER_FIELDS} } }`;
export const UPDATE_SUPPORTER = `mutation($input: UpdateSupporterInput!) { updateSupporter(input: $input) { ${SUPPORTER_FIELDS} } }`;
export const REQUEST = `mutation($input: RequestMentorshipInput!) { requestMentorship(input: $input) { ${MENTORSHIP_FIELDS} } }`;
export const ASSIGN = `mutation($m: ID!, $s: ID!) { assignSupporter(input: { mentorshipId: $m, supporterId: $s }) { ${MENTORSHIP_FIELDS} } }`;
export const DECLINE_MENTORSHIP = `mutation($id: ID!) { declineMentorship(input: { mentorshipId: $id }) { ${MENTORSHIP_FIELDS} } }`;
export const END_MENTORSHIP = `mutation($id: ID!) { endMentorship(input: { mentorshipId: $id }) { ${MENTORSHIP_FIELDS} } }`;
export const MY_MENTORSHIPS = `{ myMentorships { ${MENTORSHIP_FIELDS} } }`;
export const WRITE_GUIDE = `mutation($input: WriteGuideInput!) { writeGuide(input: $input) { id title category body status updatedAt region { id } } }`;
export const PUBLISH_GUIDE = `mutation($id: ID!) { publishGuide(input: { guideId: $id }) { id status } }`;
export const ARCHIVE_GUIDE = `mutation($id: ID!) { archiveGuide(input: { guideId: $id }) { id status } }`;
export const SET_TEMPLATE = `mutation($input: SetOnboardingTemplateInput!) { setOnboardingTemplate(input: $input) {
  updatedAt region { id } steps { key title description guide { id title } } } }`;
export const START = `mutation($r: ID!) { startOnboarding(input: { regionId: $r }) { ${PLAN_FIELDS} } }`;
export const COMPLETE_STEP = `mutation($p: ID!, $k: String!) { completeOnboardingStep(input: { planId: $p, key: $k }) { ${PLAN_FIELDS} } }`;
export const PLAN = `query($id: ID!) { onboardingPlan(id: $id) { ${PLAN_FIELDS} } }`;

export const roleInput = (organizationId: string, over: Record<string, unknown> = {}) => ({
  organizationId,
  category: 'FESTIVAL',
  title: 'みなとまつり運営ボランティア',
  description: '会場設営と受付のお手伝い',
  hoursPerMonth: 8,
  onsite: true,
  seats: 5,
  startsOn: '2026-08-01',
  ...over,
});

/** An OPEN role of the staff's organization; returns its id. */
export async function openRole(staff: Staff, over: Record<string, unknown> = {}): Promise<string> {
  const { createCommunityRole } = await staff.ok(CREATE_ROLE, { input: roleInput(staff.organizationId, over) });
  await staff.ok(OPEN_ROLE, { id: createCommunityRole.id });
  return createCommunityRole.id;
}

export const applyInput = (roleId: string, over: Record<string, unknown> = {}) => ({
  roleId,
  motivation: 'お祭りを支えたい',
  fullName: '山田 花子',
  phone: '090-1111-2222',
  ...over,
});

/** A new person who applied to the role; returns the client and the application id. */
export async function applicant(t: TestApp, roleId: string, name = '応募者'): Promise<{ client: Client; applicationId: string }> {
  const client = await t.candidate(name);
  const { applyForRole } = await client.ok(APPLY, { input: applyInput(roleId) });
  return { client, applicationId: applyForRole.id };
}

export const requestInput = (regionId: string, over: Record<string, unknown> = {}) => ({
  regionId,
  topics: ['移住経験'],
  message: 'よろしくお願いします',
  fullName: '佐藤 一郎',
  phone: '080-3333-4444',
  ...over,
});

/** An approved supporter of the region; returns the client and the supporter id. */
export async function approvedSupporter(t: TestApp, staff: Staff, maxNewcomers = 3, name = 'サポーター'): Promise<{ client: Client; supporterId: string }> {
  const client = await t.candidate(name);
  const { volunteerAsSupporter } = await client.ok(VOLUNTEER, {
    input: { regionId: staff.regionId, topics: ['移住経験', '漁業'], bio: '移住して10年です', maxNewcomers },
  });
  await staff.ok(APPROVE, { id: volunteerAsSupporter.id });
  return { client, supporterId: volunteerAsSupporter.id };
}

/** Outbox rows of community's events of a type, for one aggregate or all. */
export async function events(t: TestApp, type: string, aggregateId?: string): Promise<Array<{ payload: any; aggregate_id: string }>> {
  return t.sql(
    `SELECT payload, aggregate_id FROM messaging.outbox WHERE type = $1 AND ($2::text IS NULL OR aggregate_id = $2) ORDER BY occurred_at, id`,
    [type, aggregateId ?? null],
  );
}
