import { CommandHandler } from '@nestjs/cqrs';
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
    // Locked FOR SHARE: an erasure running now either finds this scout or is seen here (see lockProfile).
    const profile = await this.repo.lockProfile({ id: command.candidateId }, 'SHARE');
    if (!profile) throw new NotFoundError('Candidate', command.candidateId);
    // The scout is sent in the name of the caller's organization that acts in that region and
    // may see the profile (contract 90-privacy); a profile none of them may see — MATCHING
    // withdrawn, a region the person does not desire, an erased person — is not there for them.
    const senders = MatchingPolicy.organizationsSeeingProfile(caller, await this.repo.profileAccess(profile), opportunity.region_id);
    if (senders.length === 0) throw new NotFoundError('Candidate', command.candidateId);
    requirePublished(opportunity);
    if (await this.repo.liveMatchExists(profile.id, opportunity.id)) throw new AlreadyMatched();
    const scout = Scout.send({
      candidateId: profile.id, accountId: profile.accountId, opportunityId: opportunity.id, regionId: opportunity.region_id,
      workStyle: opportunity.work_style, sentByOrganizationId: senders[0], sentByAccountId: caller.accountId,
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
