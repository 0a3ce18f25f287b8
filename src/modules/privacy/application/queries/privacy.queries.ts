import { Query } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { ConnectionShape } from '#libs/graphql/connection.js';
import type { AccessRow, ConsentRow, ProvisionRecordRow } from '../privacy.views.js';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** myConsents: the caller's current answers. */
export class MyConsentsQuery extends Query<ConsentRow[]> {
  constructor(readonly caller: Caller | null) {
    super();
  }
}

/** myProvisionRecords (the caller's own, `mine`) or provisionRecords (ADMIN, filtered). Newest first. */
export class ProvisionRecordsQuery extends Query<ConnectionShape<ProvisionRecordRow>> {
  constructor(
    readonly caller: Caller | null,
    readonly mine: boolean,
    readonly filter: { accountId?: string | null; organizationId?: string | null },
    readonly page: PageArgs,
  ) {
    super();
  }
}

/** personalDataAccessLog (ADMIN). Newest first. */
export class AccessLogQuery extends Query<ConnectionShape<AccessRow>> {
  constructor(
    readonly caller: Caller | null,
    readonly filter: { subjectAccountId?: string | null; readerAccountId?: string | null },
    readonly page: PageArgs,
  ) {
    super();
  }
}

/** exportMyData: one JSON object with a section per module. */
export class ExportMyDataQuery extends Query<{ generatedAt: Date; json: string }> {
  constructor(readonly caller: Caller | null) {
    super();
  }
}
