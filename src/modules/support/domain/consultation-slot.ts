import { AggregateRoot } from '#libs/ddd/aggregate-root.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { newId } from '#libs/ddd/ids.js';
import type { ConsultationChannel, ConsultationTopic } from '#libs/contracts/support/enums.js';

export interface SlotData {
  regionId: string;
  organizationId: string;
  topics: ConsultationTopic[];
  channel: ConsultationChannel;
  startsAt: Date;
  endsAt: Date;
  offeredBy: string;
  createdAt: Date;
}

export const MIN_MINUTES = 15;
export const MAX_MINUTES = 180;
export const MAX_SLOTS_PER_OFFER = 100;

/**
 * A time staff of one organization offer for consultations on some topics. Written once
 * and never changed: whether it is booked is a consultation's fact (one per slot, decided by
 * a unique index), not the slot's.
 */
export class ConsultationSlot extends AggregateRoot {
  private constructor(id: string, version: number, readonly data: SlotData) {
    super(id, version);
  }

  static restore(id: string, data: SlotData): ConsultationSlot {
    return new ConsultationSlot(id, 1, data);
  }

  /** The slots of one offer: all the same length, none in the past, no start twice. */
  static offer(
    input: { regionId: string; organizationId: string; topics: ConsultationTopic[]; channel: ConsultationChannel; startsAt: Date[]; minutes: number; offeredBy: string },
    now: Date,
  ): ConsultationSlot[] {
    if (!Number.isInteger(input.minutes) || input.minutes < MIN_MINUTES || input.minutes > MAX_MINUTES) {
      throw InvalidInputError.field('minutes', `must be from ${MIN_MINUTES} to ${MAX_MINUTES}`);
    }
    if (input.topics.length === 0) throw InvalidInputError.field('topics', 'must name at least one topic');
    if (input.startsAt.length === 0) throw InvalidInputError.field('startsAt', 'must give at least one start');
    if (input.startsAt.length > MAX_SLOTS_PER_OFFER) throw InvalidInputError.field('startsAt', `at most ${MAX_SLOTS_PER_OFFER} slots at once`);
    const seen = new Set<number>();
    for (const start of input.startsAt) {
      if (Number.isNaN(start.getTime())) throw InvalidInputError.field('startsAt', 'must be valid instants');
      if (start.getTime() <= now.getTime()) throw InvalidInputError.field('startsAt', 'must be in the future');
      if (seen.has(start.getTime())) throw InvalidInputError.field('startsAt', 'must not repeat a start');
      seen.add(start.getTime());
    }
    const topics = [...new Set(input.topics)];
    return input.startsAt.map(
      (startsAt) =>
        new ConsultationSlot(newId(), 0, {
          regionId: input.regionId, organizationId: input.organizationId, topics, channel: input.channel,
          startsAt, endsAt: new Date(startsAt.getTime() + input.minutes * 60_000), offeredBy: input.offeredBy, createdAt: now,
        }),
    );
  }
}
