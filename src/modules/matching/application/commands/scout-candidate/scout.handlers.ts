import { CommandHandler } from '@nestjs/cqrs';
import { Capability } from '../../../../../../libs/auth/caller.js';
import { requireCaller } from '../../../../../../libs/auth/require.js';
import { NotFoundError } from '../../../../../../libs/ddd/errors.js';
import { TransactionalHandler } from '../../../../../../libs/messaging/transactional-handler.js';
import { AlreadyMatched, OpportunityNotPublished, ScoutAlreadySent } from '../../../domain/matching.errors.js';
import { Scout } from '../../../domain/scout.aggregate.js';
import { DuplicateLive, MatchingRepository } from '../../../infrastructure/matching.repository.js';
import { MatchingPolicy } from '../../matching.policy.js';
import { RespondToScoutCommand, ScoutCandidateCommand } from './scout-candidate.command.js';

@CommandHandler(ScoutCandidateCommand)
export class ScoutCandidateHandler extends TransactionalHandler<ScoutCandidateCommand, { scoutId: string }> {
  constructor(private readonly repo: MatchingRepository) {
    super();
  }

  protected async handle(command: ScoutCandidateCommand) {
    requireCaller(command.caller);
    const opportunity = await this.repo.opportunityCopy(command.opportunityId);
    if (!opportunity) throw new NotFoundError('Opportunity', command.opportunityId);
    const caller = MatchingPolicy.employerSide(command.caller, opportunity.region_id);
    const profile = await this.repo.profileById(command.candidateId);
    if (!profile) throw new NotFoundError('Candidate', command.candidateId);
    if (opportunity.status !== 'PUBLISHED') throw new OpportunityNotPublished();
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

@CommandHandler(RespondToScoutCommand)
export class RespondToScoutHandler extends TransactionalHandler<RespondToScoutCommand, { scoutId: string }> {
  constructor(private readonly repo: MatchingRepository) {
    super();
  }

  protected async handle(command: RespondToScoutCommand) {
    const caller = MatchingPolicy.candidate(command.caller);
    const scout = await this.repo.scout(command.scoutId);
    if (!scout || scout.accountId !== caller.accountId) throw new NotFoundError('Scout', command.scoutId);
    if (command.accept && (await this.repo.opportunityCopy(scout.data.opportunityId))?.status !== 'PUBLISHED') {
      throw new OpportunityNotPublished();
    }
    scout.respond(command.accept);
    await this.repo.saveScout(scout);
    return { scoutId: scout.id };
  }
}
