import { Query } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { OpportunityView } from '#libs/contracts/careers/queries.js';
import type { ConnectionShape } from '#libs/graphql/connection.js';
import type { OpportunityCriteria } from '../../infrastructure/opportunity-search.js';

/** An employer as careers' GraphQL shows it. */
export interface EmployerView {
  id: string;
  organizationId: string;
  regionId: string;
  name: string;
  industry: string;
  description: string;
  createdAt: Date;
}

/** Opportunities the caller may see, filtered, newest first. */
export class SearchOpportunitiesQuery extends Query<ConnectionShape<OpportunityView>> {
  constructor(
    readonly caller: Caller | null,
    readonly criteria: OpportunityCriteria,
    readonly first: number | null | undefined,
    readonly after: string | null | undefined,
    /** The GraphQL fields the client selected on each opportunity: the page reads only their columns. */
    readonly fields?: ReadonlySet<string>,
  ) {
    super();
  }
}

/** One opportunity, if the caller may see it; NOT_FOUND otherwise. */
export class GetOpportunityQuery extends Query<OpportunityView> {
  constructor(
    readonly caller: Caller | null,
    readonly opportunityId: string,
  ) {
    super();
  }
}

export class ListEmployersQuery extends Query<ConnectionShape<EmployerView>> {
  constructor(
    readonly regionId: string | null | undefined,
    readonly first: number | null | undefined,
    readonly after: string | null | undefined,
  ) {
    super();
  }
}

export class GetEmployersByIdsQuery extends Query<EmployerView[]> {
  constructor(readonly ids: readonly string[]) {
    super();
  }
}
