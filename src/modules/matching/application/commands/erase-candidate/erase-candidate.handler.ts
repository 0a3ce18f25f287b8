import { CommandHandler } from '@nestjs/cqrs';
import { ERASED_DISPLAY_NAME } from '#libs/contracts/privacy/enums.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { canMove } from '../../../domain/match.aggregate.js';
import { MatchingRepository } from '../../../infrastructure/matching.repository.js';
import { EraseCandidateCommand } from './erase-candidate.command.js';

/** Mentions shorter than this are not replaced in what others wrote (a one-letter name would garble every text). */
const MIN_MENTION = 2;

/**
 * One aggregate changes here: the profile (erased, and carrying the release requests, so
 * each match, interest and scout is then changed in a transaction of its own). Beside it,
 * texts are scrubbed without changing any aggregate's state: they must be, here, while the
 * name and contact details to look for still exist — nowhere else holds them.
 */
@CommandHandler(EraseCandidateCommand)
export class EraseCandidateHandler extends TransactionalHandler<EraseCandidateCommand, { releases: number }> {
  constructor(private readonly repo: MatchingRepository) {
    super();
  }

  protected async handle(command: EraseCandidateCommand) {
    await this.repo.forgetVisitsOf(command.accountId);
    // FOR UPDATE: a scout or a match being made now commits first (and is found below), or waits and finds the profile erased.
    const profile = await this.repo.lockProfile({ accountId: command.accountId }, 'UPDATE');
    if (!profile || profile.erased) return { releases: 0 };
    const s = profile.data;
    const mentions = [...new Set([s.fullName, s.displayName, s.email, s.phone])].filter(
      (m): m is string => !!m && m.length >= MIN_MENTION && m !== ERASED_DISPLAY_NAME,
    );
    await this.repo.scrubTextsOf(profile.id, command.accountId, mentions);
    const held = await this.repo.holdingsOf(profile.id);
    // Notes of the person's matches are staff's words about them: the log keeps none of them
    // (the match's history still has each, with the person's mentions replaced).
    await this.uow.scrubPayloads('Match', held.matches.map((m) => m.id), { note: null });
    const releases = [
      ...held.matches.filter((m) => canMove(m.stage, 'WITHDRAWN')).map((m) => ({ kind: 'MATCH' as const, id: m.id })),
      ...held.openInterestIds.map((id) => ({ kind: 'INTEREST' as const, id })),
      ...held.scouts.filter((x) => x.status === 'SENT').map((x) => ({ kind: 'SCOUT' as const, id: x.id })),
    ];
    profile.erase(releases);
    await this.repo.saveProfile(profile);
    return { releases: releases.length };
  }
}
