import { Command, CommandHandler } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { InvalidInputError, NotFoundError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { Guide, type GuideText } from '../../domain/guide.aggregate.js';
import { CommunityRepository } from '../../infrastructure/community.repository.js';
import { CommunityPolicy } from '../community.policy.js';

/** writeGuide: COMMUNITY_MANAGE staff; a new DRAFT guide, or an edit that keeps its status. */
export class WriteGuideCommand extends Command<{ guideId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly guideId: string | null,
    readonly regionId: string,
    readonly text: GuideText,
  ) {
    super();
  }
}

@CommandHandler(WriteGuideCommand)
export class WriteGuideHandler extends TransactionalHandler<WriteGuideCommand, { guideId: string }> {
  constructor(private readonly repo: CommunityRepository) {
    super();
  }

  protected async handle(c: WriteGuideCommand) {
    requireCaller(c.caller);
    if (c.guideId === null) {
      CommunityPolicy.manageRegion(c.caller, c.regionId);
      const guide = Guide.write(c.regionId, c.text);
      await this.repo.saveGuide(guide);
      return { guideId: guide.id };
    }
    const guide = await this.repo.findGuide(c.guideId, 'update');
    if (!guide || !CommunityPolicy.seesHidden(c.caller, guide.state.regionId)) throw new NotFoundError('Guide', c.guideId);
    CommunityPolicy.manageRegion(c.caller, guide.state.regionId);
    if (guide.state.regionId !== c.regionId) throw InvalidInputError.field('regionId', "is not the guide's region");
    guide.edit(c.text);
    await this.repo.saveGuide(guide);
    return { guideId: guide.id };
  }
}
