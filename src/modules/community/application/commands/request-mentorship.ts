import { Command, CommandHandler, QueryBus } from '@nestjs/cqrs';
import { Capability, type Caller } from '#libs/auth/caller.js';
import { ListOrganizationsQuery } from '#libs/contracts/identity/queries.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { Mentorship } from '../../domain/mentorship.aggregate.js';
import { checkApplicant } from '../../domain/role-application.aggregate.js';
import { CommunityRepository, DuplicateLive } from '../../infrastructure/community.repository.js';
import { requirePerson, requireRegion } from './support.js';

/**
 * requestMentorship: the caller asks for a supporter in a region. One REQUESTED or ACTIVE
 * mentorship per newcomer and region (a unique index decides): asking again returns it.
 * The request is addressed to the region's COMMUNITY_MANAGE organizations (from identity, as
 * they are now): their staff may then see the newcomer's contact details, one provision fact
 * each in MentorshipRequested, and only they (the mentorship keeps their ids).
 */
export class RequestMentorshipCommand extends Command<{ mentorshipId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly regionId: string,
    readonly topics: string[],
    readonly message: string | null,
    readonly fullName: string,
    readonly phone: string,
  ) {
    super();
  }
}

@CommandHandler(RequestMentorshipCommand)
export class RequestMentorshipHandler extends TransactionalHandler<RequestMentorshipCommand, { mentorshipId: string }> {
  constructor(
    private readonly repo: CommunityRepository,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  protected async handle(c: RequestMentorshipCommand) {
    const caller = await requirePerson(this.repo, c.caller);
    await requireRegion(this.queries, c.regionId);
    // Bad input is refused even when a live mentorship would be answered.
    checkApplicant({ fullName: c.fullName, phone: c.phone, motivation: 'x' });
    const existing = await this.repo.findLiveMentorshipId(c.regionId, caller.accountId);
    if (existing) return { mentorshipId: existing };
    const organizations = await this.queries.execute(new ListOrganizationsQuery(c.regionId));
    const recipients = organizations
      .filter((o) => o.capabilities.includes(Capability.COMMUNITY_MANAGE))
      .map((o) => o.id);
    const mentorship = Mentorship.request(
      c.regionId,
      { accountId: caller.accountId, displayName: caller.displayName, email: caller.email, fullName: c.fullName, phone: c.phone },
      c.topics,
      c.message,
      recipients,
    );
    try {
      await this.repo.saveMentorship(mentorship);
    } catch (error) {
      if (!(error instanceof DuplicateLive)) throw error;
      return { mentorshipId: (await this.repo.findLiveMentorshipId(c.regionId, caller.accountId))! };
    }
    return { mentorshipId: mentorship.id };
  }
}
