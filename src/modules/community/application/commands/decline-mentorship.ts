import { Command, CommandHandler } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { CommunityRepository } from '../../infrastructure/community.repository.js';
import { CommunityPolicy } from '../community.policy.js';

/** declineMentorship: COMMUNITY_MANAGE staff; REQUESTED -> DECLINED. */
export class DeclineMentorshipCommand extends Command<{ mentorshipId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly mentorshipId: string,
  ) {
    super();
  }
}

@CommandHandler(DeclineMentorshipCommand)
export class DeclineMentorshipHandler extends TransactionalHandler<DeclineMentorshipCommand, { mentorshipId: string }> {
  constructor(private readonly repo: CommunityRepository) {
    super();
  }

  protected async handle(c: DeclineMentorshipCommand) {
    requireCaller(c.caller);
    const mentorship = await this.repo.findMentorship(c.mentorshipId, 'update');
    if (!mentorship) throw new NotFoundError('Mentorship', c.mentorshipId);
    CommunityPolicy.manageRegion(c.caller, mentorship.state.regionId);
    mentorship.decline();
    await this.repo.saveMentorship(mentorship);
    return { mentorshipId: mentorship.id };
  }
}
