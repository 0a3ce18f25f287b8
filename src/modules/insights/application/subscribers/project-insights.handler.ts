import { Injectable } from '@nestjs/common';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { OutboxSubscriber } from '#libs/messaging/outbox-subscriber.js';
import { InsightsProjection } from '../../infrastructure/insights.projection.js';

/**
 * Builds every insights read model from the event log: from its beginning the first time it
 * runs (a module added years later sees the whole history), and again after `reset()` when
 * an ADMIN rebuilds.
 */
@Injectable()
export class ProjectInsights extends OutboxSubscriber {
  static readonly NAME = 'insights.read-models';
  readonly name = ProjectInsights.NAME;
  readonly startFrom = 'beginning' as const;
  readonly eventTypes: readonly string[];

  constructor(private readonly projection: InsightsProjection) {
    super();
    this.eventTypes = projection.eventTypes;
  }

  handle(event: DomainEvent): Promise<void> {
    return this.projection.apply(event);
  }

  reset(): Promise<void> {
    return this.projection.clear();
  }
}
