import { AggregateRoot } from '#libs/ddd/aggregate-root.js';
import { InvalidInputError, type FieldProblem } from '#libs/ddd/errors.js';
import { newId } from '#libs/ddd/ids.js';
import { WorkStyle } from '#libs/contracts/careers/work-style.js';
import { isPrefecture } from '#libs/contracts/matching/enums.js';
import { isPhoneNumber, normalizePhone } from '#libs/ddd/phone.js';
import { CandidateProfileSaved, DualRegionStageChanged } from '#libs/contracts/matching/events.js';
import { ERASED_DISPLAY_NAME, type PersonalField } from '#libs/contracts/privacy/enums.js';
import { ErasureReleaseRequested } from './matching.internal-events.js';

export const AGE_BANDS = ['UNDER_40', 'FORTIES', 'FIFTIES', 'SIXTIES_AND_OVER'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const DUAL_REGION_STAGES = ['EXPLORING', 'VISITING', 'DUAL_REGION', 'RELOCATED'] as const;
export type DualRegionStage = (typeof DUAL_REGION_STAGES)[number];

/** What a candidate writes about themself. */
export interface ProfileInput {
  fullName: string;
  ageBand: AgeBand;
  headline: string;
  careerSummary: string;
  skills: string[];
  desiredWorkStyles: WorkStyle[];
  remoteHoursPerWeek: number;
  onsiteDaysPerMonth: number;
  desiredRegionIds: string[];
  dualRegionStage: DualRegionStage;
  phone: string | null;
  /** Where the person lives now: one of the 47 prefectures; undefined keeps the saved one, null clears it. */
  homePrefecture?: string | null;
}

export interface ProfileState extends ProfileInput {
  homePrefecture: string | null;
  id: string;
  accountId: string;
  displayName: string;
  email: string;
  /** When the person erased their account (contract 90-privacy); null while it exists. */
  erasedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** A skill as compared: NFKC (full-width = half-width), trimmed, lower case. */
export const normalizeSkill = (skill: string): string => skill.normalize('NFKC').trim().toLowerCase();

function clean(input: ProfileInput): ProfileInput {
  const problems: FieldProblem[] = [];
  const text = (field: keyof ProfileInput, value: string, max: number) => {
    const v = value.normalize('NFKC').trim();
    if (v.length === 0 || v.length > max) problems.push({ field, message: `must have 1 to ${max} characters` });
    return v;
  };
  const fullName = text('fullName', input.fullName, 100);
  const headline = text('headline', input.headline, 200);
  const careerSummary = input.careerSummary.trim();
  if (careerSummary.length === 0 || careerSummary.length > 5000) problems.push({ field: 'careerSummary', message: 'must have 1 to 5000 characters' });
  if (!AGE_BANDS.includes(input.ageBand)) problems.push({ field: 'ageBand', message: 'must be an AgeBand' });
  if (!DUAL_REGION_STAGES.includes(input.dualRegionStage)) problems.push({ field: 'dualRegionStage', message: 'must be a DualRegionStage' });
  const seen = new Set<string>();
  const skills: string[] = [];
  for (const raw of input.skills) {
    const skill = raw.normalize('NFKC').trim();
    if (skill.length === 0 || skill.length > 50) {
      problems.push({ field: 'skills', message: 'each skill must have 1 to 50 characters' });
      break;
    }
    if (!seen.has(normalizeSkill(skill))) {
      seen.add(normalizeSkill(skill));
      skills.push(skill);
    }
  }
  if (skills.length > 30) problems.push({ field: 'skills', message: 'at most 30 skills' });
  const styles = [...new Set(input.desiredWorkStyles)];
  if (styles.some((s) => !Object.values(WorkStyle).includes(s))) problems.push({ field: 'desiredWorkStyles', message: 'must be WorkStyles' });
  if (!Number.isInteger(input.remoteHoursPerWeek) || input.remoteHoursPerWeek < 0 || input.remoteHoursPerWeek > 80) {
    problems.push({ field: 'remoteHoursPerWeek', message: 'must be a whole number from 0 to 80' });
  }
  if (!Number.isInteger(input.onsiteDaysPerMonth) || input.onsiteDaysPerMonth < 0 || input.onsiteDaysPerMonth > 31) {
    problems.push({ field: 'onsiteDaysPerMonth', message: 'must be a whole number from 0 to 31' });
  }
  const regions = [...new Set(input.desiredRegionIds)];
  if (regions.length > 20) problems.push({ field: 'desiredRegionIds', message: 'at most 20 regions' });
  const phone = (input.phone && normalizePhone(input.phone)) || null;
  if (phone !== null && !isPhoneNumber(phone)) problems.push({ field: 'phone', message: 'must be a phone number' });
  const homePrefecture = input.homePrefecture === undefined ? undefined : input.homePrefecture?.normalize('NFKC').trim() || null;
  if (homePrefecture != null && !isPrefecture(homePrefecture)) {
    problems.push({ field: 'homePrefecture', message: 'must be one of the 47 prefectures, written as in 東京都, 大阪府, 北海道, 宮城県' });
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  return {
    fullName, ageBand: input.ageBand, headline, careerSummary, skills, desiredWorkStyles: styles,
    remoteHoursPerWeek: input.remoteHoursPerWeek, onsiteDaysPerMonth: input.onsiteDaysPerMonth,
    desiredRegionIds: regions, dualRegionStage: input.dualRegionStage, phone,
    ...(homePrefecture === undefined ? {} : { homePrefecture }),
  };
}

/** A candidate's profile: what matching and the partners' staff see of them. One per account. */
export class CandidateProfile extends AggregateRoot {
  private constructor(private readonly state: ProfileState) {
    super(state.id, state.version);
  }

  static restore(state: ProfileState): CandidateProfile {
    return new CandidateProfile(state);
  }

  static create(account: { accountId: string; displayName: string; email: string }, input: ProfileInput, now = new Date()): CandidateProfile {
    const profile = new CandidateProfile({
      homePrefecture: null, ...clean(input), ...account, id: newId(), erasedAt: null, createdAt: now, updatedAt: now, version: 0,
    });
    profile.recordSaved(true, null);
    return profile;
  }

  /** Replaces the profile (an omitted homePrefecture keeps the saved one); a change of dual-region stage is its own event. */
  replace(account: { displayName: string; email: string }, input: ProfileInput, now = new Date()): void {
    const before = this.state.dualRegionStage;
    Object.assign(this.state, clean(input), account, { updatedAt: now });
    this.recordSaved(false, before);
  }

  private recordSaved(created: boolean, before: DualRegionStage | null): void {
    const s = this.state;
    this.record(
      CandidateProfileSaved.create(s.id, {
        candidateId: s.id, accountId: s.accountId, ageBand: s.ageBand, desiredWorkStyles: [...s.desiredWorkStyles],
        desiredRegionIds: [...s.desiredRegionIds], dualRegionStage: s.dualRegionStage,
        homePrefecture: s.homePrefecture, created,
      }),
    );
    if (before !== s.dualRegionStage) {
      this.record(
        DualRegionStageChanged.create(s.id, {
          candidateId: s.id, accountId: s.accountId, from: before, to: s.dualRegionStage, desiredRegionIds: [...s.desiredRegionIds],
        }),
      );
    }
  }

  /**
   * The person erased their account: the profile stays (its interests, scouts and matches
   * are counted) without a name, contact details or anything they wrote, and asks, through
   * the outbox, for each thing they held to be released as their own act would (`held`:
   * their matches not yet ended, OPEN interests and unanswered scouts). Once: false when
   * it was erased already.
   */
  erase(held: ReadonlyArray<{ kind: 'MATCH' | 'INTEREST' | 'SCOUT'; id: string }>, now = new Date()): boolean {
    if (this.state.erasedAt !== null) return false;
    Object.assign(this.state, {
      displayName: ERASED_DISPLAY_NAME, fullName: '', email: '', phone: null, headline: '', careerSummary: '', skills: [],
      homePrefecture: null, erasedAt: now, updatedAt: now,
    });
    for (const item of held) {
      this.record(ErasureReleaseRequested.create(this.id, { ...item, accountId: this.state.accountId }, now));
    }
    return true;
  }

  get erased(): boolean {
    return this.state.erasedAt !== null;
  }

  /** The personal fields the person gave (what a partner receives with a match). */
  get contactFields(): PersonalField[] {
    const s = this.state;
    const fields: PersonalField[] = [];
    if (s.fullName) fields.push('fullName');
    if (s.email) fields.push('email');
    if (s.phone) fields.push('phone');
    return fields;
  }

  get accountId(): string {
    return this.state.accountId;
  }
  get data(): Readonly<ProfileState> {
    return { ...this.state };
  }
}
