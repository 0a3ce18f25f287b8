import { AggregateRoot } from '#libs/ddd/aggregate-root.js';
import { newId } from '#libs/ddd/ids.js';
import type { WorkStyle } from '#libs/contracts/careers/work-style.js';
import { InterestAccepted, InterestDeclined, InterestExpressed, InterestWithdrawn, type PairFacts } from '#libs/contracts/matching/events.js';
import { InvalidMatchingTransition } from './matching.errors.js';

export type InterestStatus = 'OPEN' | 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN';

export interface InterestState {
  id: string;
  candidateId: string;
  accountId: string;
  opportunityId: string;
  regionId: string;
  workStyle: WorkStyle | null;
  status: InterestStatus;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** A candidate's 興味ある in one opportunity; accepted by staff, it makes a match. */
export class Interest extends AggregateRoot {
  private constructor(private readonly state: InterestState) {
    super(state.id, state.version);
  }

  static restore(state: InterestState): Interest {
    return new Interest(state);
  }

  static express(pair: Omit<PairFacts, 'workStyle'> & { workStyle: WorkStyle }, now = new Date()): Interest {
    const interest = new Interest({ id: newId(), ...pair, status: 'OPEN', createdAt: now, updatedAt: now, version: 0 });
    interest.record(InterestExpressed.create(interest.id, { ...interest.facts(), interestId: interest.id }));
    return interest;
  }

  accept(byAccountId: string, now = new Date()): void {
    this.from('OPEN', 'accept');
    this.set('ACCEPTED', now);
    this.record(InterestAccepted.create(this.id, { ...this.facts(), interestId: this.id, acceptedBy: byAccountId }));
  }

  decline(reason: 'STAFF' | 'OPPORTUNITY_CLOSED', now = new Date()): void {
    this.from('OPEN', 'decline');
    this.set('DECLINED', now);
    this.record(InterestDeclined.create(this.id, { ...this.facts(), interestId: this.id, reason }));
  }

  withdraw(now = new Date()): void {
    this.from('OPEN', 'withdraw');
    this.set('WITHDRAWN', now);
    this.record(InterestWithdrawn.create(this.id, { ...this.facts(), interestId: this.id }));
  }

  private from(expected: InterestStatus, action: string): void {
    if (this.state.status !== expected) throw new InvalidMatchingTransition('interest', this.state.status, action);
  }

  private set(status: InterestStatus, now: Date): void {
    this.state.status = status;
    this.state.updatedAt = now;
  }

  facts(): PairFacts {
    const s = this.state;
    return { candidateId: s.candidateId, accountId: s.accountId, opportunityId: s.opportunityId, regionId: s.regionId, workStyle: s.workStyle };
  }

  get status(): InterestStatus {
    return this.state.status;
  }
  get regionId(): string {
    return this.state.regionId;
  }
  get accountId(): string {
    return this.state.accountId;
  }
  get data(): Readonly<InterestState> {
    return { ...this.state };
  }
}
