import { JourneyStage } from '#libs/contracts/support/enums.js';

/**
 * The journey's rules, pure: the stage order (furthest ever reached, never back), what each
 * entry says in Japanese, and the next steps drawn from what is missing.
 */

export const STAGE_ORDER: readonly JourneyStage[] = [
  JourneyStage.REGISTERED,
  JourneyStage.ATTENDED_EVENT,
  JourneyStage.CONSULTED,
  JourneyStage.MATCHED,
  JourneyStage.WORKING,
  JourneyStage.TRIAL_STAY,
  JourneyStage.DUAL_REGION,
  JourneyStage.RELOCATED,
];

export const stageRank = (stage: JourneyStage): number => STAGE_ORDER.indexOf(stage);
export const stageOfRank = (rank: number): JourneyStage => STAGE_ORDER[Math.max(0, Math.min(rank, STAGE_ORDER.length - 1))];

/** The stage after an act that reaches `reached`: the furthest of the two. */
export const furthest = (current: JourneyStage, reached: JourneyStage): JourneyStage =>
  stageRank(reached) > stageRank(current) ? reached : current;

/** The modules a journey's entries come from (JourneyEntry.module). */
export type JourneyModule = 'identity' | 'careers' | 'events' | 'matching' | 'housing' | 'community' | 'support';

/** What has happened so far in a journey; nextSteps are drawn from what is missing. */
export enum JourneyFact {
  CONSULTATION = 'CONSULTATION',
  EVENT_REGISTERED = 'EVENT_REGISTERED',
  EVENT_ATTENDED = 'EVENT_ATTENDED',
  INTEREST = 'INTEREST',
  MATCH = 'MATCH',
  WORKING = 'WORKING',
  STAY = 'STAY',
  STAYED = 'STAYED',
  COMMUNITY = 'COMMUNITY',
  ONBOARDING = 'ONBOARDING',
}

export interface NextStep {
  module: JourneyModule;
  suggestion: string;
}

/** Short suggestions for the person, from what the journey lacks at its stage. */
export function nextSteps(stage: JourneyStage, facts: ReadonlySet<string>): NextStep[] {
  const rank = stageRank(stage);
  const has = (f: JourneyFact) => facts.has(f);
  const steps: NextStep[] = [];
  if (!has(JourneyFact.CONSULTATION)) {
    steps.push({ module: 'support', suggestion: '仕事・住まい・地域のことを、まずは相談窓口でまとめて相談してみませんか' });
  }
  if (!has(JourneyFact.EVENT_ATTENDED) && !has(JourneyFact.EVENT_REGISTERED) && rank < stageRank(JourneyStage.MATCHED)) {
    steps.push({ module: 'events', suggestion: '説明会や現地ツアーに参加して、地域の人と会ってみませんか' });
  }
  if (has(JourneyFact.EVENT_ATTENDED) && !has(JourneyFact.INTEREST) && !has(JourneyFact.MATCH)) {
    steps.push({ module: 'matching', suggestion: '説明会で気になった仕事に「興味ある」を伝えてみませんか' });
  }
  if (has(JourneyFact.MATCH) && !has(JourneyFact.STAY) && !has(JourneyFact.STAYED)) {
    steps.push({ module: 'housing', suggestion: 'お試し住宅で暮らしてみませんか' });
  }
  if (has(JourneyFact.WORKING) && !has(JourneyFact.ONBOARDING)) {
    steps.push({ module: 'community', suggestion: '地域になじむためのオンボーディングを始めませんか' });
  }
  if ((has(JourneyFact.WORKING) || has(JourneyFact.STAYED)) && !has(JourneyFact.COMMUNITY)) {
    steps.push({ module: 'community', suggestion: '地域の役割やサポーターとつながってみませんか' });
  }
  if (has(JourneyFact.STAYED) && has(JourneyFact.CONSULTATION) && rank < stageRank(JourneyStage.DUAL_REGION)) {
    steps.push({ module: 'support', suggestion: '二地域居住の計画を、相談窓口で一緒に立てませんか' });
  }
  return steps;
}

const TOPIC_JA: Record<string, string> = { WORK: '仕事', HOUSING: '住まい', COMMUNITY: '地域コミュニティ', RELOCATION: '移住' };
const DUAL_REGION_JA: Record<string, string> = { EXPLORING: '情報収集中', VISITING: '訪問中', DUAL_REGION: '二地域居住', RELOCATED: '移住済み' };
const LISTING_JA: Record<string, string> = {
  AKIYA_SALE: '空き家(売買)', AKIYA_RENT: '空き家(賃貸)', RENTAL: '賃貸住宅', TRIAL_STAY: 'お試し住宅', SHARED_HOUSE: 'シェアハウス',
};

/** Detail an entry keeps to be told in words (from its event's payload; never personal data). */
export type EntryDetail = Record<string, string | number | string[] | null | undefined>;

const quoted = (title: string | null, fallback: string) => (title ? `「${title}」` : fallback);
const topics = (d: EntryDetail) => ((d.topics as string[] | undefined) ?? []).map((t) => TOPIC_JA[t] ?? t).join('・');
const tokyoTime = (iso: unknown) => {
  if (typeof iso !== 'string') return '';
  const t = new Date(new Date(iso).getTime() + 9 * 3600_000);
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
};
const listing = (title: string | null, d: EntryDetail) => quoted(title, LISTING_JA[String(d.listingKind)] ?? '住まい');

/** One line in Japanese for each kind of entry; `title` is what it names (an event, a job, a place), when known. */
const SUMMARIES: Record<string, (title: string | null, d: EntryDetail) => string> = {
  ACCOUNT_REGISTERED: () => 'Minatoに登録',
  PROFILE_CREATED: () => 'プロフィールを登録',
  DUAL_REGION_STAGE_CHANGED: (_t, d) => `二地域居住の段階が「${DUAL_REGION_JA[String(d.to)] ?? d.to}」に`,
  EVENT_APPLIED: (t) => `${quoted(t, 'イベント')}に抽選で申込`,
  EVENT_REGISTERED: (t) => `${quoted(t, 'イベント')}に参加登録`,
  EVENT_WAITLISTED: (t) => `${quoted(t, 'イベント')}のキャンセル待ちに登録`,
  EVENT_PROMOTED: (t) => `${quoted(t, 'イベント')}の参加が決定(キャンセル待ちから)`,
  EVENT_REGISTRATION_CANCELLED: (t) => `${quoted(t, 'イベント')}の参加を取消`,
  EVENT_ATTENDED: (t) => `${quoted(t, 'イベント')}に参加`,
  EVENT_NO_SHOW: (t) => `${quoted(t, 'イベント')}を欠席`,
  EVENT_FEEDBACK_SUBMITTED: (t) => `${quoted(t, 'イベント')}のアンケートに回答`,
  INTEREST_EXPRESSED: (t) => `${quoted(t, '求人')}に「興味ある」を送信`,
  INTEREST_ACCEPTED: (t) => `${quoted(t, '求人')}への「興味ある」が受け入れられました`,
  INTEREST_DECLINED: (t) => `${quoted(t, '求人')}への「興味ある」は見送りに`,
  INTEREST_WITHDRAWN: (t) => `${quoted(t, '求人')}への「興味ある」を取り下げ`,
  SCOUT_RECEIVED: (t) => `${quoted(t, '求人')}のスカウトが届きました`,
  SCOUT_ACCEPTED: (t) => `${quoted(t, '求人')}のスカウトを承諾`,
  SCOUT_DECLINED: (t) => `${quoted(t, '求人')}のスカウトは見送りに`,
  MATCH_ESTABLISHED: (t) => `${quoted(t, '求人')}とマッチング成立`,
  MATCH_MEETING: (t) => `${quoted(t, '求人')}の面談へ`,
  MATCH_TRIAL: (t) => `${quoted(t, '求人')}でお試し勤務`,
  MATCH_ENGAGED: (t) => `${quoted(t, '求人')}で働くことが決定`,
  MATCH_COMPLETED: (t) => `${quoted(t, '求人')}での仕事を終えました`,
  MATCH_WITHDRAWN: (t) => `${quoted(t, '求人')}のマッチングを辞退・終了`,
  COORDINATOR_ASSIGNED: (t) => `${quoted(t, '求人')}の担当コーディネーターが決定`,
  STAY_REQUESTED: (t, d) => `${listing(t, d)}に${d.nights}泊の滞在を申込`,
  STAY_CONFIRMED: (t, d) => `${listing(t, d)}の滞在(${d.checkIn}から${d.nights}泊)が確定`,
  STAY_DECLINED: (t, d) => `${listing(t, d)}の滞在は見送りに`,
  STAY_CHECKED_IN: (t, d) => `${listing(t, d)}にチェックイン`,
  STAY_COMPLETED: (t, d) => `${listing(t, d)}での滞在を終えました`,
  STAY_CANCELLED: (t, d) => `${listing(t, d)}の滞在を取消`,
  VIEWING_REQUESTED: (t, d) => `${listing(t, d)}の内見を申込`,
  VIEWING_SCHEDULED: (t, d) => `${listing(t, d)}の内見日が決定(${tokyoTime(d.scheduledAt)})`,
  VIEWING_DECLINED: (t, d) => `${listing(t, d)}の内見は見送りに`,
  VIEWING_COMPLETED: (t, d) => `${listing(t, d)}を内見`,
  VIEWING_CANCELLED: (t, d) => `${listing(t, d)}の内見を取消`,
  ROLE_APPLIED: (_t, d) => `地域の役割「${d.roleTitle}」に応募`,
  ROLE_ACCEPTED: (_t, d) => `地域の役割「${d.roleTitle}」を担うことに`,
  ROLE_DECLINED: (_t, d) => `地域の役割「${d.roleTitle}」は見送りに`,
  ROLE_WITHDRAWN: (_t, d) => `地域の役割「${d.roleTitle}」を辞退`,
  ROLE_ENDED: (_t, d) => `地域の役割「${d.roleTitle}」を終えました`,
  MENTORSHIP_REQUESTED: () => '地域のサポーターを依頼',
  MENTORSHIP_STARTED: () => '地域のサポーターが決まりました',
  MENTORSHIP_DECLINED: () => 'サポーターの依頼は見送りに',
  MENTORSHIP_ENDED: () => 'サポーターとの伴走を終えました',
  ONBOARDING_STARTED: (_t, d) => `地域になじむためのオンボーディングを開始(全${d.totalSteps}ステップ)`,
  ONBOARDING_STEP_COMPLETED: (_t, d) => `オンボーディング「${d.stepTitle}」を完了(${d.doneSteps}/${d.totalSteps})`,
  ONBOARDING_COMPLETED: () => 'オンボーディングをすべて完了',
  CONSULTATION_REQUESTED: (_t, d) => `${topics(d)}の相談を申込`,
  CONSULTATION_BOOKED: (_t, d) => `相談の日時が決定(${tokyoTime(d.slotStartsAt)})`,
  CONSULTATION_DONE: (_t, d) => `${topics(d)}について相談`,
  CONSULTATION_NO_SHOW: () => '予約した相談を欠席',
  CONSULTATION_CANCELLED: () => '相談を取消',
};

/** The entry's line for people. */
export function summarize(kind: string, title: string | null, detail: EntryDetail): string {
  const say = SUMMARIES[kind];
  return say ? say(title, detail) : kind;
}

export const ENTRY_KINDS = Object.keys(SUMMARIES);
