import type { Caller } from '#libs/auth/caller.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import type { Match } from '../../domain/match.aggregate.js';
import type { MatchingRepository } from '../../infrastructure/matching.repository.js';
import { MatchingPolicy } from '../matching.policy.js';

/** A match the caller may see, or NOT_FOUND (a match one may not see does not exist for them). */
export async function visibleMatch(repo: MatchingRepository, caller: Caller, id: string): Promise<Match> {
  const match = await repo.match(id);
  if (!match || !MatchingPolicy.seesMatch(caller, match)) throw new NotFoundError('Match', id);
  return match;
}
