import { Injectable } from '@nestjs/common';
import {
  OpportunityClosed,
  OpportunityDrafted,
  OpportunityPublished,
  OpportunityReturnedToDraft,
  OpportunitySubmittedForReview,
  OpportunityUpdated,
  type OpportunitySnapshot,
} from '#libs/contracts/careers/events.js';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { OutboxSubscriber } from '#libs/messaging/outbox-subscriber.js';
import { MatchingRepository } from '../../infrastructure/matching.repository.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { ClosePairRequested } from '../../domain/matching.internal-events.js';

/**
 * Keeps matching's copy of every opportunity right as careers drafts, edits, publishes and
 * closes it; on close, it asks for each open interest and scout to be closed. Matching reads no careers table.
 */
@Injectable()
export class CopyOpportunityOnCareersEvents extends OutboxSubscriber {
  readonly name = 'matching.copy-opportunity';
  readonly eventTypes = [
    OpportunityDrafted.type, OpportunityUpdated.type, OpportunitySubmittedForReview.type,
    OpportunityReturnedToDraft.type, OpportunityPublished.type, OpportunityClosed.type,
  ];

  constructor(
    private readonly repo: MatchingRepository,
    private readonly uow: UnitOfWork,
  ) {
    super();
  }

  async handle(event: DomainEvent): Promise<void> {
    const s = event.payload as OpportunitySnapshot;
    await this.repo.upsertOpportunityCopy(
      {
        id: s.opportunityId, employer_id: s.employerId, employer_name: s.employerName, region_id: s.regionId, title: s.title,
        work_style: s.workStyle, skills: s.skills, remote_ok: s.remoteOk, onsite_days_per_month: s.onsiteDaysPerMonth,
        status: s.status, published_at: s.publishedAt ? new Date(s.publishedAt) : null,
      },
      event.occurredAt,
    );
    if (OpportunityClosed.is(event)) {
      // One request per open interest or scout: each is then closed in a transaction of its own.
      const pairs = await this.repo.openPairsOf(s.opportunityId);
      await this.uow.publish(
        'matching',
        pairs.map((p) => ClosePairRequested.create(s.opportunityId, { ...p, opportunityId: s.opportunityId })),
      );
    }
  }
}
