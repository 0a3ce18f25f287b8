import { Command, CommandHandler } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { CommunityRepository } from '../../infrastructure/community.repository.js';
import { CommunityPolicy } from '../community.policy.js';

/**
 * endMentorship: the newcomer, the supporter or staff; REQUESTED or ACTIVE -> ENDED. The
 * supporter is locked before the mentorship (the lock order of assignSupporter), and an
 * ACTIVE one gives the supporter's place back in the same transaction.
 */
export class EndMentorshipCommand extends Command<{ mentorshipId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly mentorshipId: string,
  ) {
    super();
  }
}

@CommandHandler(EndMentorshipCommand)
export class EndMentorshipHandler extends TransactionalHandler<EndMentorshipCommand, { mentorshipId: string }> {
  constructor(private readonly repo: CommunityRepository) {
    super();
  }

  protected async handle(c: EndMentorshipCommand) {
    requireCaller(c.caller);
    const seen = await this.repo.findMentorship(c.mentorshipId);
    if (!seen) throw new NotFoundError('Mentorship', c.mentorshipId);
    const supporter = seen.state.supporterId ? await this.repo.findSupporter(seen.state.supporterId, 'update') : null;
    const mentorship = (await this.repo.findMentorship(c.mentorshipId, 'update'))!;
    const endedBy = CommunityPolicy.endMentorship(c.caller, {
      newcomerAccountId: mentorship.state.newcomer.accountId,
      supporterAccountId: supporter && mentorship.state.supporterId === supporter.id ? supporter.state.accountId : null,
      regionId: mentorship.state.regionId,
    });
    const { freedSupporterId } = mentorship.end(endedBy);
    await this.repo.saveMentorship(mentorship, { freedSupporterId });
    return { mentorshipId: mentorship.id };
  }
}
