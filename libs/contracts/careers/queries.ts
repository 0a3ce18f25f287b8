import { Query } from '@nestjs/cqrs';
import type { OpportunitySnapshot } from './events.js';
import type { WorkStyle } from './work-style.js';

/** An opportunity as other modules (and careers' GraphQL) see it. */
export interface OpportunityView {
  id: string;
  employerId: string;
  regionId: string;
  title: string;
  description: string;
  workStyle: WorkStyle;
  skills: string[];
  remoteOk: boolean;
  onsiteDaysPerMonth: number;
  compensation: string | null;
  status: 'DRAFT' | 'IN_REVIEW' | 'PUBLISHED' | 'CLOSED';
  publishedAt: Date | null;
  createdAt: Date;
}

/**
 * Opportunities by id, whatever their status; unknown ids are left out. The asking module
 * decides what its caller may see.
 */
export class GetOpportunitiesByIdsQuery extends Query<OpportunityView[]> {
  constructor(readonly ids: readonly string[]) {
    super();
  }
}

/** One page of every opportunity as its latest snapshot, in id order: for a module backfilling its copy. */
export class ListOpportunitySnapshotsQuery extends Query<Array<OpportunitySnapshot & { asOf: Date }>> {
  constructor(
    readonly afterId: string | null,
    readonly limit: number,
  ) {
    super();
  }
}
