import { Command, CommandHandler, QueryBus } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { Supporter, type SupporterOffer } from '../../domain/supporter.aggregate.js';
import { CommunityRepository, DuplicateLive } from '../../infrastructure/community.repository.js';
import { requirePerson, requireRegion } from './support.js';

/**
 * volunteerAsSupporter: the caller offers to support newcomers in a region; not listed until
 * approved. One supporter per person and region: volunteering again returns it unchanged.
 */
export class VolunteerAsSupporterCommand extends Command<{ supporterId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly regionId: string,
    readonly offer: SupporterOffer,
  ) {
    super();
  }
}

@CommandHandler(VolunteerAsSupporterCommand)
export class VolunteerAsSupporterHandler extends TransactionalHandler<VolunteerAsSupporterCommand, { supporterId: string }> {
  constructor(
    private readonly repo: CommunityRepository,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  protected async handle(c: VolunteerAsSupporterCommand) {
    const caller = await requirePerson(this.repo, c.caller);
    await requireRegion(this.queries, c.regionId);
    const existing = await this.repo.findSupporterIdOf(c.regionId, caller.accountId);
    if (existing) return { supporterId: existing };
    const supporter = Supporter.volunteer(c.regionId, caller, c.offer);
    try {
      await this.repo.saveSupporter(supporter);
    } catch (error) {
      if (!(error instanceof DuplicateLive)) throw error;
      return { supporterId: (await this.repo.findSupporterIdOf(c.regionId, caller.accountId))! };
    }
    return { supporterId: supporter.id };
  }
}
