import { AggregateRoot } from '#libs/ddd/aggregate-root.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { newId } from '#libs/ddd/ids.js';
import { ERASED_DISPLAY_NAME } from '#libs/contracts/privacy/enums.js';

export interface SupporterOffer {
  topics: string[];
  bio: string;
  maxNewcomers: number;
}

export interface SupporterState extends SupporterOffer {
  regionId: string;
  accountId: string;
  displayName: string;
  /** Kept by the database (community.assign_supporter and ending); read, never written here. */
  activeNewcomers: number;
  approved: boolean;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Topics trimmed, blanks and repeats dropped; BAD_USER_INPUT for the rest. */
export function cleanTopics(topics: string[], field = 'topics'): string[] {
  const clean = [...new Set(topics.map((t) => t.normalize('NFKC').trim()).filter((t) => t.length > 0))];
  if (clean.length > 20) throw InvalidInputError.field(field, 'at most 20');
  if (clean.some((t) => t.length > 50)) throw InvalidInputError.field(field, 'each at most 50 characters');
  return clean;
}

function checkOffer(offer: Partial<SupporterOffer>): void {
  if (offer.bio !== undefined && offer.bio.length > 5000) throw InvalidInputError.field('bio', 'at most 5000 characters');
  if (offer.maxNewcomers !== undefined && (!Number.isInteger(offer.maxNewcomers) || offer.maxNewcomers < 1 || offer.maxNewcomers > 100)) {
    throw InvalidInputError.field('maxNewcomers', 'must be from 1 to 100');
  }
}

/**
 * A private person who offers to walk beside newcomers in a region (伴走). Listed and
 * assignable only once staff approved them and while active. How many newcomers they have
 * is the database's counter (never above maxNewcomers, by a CHECK).
 */
export class Supporter extends AggregateRoot {
  private constructor(
    id: string,
    version: number,
    private s: SupporterState,
  ) {
    super(id, version);
  }

  static volunteer(
    regionId: string,
    person: { accountId: string; displayName: string },
    offer: SupporterOffer,
    now = new Date(),
  ): Supporter {
    checkOffer(offer);
    return new Supporter(newId(), 0, {
      regionId,
      accountId: person.accountId,
      displayName: person.displayName,
      topics: cleanTopics(offer.topics),
      bio: offer.bio.trim(),
      maxNewcomers: offer.maxNewcomers,
      activeNewcomers: 0,
      approved: false,
      active: true,
      createdAt: now,
      updatedAt: now,
    });
  }

  static restore(id: string, version: number, state: SupporterState): Supporter {
    return new Supporter(id, version, state);
  }

  get state(): Readonly<SupporterState> {
    return this.s;
  }

  /** Approving twice changes nothing. */
  approve(now = new Date()): void {
    if (this.s.approved) return;
    this.s = { ...this.s, approved: true, updatedAt: now };
  }

  /**
   * The supporter's account was erased (contract 90-privacy): deactivated as the supporter's
   * own deactivation would (no longer listed or assigned; their ACTIVE mentorships are ended
   * one by one, as theirs), the name becomes 退会済みユーザー and the bio they wrote is emptied.
   * False when nothing was left to do.
   */
  erase(now = new Date()): boolean {
    if (!this.s.active && this.s.displayName === ERASED_DISPLAY_NAME && this.s.bio === '') return false;
    this.s = { ...this.s, active: false, displayName: ERASED_DISPLAY_NAME, bio: '', updatedAt: now };
    return true;
  }

  /** maxNewcomers never below the newcomers they have now. */
  update(changes: Partial<SupporterOffer> & { active?: boolean }, now = new Date()): void {
    checkOffer(changes);
    if (changes.maxNewcomers !== undefined && changes.maxNewcomers < this.s.activeNewcomers) {
      throw InvalidInputError.field('maxNewcomers', `must not be below the ${this.s.activeNewcomers} newcomers they support now`);
    }
    this.s = {
      ...this.s,
      topics: changes.topics !== undefined ? cleanTopics(changes.topics) : this.s.topics,
      bio: changes.bio !== undefined ? changes.bio.trim() : this.s.bio,
      maxNewcomers: changes.maxNewcomers ?? this.s.maxNewcomers,
      active: changes.active ?? this.s.active,
      updatedAt: now,
    };
  }
}
