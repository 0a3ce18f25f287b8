import { NotFoundError } from '#libs/ddd/errors.js';
import { OpportunityNotPublished } from '../../domain/matching.errors.js';
import type { MatchingRepository, OpportunityCopyRow } from '../../infrastructure/matching.repository.js';

/**
 * The copy of the opportunity a command depends on (express or accept interest, send or
 * accept a scout), locked FOR SHARE until the command's transaction ends: the close of the
 * opportunity (CopyOpportunityOnCareersEvents, which then closes the open pairs it finds)
 * waits for this command, or this command waits for the close and reads CLOSED. So no
 * interest or scout is left open on a closed opportunity. NOT_FOUND when there is no copy.
 */
export async function lockOpportunityCopy(repo: MatchingRepository, opportunityId: string): Promise<OpportunityCopyRow> {
  const copy = await repo.lockOpportunityCopy(opportunityId);
  if (!copy) throw new NotFoundError('Opportunity', opportunityId);
  return copy;
}

/** Only a PUBLISHED opportunity takes interest and scouts, and lets them be accepted. */
export function requirePublished(copy: OpportunityCopyRow | null): asserts copy is OpportunityCopyRow {
  if (copy?.status !== 'PUBLISHED') throw new OpportunityNotPublished();
}
