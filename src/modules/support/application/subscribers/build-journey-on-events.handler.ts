import { Injectable } from '@nestjs/common';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { OutboxSubscriber } from '#libs/messaging/outbox-subscriber.js';
import { JOURNEY_EVENT_TYPES, planJourney } from '../../domain/journey-events.js';
import { JourneyProjection } from '../../infrastructure/journey.projection.js';

/**
 * Builds every person's journey from every module's integration events (identity, careers'
 * job titles, events, matching, housing, community and support's own). It starts at the
 * beginning of the event log (the default `startFrom`), so added to a deployment that has
 * run for years it replays the whole history; `reset()` lets an operator's
 * resetSubscriber rebuild it from the log with the same result.
 */
@Injectable()
export class BuildJourneyOnEvents extends OutboxSubscriber {
  readonly name = 'support.journey';
  readonly eventTypes = JOURNEY_EVENT_TYPES;

  constructor(private readonly projection: JourneyProjection) {
    super();
  }

  async handle(event: DomainEvent): Promise<void> {
    await this.projection.apply(event, planJourney(event));
  }

  reset(): Promise<void> {
    return this.projection.reset();
  }
}
