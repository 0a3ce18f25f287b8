import { Injectable } from '@nestjs/common';
import { EmployerRegistered } from '#libs/contracts/careers/events.js';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { OutboxSubscriber } from '#libs/messaging/outbox-subscriber.js';
import { MatchingRepository } from '../../infrastructure/matching.repository.js';

/**
 * Keeps which partner organization manages each employer (careers' employer.registered):
 * the organization a person's interest or accepted scout was addressed to, given their
 * contact details on that basis (REQUEST) when the match is made.
 */
@Injectable()
export class CopyEmployerOnEmployerRegistered extends OutboxSubscriber {
  readonly name = 'matching.copy-employer';
  readonly eventTypes = [EmployerRegistered.type];

  constructor(private readonly repo: MatchingRepository) {
    super();
  }

  async handle(event: DomainEvent): Promise<void> {
    if (!EmployerRegistered.is(event)) return;
    await this.repo.recordEmployer(event.payload.employerId, event.payload.organizationId);
  }
}
