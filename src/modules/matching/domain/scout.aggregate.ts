import { AggregateRoot } from '#libs/ddd/aggregate-root.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { newId } from '#libs/ddd/ids.js';
import type { WorkStyle } from '#libs/contracts/careers/work-style.js';
import { ScoutAccepted, ScoutDeclined, ScoutSent, type PairFacts } from '#libs/contracts/matching/events.js';
import { InvalidMatchingTransition } from './matching.errors.js';

export type ScoutStatus = 'SENT' | 'ACCEPTED' | 'DECLINED';

export interface ScoutState {
  id: string;
  candidateId: string;
  accountId: string;
  opportunityId: string;
  regionId: string;
  workStyle: WorkStyle | null;
  sentByOrganizationId: string;
  sentByAccountId: string;
  message: string;
  status: ScoutStatus;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** Staff inviting a candidate to an opportunity; accepted by the candidate, it makes a match. */
export class Scout extends AggregateRoot {
  private constructor(private readonly state: ScoutState) {
    super(state.id, state.version);
  }

  static restore(state: ScoutState): Scout {
    return new Scout(state);
  }

  static send(
    pair: Omit<PairFacts, 'workStyle'> & { workStyle: WorkStyle; sentByOrganizationId: string; sentByAccountId: string; message: string },
    now = new Date(),
  ): Scout {
    const message = pair.message.trim();
    if (message.length === 0 || message.length > 2000) throw InvalidInputError.field('message', 'must have 1 to 2000 characters');
    const scout = new Scout({ id: newId(), ...pair, message, status: 'SENT', createdAt: now, updatedAt: now, version: 0 });
    scout.record(ScoutSent.create(scout.id, { ...scout.facts(), scoutId: scout.id, organizationId: pair.sentByOrganizationId }));
    return scout;
  }

  respond(accept: boolean, now = new Date()): void {
    if (this.state.status !== 'SENT') throw new InvalidMatchingTransition('scout', this.state.status, accept ? 'accept' : 'decline');
    this.state.status = accept ? 'ACCEPTED' : 'DECLINED';
    this.state.updatedAt = now;
    this.record(
      accept
        ? ScoutAccepted.create(this.id, { ...this.facts(), scoutId: this.id })
        : ScoutDeclined.create(this.id, { ...this.facts(), scoutId: this.id, reason: 'CANDIDATE' }),
    );
  }

  /** The opportunity closed before the candidate answered. */
  withdrawBecauseClosed(now = new Date()): void {
    if (this.state.status !== 'SENT') return;
    this.state.status = 'DECLINED';
    this.state.updatedAt = now;
    this.record(ScoutDeclined.create(this.id, { ...this.facts(), scoutId: this.id, reason: 'OPPORTUNITY_CLOSED' }));
  }

  facts(): PairFacts {
    const s = this.state;
    return { candidateId: s.candidateId, accountId: s.accountId, opportunityId: s.opportunityId, regionId: s.regionId, workStyle: s.workStyle };
  }

  get accountId(): string {
    return this.state.accountId;
  }
  get data(): Readonly<ScoutState> {
    return { ...this.state };
  }
}
