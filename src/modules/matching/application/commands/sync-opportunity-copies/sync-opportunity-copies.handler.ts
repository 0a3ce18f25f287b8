import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import type { OpportunitySnapshot } from '#libs/contracts/careers/events.js';
import { ListOpportunitySnapshotsQuery } from '#libs/contracts/careers/queries.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { MatchingRepository } from '../../../infrastructure/matching.repository.js';
import { SyncOpportunityCopiesCommand } from './sync-opportunity-copies.command.js';

/** Pages through careers' snapshots; each page is its own transaction (a copy, not an aggregate). */
@CommandHandler(SyncOpportunityCopiesCommand)
export class SyncOpportunityCopiesHandler implements ICommandHandler<SyncOpportunityCopiesCommand> {
  constructor(
    private readonly repo: MatchingRepository,
    private readonly queries: QueryBus,
    private readonly uow: UnitOfWork,
  ) {}

  async execute() {
    let after: string | null = null;
    let copied = 0;
    for (;;) {
      const page: Array<OpportunitySnapshot & { asOf: Date }> = await this.queries.execute(new ListOpportunitySnapshotsQuery(after, 2000));
      if (page.length === 0) return { copied };
      await this.uow.run(() => this.repo.upsertOpportunityCopies(page));
      copied += page.length;
      after = page[page.length - 1].opportunityId;
    }
  }
}
