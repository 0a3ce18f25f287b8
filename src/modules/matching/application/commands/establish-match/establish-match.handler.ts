import { CommandHandler, QueryBus } from '@nestjs/cqrs';
import { ListOrganizationsQuery } from '#libs/contracts/identity/queries.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { Match } from '../../../domain/match.aggregate.js';
import { matchRecipients } from '../../../domain/matching-consent.js';
import { DuplicateLive, MatchingRepository } from '../../../infrastructure/matching.repository.js';
import { EstablishMatchCommand } from './establish-match.command.js';

@CommandHandler(EstablishMatchCommand)
export class EstablishMatchHandler extends TransactionalHandler<EstablishMatchCommand, { matchId: string | null }> {
  constructor(
    private readonly repo: MatchingRepository,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  protected async handle(command: EstablishMatchCommand) {
    if (await this.repo.matchExistsForOrigin(command.originId)) return { matchId: null };
    // The pair may have matched the other way meanwhile (interest and scout both accepted): one match is enough.
    if (await this.repo.liveMatchExists(command.pair.candidateId, command.pair.opportunityId)) return { matchId: null };
    // Locked FOR SHARE: the person may be erasing their account (an acceptance on its way meanwhile makes no match).
    const profile = await this.repo.lockProfile({ id: command.pair.candidateId }, 'SHARE');
    if (!profile || profile.erased) return { matchId: null };
    // Who then sees the contact details, each with a provision fact written with the match
    // (contract 90-privacy): the organization managing the employer, which the person's act
    // was addressed to (REQUEST), and the region's other organizations their MATCHING consent covers.
    const organizations = await this.queries.execute(new ListOrganizationsQuery(command.pair.regionId));
    const recipients = matchRecipients(
      {
        requestedOrganizationId: await this.repo.employerOrganizationOf(command.pair.opportunityId),
        regionOrganizationIds: organizations.map((o) => o.id),
      },
      await this.repo.matchingConsent(profile.accountId),
    );
    const match = Match.establish(command.pair, command.origin, command.originId, { recipients, fields: profile.contactFields });
    try {
      await this.repo.saveMatch(match);
    } catch (error) {
      // The other acceptance of the same pair made the match a moment earlier: one is enough.
      if (error instanceof DuplicateLive) return { matchId: null };
      throw error;
    }
    return { matchId: match.id };
  }
}
