import { Command, CommandHandler } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { CommunityRepository } from '../../infrastructure/community.repository.js';
import { loadManagedGuide } from './support.js';

/** publishGuide: COMMUNITY_MANAGE staff; DRAFT -> PUBLISHED. */
export class PublishGuideCommand extends Command<{ guideId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly guideId: string,
  ) {
    super();
  }
}

@CommandHandler(PublishGuideCommand)
export class PublishGuideHandler extends TransactionalHandler<PublishGuideCommand, { guideId: string }> {
  constructor(private readonly repo: CommunityRepository) {
    super();
  }

  protected async handle(c: PublishGuideCommand) {
    const guide = await loadManagedGuide(this.repo, c.caller, c.guideId);
    guide.publish();
    await this.repo.saveGuide(guide);
    return { guideId: guide.id };
  }
}
