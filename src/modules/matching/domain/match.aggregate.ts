import { AggregateRoot } from '#libs/ddd/aggregate-root.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { newId } from '#libs/ddd/ids.js';
import { CoordinatorAssigned, MatchEstablished, MatchStageChanged, type PairFacts } from '#libs/contracts/matching/events.js';
import type { PersonalField } from '#libs/contracts/privacy/enums.js';
import { matchProvisionFacts, type MatchRecipient } from './matching-consent.js';
import { InvalidMatchingTransition } from './matching.errors.js';

export const PIPELINE = ['MATCHED', 'MEETING', 'TRIAL', 'ENGAGED', 'COMPLETED'] as const;
export type MatchStage = (typeof PIPELINE)[number] | 'WITHDRAWN';

/** One step in a match's history. */
export interface StageChange {
  stage: MatchStage;
  note: string | null;
  changedBy: string | null;
  changedAt: Date;
}

export interface MatchState extends PairFacts {
  id: string;
  origin: 'INTEREST' | 'SCOUT';
  originId: string;
  stage: MatchStage;
  coordinatorAccountId: string | null;
  /**
   * The organizations the match gave the candidate's contact details to (its provision
   * facts); null for a match made before provision records, whose region's staff see them.
   */
  providedOrganizationIds: string[] | null;
  /** Only the changes made since loading; the repository appends them. */
  newChanges: StageChange[];
  /** How many history rows are stored. */
  historyLength: number;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/**
 * Whether the pipeline allows `from` -> `to`: forward only (steps may be skipped),
 * WITHDRAWN from any stage before COMPLETED; nothing after COMPLETED or WITHDRAWN.
 */
export function canMove(from: MatchStage, to: MatchStage): boolean {
  if (from === 'COMPLETED' || from === 'WITHDRAWN') return false;
  if (to === 'WITHDRAWN') return true;
  return PIPELINE.indexOf(to) > PIPELINE.indexOf(from as (typeof PIPELINE)[number]);
}

/** Both sides said yes; the coordinator walks the pair through the pipeline. */
export class Match extends AggregateRoot {
  private constructor(private readonly state: MatchState) {
    super(state.id, state.version);
  }

  static restore(state: Omit<MatchState, 'newChanges'>): Match {
    return new Match({ ...state, newChanges: [] });
  }

  /**
   * Both sides said yes. The candidate's fullName, email and phone (`fields`: those they
   * gave) go to `recipients`, one provision fact each, carried by MatchEstablished.
   */
  static establish(
    pair: PairFacts,
    origin: 'INTEREST' | 'SCOUT',
    originId: string,
    provision: { recipients: readonly MatchRecipient[]; fields: readonly PersonalField[] },
    now = new Date(),
  ): Match {
    const match = new Match({
      ...pair, id: newId(), origin, originId, stage: 'MATCHED', coordinatorAccountId: null,
      providedOrganizationIds: provision.recipients.map((r) => r.organizationId),
      newChanges: [{ stage: 'MATCHED', note: null, changedBy: null, changedAt: now }], historyLength: 0,
      createdAt: now, updatedAt: now, version: 0,
    });
    const provided = matchProvisionFacts(match.id, pair.accountId, provision.recipients, provision.fields);
    match.record(MatchEstablished.create(match.id, { ...match.facts(), matchId: match.id, origin, originId, provided }));
    return match;
  }

  advance(to: MatchStage, note: string | null, by: string, now = new Date()): void {
    const clean = note?.trim() || null;
    if (clean !== null && clean.length > 2000) throw InvalidInputError.field('note', 'must have at most 2000 characters');
    const from = this.state.stage;
    if (!canMove(from, to)) throw new InvalidMatchingTransition('match', from, `move to ${to}`);
    this.state.stage = to;
    this.state.updatedAt = now;
    this.state.newChanges.push({ stage: to, note: clean, changedBy: by, changedAt: now });
    this.record(MatchStageChanged.create(this.id, { ...this.facts(), matchId: this.id, from, to, note: clean }));
  }

  assignCoordinator(accountId: string, now = new Date()): void {
    if (this.state.stage === 'COMPLETED' || this.state.stage === 'WITHDRAWN') {
      throw new InvalidMatchingTransition('match', this.state.stage, 'assign a coordinator to');
    }
    this.state.coordinatorAccountId = accountId;
    this.state.updatedAt = now;
    this.record(CoordinatorAssigned.create(this.id, { ...this.facts(), matchId: this.id, coordinatorAccountId: accountId }));
  }

  /** Whether the pair is still working together (matters for who sees contact details). */
  get live(): boolean {
    return this.state.stage !== 'WITHDRAWN';
  }

  /** Whether it can still be withdrawn (neither COMPLETED nor WITHDRAWN). */
  get open(): boolean {
    return canMove(this.state.stage, 'WITHDRAWN');
  }

  facts(): PairFacts {
    const s = this.state;
    return { candidateId: s.candidateId, accountId: s.accountId, opportunityId: s.opportunityId, regionId: s.regionId, workStyle: s.workStyle };
  }

  /** Takes the history entries added since loading (the repository appends them). */
  pullNewChanges(): StageChange[] {
    const changes = this.state.newChanges;
    this.state.newChanges = [];
    return changes;
  }

  get stage(): MatchStage {
    return this.state.stage;
  }
  get regionId(): string {
    return this.state.regionId;
  }
  get accountId(): string {
    return this.state.accountId;
  }
  get coordinatorAccountId(): string | null {
    return this.state.coordinatorAccountId;
  }
  get data(): Readonly<MatchState> {
    return { ...this.state };
  }
}
