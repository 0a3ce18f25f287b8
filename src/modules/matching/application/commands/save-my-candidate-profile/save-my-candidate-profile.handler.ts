import { CommandHandler, QueryBus } from '@nestjs/cqrs';
import { GetRegionsByIdsQuery } from '#libs/contracts/identity/queries.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { isId } from '#libs/ddd/ids.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { CandidateProfile } from '../../../domain/candidate-profile.aggregate.js';
import { MatchingRepository } from '../../../infrastructure/matching.repository.js';
import { MatchingPolicy } from '../../matching.policy.js';
import { SaveMyCandidateProfileCommand } from './save-my-candidate-profile.command.js';

@CommandHandler(SaveMyCandidateProfileCommand)
export class SaveMyCandidateProfileHandler extends TransactionalHandler<SaveMyCandidateProfileCommand, { candidateId: string }> {
  constructor(
    private readonly repo: MatchingRepository,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  protected async handle(command: SaveMyCandidateProfileCommand) {
    const caller = MatchingPolicy.candidate(command.caller);
    const regionIds = [...new Set(command.input.desiredRegionIds)];
    const known = regionIds.every(isId) ? await this.queries.execute(new GetRegionsByIdsQuery(regionIds)) : [];
    if (known.length !== regionIds.length) throw InvalidInputError.field('desiredRegionIds', 'must all be ids of regions');
    const account = { displayName: caller.displayName, email: caller.email };
    let profile = await this.repo.profileByAccount(caller.accountId);
    if (profile) profile.replace(account, command.input);
    else profile = CandidateProfile.create({ accountId: caller.accountId, ...account }, command.input);
    await this.repo.saveProfile(profile);
    return { candidateId: profile.id };
  }
}
