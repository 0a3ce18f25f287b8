import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/caller.js';
import { InvalidInputError, NotFoundError } from '../ddd/errors.js';
import { MessagingPolicy } from './messaging.policy.js';
import { OutboxRelay, type ParkedDelivery, type SubscriberProgress } from './outbox-relay.js';

/**
 * The operator's use cases on the relay: each asks the policy, then the relay. The
 * resolver only maps GraphQL to these and back.
 */
@Injectable()
export class MessagingOperations {
  constructor(private readonly relay: OutboxRelay) {}

  parkedEvents(caller: Caller | null): Promise<ParkedDelivery[]> {
    MessagingPolicy.operate(caller);
    return this.relay.parked();
  }

  /** Retries a parked delivery with fresh attempts; the events held behind it follow once it succeeds. */
  async replayParkedEvent(caller: Caller | null, eventId: string, subscriber: string): Promise<ParkedDelivery> {
    MessagingPolicy.operate(caller);
    const parked = await this.parkedOne(eventId, subscriber);
    if (!(await this.relay.replay(eventId, subscriber))) throw new NotFoundError('Parked event', `${eventId} for ${subscriber}`);
    return { ...parked, attempts: 0 };
  }

  /** Gives up on a parked delivery; the events held behind it follow in order. */
  async skipParkedEvent(caller: Caller | null, eventId: string, subscriber: string): Promise<ParkedDelivery> {
    MessagingPolicy.operate(caller);
    const parked = await this.parkedOne(eventId, subscriber);
    if (!(await this.relay.skipParked(eventId, subscriber))) throw new NotFoundError('Parked event', `${eventId} for ${subscriber}`);
    return parked;
  }

  subscribers(caller: Caller | null): Promise<SubscriberProgress[]> {
    MessagingPolicy.operate(caller);
    return this.relay.progress();
  }

  /** Sends a subscriber the log again from a position, after clearing its read model (its `reset()`). */
  async resetSubscriber(caller: Caller | null, name: string, fromPosition: number): Promise<SubscriberProgress> {
    MessagingPolicy.operate(caller);
    if (!Number.isSafeInteger(fromPosition) || fromPosition < 0) {
      throw InvalidInputError.field('fromPosition', 'must be a whole number, 0 or more');
    }
    await this.relay.reset(name, fromPosition);
    const progress = (await this.relay.progress()).find((p) => p.name === name);
    if (!progress) throw new NotFoundError('Subscriber', name);
    return progress;
  }

  private async parkedOne(eventId: string, subscriber: string): Promise<ParkedDelivery> {
    const parked = (await this.relay.parked()).find((p) => p.eventId === eventId && p.subscriber === subscriber);
    if (!parked) throw new NotFoundError('Parked event', `${eventId} for ${subscriber}`);
    return parked;
  }
}
