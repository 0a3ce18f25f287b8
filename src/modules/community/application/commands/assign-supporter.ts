import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Capability, type Caller } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { InvalidInputError, NotFoundError } from '#libs/ddd/errors.js';
import { InvalidStatusTransition, SupporterFull, SupporterUnavailable } from '../../domain/community.errors.js';
import { mentorshipProvision } from '../../domain/community.provisions.js';
import { CommunityRepository } from '../../infrastructure/community.repository.js';
import { CommunityPolicy } from '../community.policy.js';

/**
 * assignSupporter: COMMUNITY_MANAGE staff; REQUESTED -> ACTIVE, never beyond the supporter's
 * maxNewcomers. One SQL statement locks the supporter, decides and writes the mentorship
 * with its event.
 */
export class AssignSupporterCommand extends Command<{ mentorshipId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly mentorshipId: string,
    readonly supporterId: string,
  ) {
    super();
  }
}

@CommandHandler(AssignSupporterCommand)
export class AssignSupporterHandler implements ICommandHandler<AssignSupporterCommand> {
  constructor(private readonly repo: CommunityRepository) {}

  async execute(c: AssignSupporterCommand) {
    requireCaller(c.caller);
    const mentorship = await this.repo.findMentorship(c.mentorshipId);
    if (!mentorship) throw new NotFoundError('Mentorship', c.mentorshipId);
    const regionId = mentorship.state.regionId;
    const staff = CommunityPolicy.manageRegion(c.caller, regionId);
    const supporter = await this.repo.findSupporter(c.supporterId);
    if (!supporter || supporter.state.regionId !== regionId) throw InvalidInputError.field('supporterId', 'is not a supporter of the region');
    mentorship.assignable(supporter.state.accountId);
    if (!supporter.state.approved || !supporter.state.active) throw new SupporterUnavailable();
    const organizationId = staff.memberships.find((m) => m.regionId === regionId && m.capabilities.includes(Capability.COMMUNITY_MANAGE))!.organizationId;
    // Account ids never change: the fact named here is the one the statement makes true.
    const provided = [mentorshipProvision(mentorship.id, mentorship.state.newcomer.accountId, supporter.state.accountId)];
    const { outcome, status } = await this.repo.assignSupporter(mentorship.id, supporter.id, organizationId, provided);
    switch (outcome) {
      case 'STARTED':
        return { mentorshipId: mentorship.id };
      case 'SUPPORTER_FULL':
        throw new SupporterFull();
      case 'SUPPORTER_UNAVAILABLE':
        throw new SupporterUnavailable();
      case 'NOT_REQUESTED':
        throw new InvalidStatusTransition('a mentorship', status ?? 'changed', 'assign a supporter to', 'REQUESTED');
      case 'SELF':
      case 'SUPPORTER_NOT_FOUND':
        throw InvalidInputError.field('supporterId', 'is not a supporter of the region');
      default:
        throw new NotFoundError('Mentorship', c.mentorshipId);
    }
  }
}
