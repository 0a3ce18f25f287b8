import { Command, CommandHandler } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { CommunityRepository } from '../../infrastructure/community.repository.js';
import { loadManagedGuide } from './support.js';

/** archiveGuide: COMMUNITY_MANAGE staff; DRAFT or PUBLISHED -> ARCHIVED. */
export class ArchiveGuideCommand extends Command<{ guideId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly guideId: string,
  ) {
    super();
  }
}

@CommandHandler(ArchiveGuideCommand)
export class ArchiveGuideHandler extends TransactionalHandler<ArchiveGuideCommand, { guideId: string }> {
  constructor(private readonly repo: CommunityRepository) {
    super();
  }

  protected async handle(c: ArchiveGuideCommand) {
    const guide = await loadManagedGuide(this.repo, c.caller, c.guideId);
    guide.archive();
    await this.repo.saveGuide(guide);
    return { guideId: guide.id };
  }
}
