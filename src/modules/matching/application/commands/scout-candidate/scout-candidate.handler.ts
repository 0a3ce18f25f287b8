import { CommandHandler } from '@nestjs/cqrs';
import { Capability } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { AlreadyMatched, ScoutAlreadySent } from '../../../domain/matching.errors.js';
import { Scout } from '../../../domain/scout.aggregate.js';
import { DuplicateLive, MatchingRepository } from '../../../infrastructure/matching.repository.js';
import { lockOpportunityCopy, requirePublished } from '../lock-opportunity-copy.js';
import { MatchingPolicy } from '../../matching.policy.js';
import { ScoutCandidateCommand } from './scout-candidate.command.js';

@CommandHandler(ScoutCandidateCommand)
export class ScoutCandidateHandler extends TransactionalHandler<ScoutCandidateCommand, { scoutId: string }> {
  constructor(private readonly repo: MatchingRepository) {
    super();
  }

  protected async handle(command: ScoutCandidateCommand) {
    requireCaller(command.caller);
    const opportunity = await lockOpportunityCopy(this.repo, command.opportunityId);
    const caller = MatchingPolicy.employerSide(command.caller, opportunity.region_id);
    const profile = await this.repo.profileById(command.candidateId);
    if (!profile) throw new NotFoundError('Candidate', command.candidateId);
    requirePublished(opportunity);
    if (await this.repo.liveMatchExists(profile.id, opportunity.id)) throw new AlreadyMatched();
    // The scout is sent in the name of the caller's organization that acts in that region.
    const sender = caller.memberships.find(
      (m) => m.regionId === opportunity.region_id && (m.capabilities.includes(Capability.CAREERS_MANAGE) || m.capabilities.includes(Capability.MATCHING_COORDINATE)),
    )!;
    const scout = Scout.send({
      candidateId: profile.id, accountId: profile.accountId, opportunityId: opportunity.id, regionId: opportunity.region_id,
      workStyle: opportunity.work_style, sentByOrganizationId: sender.organizationId, sentByAccountId: caller.accountId,
      message: command.message,
    });
    try {
      await this.repo.saveScout(scout);
    } catch (error) {
      if (error instanceof DuplicateLive) throw new ScoutAlreadySent();
      throw error;
    }
    return { scoutId: scout.id };
  }
}
