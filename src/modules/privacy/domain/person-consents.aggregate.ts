import { ConsentChanged } from '#libs/contracts/privacy/events.js';
import type { ConsentPurpose } from '#libs/contracts/privacy/enums.js';
import { AggregateRoot } from '#libs/ddd/aggregate-root.js';
import type { ConsentAnswer } from './consent.js';

/** Who gave an answer: the person, or the profile form (MATCHING's grant with a first profile). */
export type GivenBy = 'PERSON' | 'PROFILE_FORM';

/** An answer as kept: `revision` counts the changes of this (purpose, organization) answer. */
export interface StoredAnswer extends ConsentAnswer {
  revision: number;
  updatedAt: Date;
}

/** An answer given in this unit of work, to be written with its history row. */
export interface GivenAnswer extends StoredAnswer {
  givenBy: GivenBy;
}

const sameAnswer = (a: ConsentAnswer, purpose: ConsentPurpose, organizationId: string | null) =>
  a.purpose === purpose && a.organizationId === organizationId;

/**
 * One person's answers (the aggregate: its id is the account's). Every answer given is
 * kept as the current one for its (purpose, organization) and in the history, and goes out
 * as `privacy.consent.changed` with the answer's revision, so copies keep the newest.
 */
export class PersonConsents extends AggregateRoot {
  private given: GivenAnswer[] = [];

  private constructor(
    accountId: string,
    version: number,
    private readonly current: StoredAnswer[],
  ) {
    super(accountId, version);
  }

  static restore(accountId: string, version: number, answers: StoredAnswer[]): PersonConsents {
    return new PersonConsents(accountId, version, answers);
  }

  /** Someone who has answered nothing yet. */
  static empty(accountId: string): PersonConsents {
    return new PersonConsents(accountId, 0, []);
  }

  get answers(): readonly StoredAnswer[] {
    return this.current;
  }

  /** The person's answer (for every organization when `organizationId` is null). */
  answer(purpose: ConsentPurpose, organizationId: string | null, granted: boolean, at: Date, givenBy: GivenBy = 'PERSON'): StoredAnswer {
    const previous = this.current.find((a) => sameAnswer(a, purpose, organizationId));
    const answer: StoredAnswer = { purpose, organizationId, granted, revision: (previous?.revision ?? 0) + 1, updatedAt: at };
    if (previous) Object.assign(previous, answer);
    else this.current.push({ ...answer });
    this.given.push({ ...answer, givenBy });
    this.record(
      ConsentChanged.create(this.id, {
        accountId: this.id, purpose, organizationId, granted, at: at.toISOString(), version: answer.revision,
      }, at),
    );
    return answer;
  }

  /**
   * The profile form's MATCHING grant (the form says saving a profile grants it): given
   * only when the person has no general MATCHING answer yet. False when there was one.
   */
  grantMatchingFromProfileForm(at: Date): boolean {
    if (this.current.some((a) => sameAnswer(a, 'MATCHING', null))) return false;
    this.answer('MATCHING', null, true, at, 'PROFILE_FORM');
    return true;
  }

  /** The answers given since the last save (the repository writes them beside the root row). */
  takeGiven(): GivenAnswer[] {
    const given = this.given;
    this.given = [];
    return given;
  }
}
