import { AggregateRoot } from '#libs/ddd/aggregate-root.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { newId } from '#libs/ddd/ids.js';
import { ConsultationChannel, ConsultationStatus, ConsultationTopic } from '#libs/contracts/support/enums.js';
import {
  ConsultationBooked,
  ConsultationCancelled,
  ConsultationCompleted,
  ConsultationRequested,
  type ConsultationFacts,
} from '#libs/contracts/support/events.js';
import { ERASED_DISPLAY_NAME, type PersonalField } from '#libs/contracts/privacy/enums.js';
import type { ProvisionFact } from '#libs/contracts/privacy/events.js';
import { InvalidConsultationTransition, SlotMismatch, SlotPast } from './support.errors.js';
import { isPhoneNumber, normalizePhone } from '#libs/ddd/phone.js';
import type { SlotData } from './consultation-slot.js';

export interface ConsultationData {
  accountId: string;
  regionId: string;
  displayName: string;
  /** The person's contact details, as routed staff see them; null once the person's account is erased. */
  email: string | null;
  fullName: string | null;
  phone: string | null;
  topics: ConsultationTopic[];
  channel: ConsultationChannel;
  question: string;
  slotId: string | null;
  status: ConsultationStatus;
  routedTo: string[];
  outcome: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type Actor = 'PERSON' | 'STAFF';

const OPEN = [ConsultationStatus.REQUESTED, ConsultationStatus.BOOKED];

/** What staff of a routed organization see of the person from the request on (contract 70-support's ContactCard rule). */
export const ROUTED_STAFF_SEE: readonly PersonalField[] = ['fullName', 'email', 'phone'];
/** Why they receive it, in the person's words (a provision record's purpose). */
export const CONSULTATION_PURPOSE = '相談窓口でのご相談に対応するため';

/**
 * One person's consultation in one region: REQUESTED (no slot yet) -> BOOKED (a slot held)
 * -> DONE or NO_SHOW (routed staff), or CANCELLED (the person or routed staff) from
 * REQUESTED or BOOKED. `routedTo` is fixed when it is requested. One consultation per slot
 * is the database's rule (a unique index), checked in the statement that saves it.
 */
export class Consultation extends AggregateRoot {
  private constructor(id: string, version: number, private state: ConsultationData) {
    super(id, version);
  }

  static restore(id: string, version: number, data: ConsultationData): Consultation {
    return new Consultation(id, version, data);
  }

  get data(): Readonly<ConsultationData> {
    return this.state;
  }

  static request(
    input: Omit<ConsultationData, 'slotId' | 'status' | 'outcome' | 'createdAt' | 'updatedAt' | 'fullName' | 'phone'> & { fullName: string; phone: string },
    now: Date,
  ): Consultation {
    const fields: Array<{ field: string; message: string }> = [];
    if (input.topics.length === 0) fields.push({ field: 'topics', message: 'must name at least one topic' });
    if (!input.question.trim()) fields.push({ field: 'question', message: 'must not be empty' });
    if (!input.fullName.trim()) fields.push({ field: 'fullName', message: 'must not be empty' });
    if (!isPhoneNumber(normalizePhone(input.phone))) fields.push({ field: 'phone', message: 'must be a phone number' });
    if (fields.length) throw new InvalidInputError(fields);
    const c = new Consultation(newId(), 0, {
      ...input,
      topics: [...new Set(input.topics)],
      question: input.question.trim(),
      fullName: input.fullName.trim(),
      phone: normalizePhone(input.phone),
      slotId: null,
      status: ConsultationStatus.REQUESTED,
      outcome: null,
      createdAt: now,
      updatedAt: now,
    });
    c.record(ConsultationRequested.create(c.id, { ...c.facts(), provided: c.provisions() }, now));
    return c;
  }

  /**
   * The person's own request is addressed to each routed organization: the basis (REQUEST)
   * for its staff to see the person's contact details. One fact per organization.
   */
  private provisions(): ProvisionFact[] {
    return this.state.routedTo.map((organizationId) => ({
      subjectAccountId: this.state.accountId, recipientOrganizationId: organizationId, recipientAccountId: null,
      purpose: CONSULTATION_PURPOSE, fields: [...ROUTED_STAFF_SEE], basis: 'REQUEST', occasion: 'consultation', occasionId: this.id,
    }));
  }

  private facts(): ConsultationFacts {
    const s = this.state;
    return {
      consultationId: this.id, regionId: s.regionId, accountId: s.accountId, topics: s.topics, channel: s.channel,
      routedOrganizationIds: s.routedTo,
    };
  }

  /** Holds `slot` (REQUESTED -> BOOKED): the slot must be ahead, of its region, of an organization it routes to, of its channel and a topic of it. */
  book(slotId: string, slot: SlotData, by: Actor, now: Date): void {
    if (this.state.status !== ConsultationStatus.REQUESTED) throw new InvalidConsultationTransition(this.state.status, ConsultationStatus.BOOKED);
    if (slot.startsAt.getTime() <= now.getTime()) throw new SlotPast();
    if (slot.regionId !== this.state.regionId) throw new SlotMismatch('it is in another region');
    if (!this.state.routedTo.includes(slot.organizationId)) throw new SlotMismatch('its organization is not one the consultation is routed to');
    if (slot.channel !== this.state.channel) throw new SlotMismatch(`it is ${slot.channel}, the consultation ${this.state.channel}`);
    if (!slot.topics.some((t) => this.state.topics.includes(t))) throw new SlotMismatch('it covers none of the consultation\'s topics');
    this.state = { ...this.state, slotId, status: ConsultationStatus.BOOKED, updatedAt: now };
    this.record(
      ConsultationBooked.create(this.id, {
        ...this.facts(), slotId, slotOrganizationId: slot.organizationId,
        slotStartsAt: slot.startsAt.toISOString(), slotEndsAt: slot.endsAt.toISOString(), bookedBy: by,
      }, now),
    );
  }

  /** REQUESTED or BOOKED -> CANCELLED; the slot is free again. */
  cancel(by: Actor, now: Date): void {
    const previous = this.state.status;
    if (previous !== ConsultationStatus.REQUESTED && previous !== ConsultationStatus.BOOKED) {
      throw new InvalidConsultationTransition(previous, ConsultationStatus.CANCELLED);
    }
    this.state = { ...this.state, status: ConsultationStatus.CANCELLED, updatedAt: now };
    this.record(ConsultationCancelled.create(this.id, { ...this.facts(), previousStatus: previous, cancelledBy: by, slotId: this.state.slotId }, now));
  }

  get isOpen(): boolean {
    return OPEN.includes(this.state.status);
  }

  /** Whether anything of the person is left to erase. */
  get holdsPersonalData(): boolean {
    const s = this.state;
    return s.fullName !== null || s.email !== null || s.phone !== null || s.displayName !== ERASED_DISPLAY_NAME
      || s.question !== '' || s.outcome !== null;
  }

  /**
   * The person's account was erased: their name, email and phone go, their display name
   * becomes ERASED_DISPLAY_NAME, and the free text that could hold their contact details —
   * their question, and the staff's notes of what was said — is cleared. Status, topics,
   * routing and times stay (the counts). The erasure cancels an open one first, as the
   * person's own cancellation would (`cancel('PERSON')`).
   */
  erasePersonalData(now: Date): void {
    this.state = {
      ...this.state, displayName: ERASED_DISPLAY_NAME, fullName: null, email: null, phone: null, question: '', outcome: null, updatedAt: now,
    };
  }

  /** REQUESTED or BOOKED -> DONE or NO_SHOW, with notes only staff see. */
  recordOutcome(status: ConsultationStatus, outcome: string | null, now: Date): void {
    if (status !== ConsultationStatus.DONE && status !== ConsultationStatus.NO_SHOW) {
      throw InvalidInputError.field('status', 'must be DONE or NO_SHOW');
    }
    if (outcome !== null && outcome.length > 5000) throw InvalidInputError.field('outcome', 'at most 5000 characters');
    if (!OPEN.includes(this.state.status)) throw new InvalidConsultationTransition(this.state.status, status);
    const notes = outcome?.trim() ? outcome.trim() : null;
    this.state = { ...this.state, status, outcome: notes, updatedAt: now };
    this.record(ConsultationCompleted.create(this.id, { ...this.facts(), status, slotId: this.state.slotId }, now));
  }
}
