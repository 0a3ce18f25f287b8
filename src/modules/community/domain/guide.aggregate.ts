import { AggregateRoot } from '#libs/ddd/aggregate-root.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { newId } from '#libs/ddd/ids.js';
import { GuideStatus } from '#libs/contracts/community/enums.js';
import { InvalidStatusTransition } from './community.errors.js';

export interface GuideText {
  category: string;
  title: string;
  /** Markdown. */
  body: string;
}

export interface GuideState extends GuideText {
  regionId: string;
  status: GuideStatus;
  createdAt: Date;
  updatedAt: Date;
}

function checkText(t: GuideText): GuideText {
  if (t.category.trim() === '' || t.category.length > 50) throw InvalidInputError.field('category', 'must be 1 to 50 characters');
  if (t.title.trim() === '' || t.title.length > 200) throw InvalidInputError.field('title', 'must be 1 to 200 characters');
  if (t.body.trim() === '' || t.body.length > 50000) throw InvalidInputError.field('body', 'must be 1 to 50000 characters');
  return { category: t.category.trim(), title: t.title.trim(), body: t.body };
}

/** A region's guide (地域のルールブック): DRAFT -> PUBLISHED -> ARCHIVED; public when PUBLISHED. */
export class Guide extends AggregateRoot {
  private constructor(
    id: string,
    version: number,
    private s: GuideState,
  ) {
    super(id, version);
  }

  static write(regionId: string, text: GuideText, now = new Date()): Guide {
    return new Guide(newId(), 0, { regionId, ...checkText(text), status: GuideStatus.DRAFT, createdAt: now, updatedAt: now });
  }

  static restore(id: string, version: number, state: GuideState): Guide {
    return new Guide(id, version, state);
  }

  get state(): Readonly<GuideState> {
    return this.s;
  }

  /** Edits keep the status (a PUBLISHED guide stays PUBLISHED); an ARCHIVED guide is not edited. */
  edit(text: GuideText, now = new Date()): void {
    if (this.s.status === GuideStatus.ARCHIVED) throw new InvalidStatusTransition('a guide', this.s.status, 'edit', 'DRAFT or PUBLISHED');
    this.s = { ...this.s, ...checkText(text), updatedAt: now };
  }

  publish(now = new Date()): void {
    if (this.s.status !== GuideStatus.DRAFT) throw new InvalidStatusTransition('a guide', this.s.status, 'publish', 'DRAFT');
    this.s = { ...this.s, status: GuideStatus.PUBLISHED, updatedAt: now };
  }

  archive(now = new Date()): void {
    // DRAFT -> PUBLISHED -> ARCHIVED: a draft is published first (or simply left a draft).
    if (this.s.status !== GuideStatus.PUBLISHED) throw new InvalidStatusTransition('a guide', this.s.status, 'archive', 'PUBLISHED');
    this.s = { ...this.s, status: GuideStatus.ARCHIVED, updatedAt: now };
  }
}
