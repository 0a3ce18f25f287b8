import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ExportCareersPersonalDataQuery } from '#libs/contracts/careers/personal-data.js';
import { ExportCommunityPersonalDataQuery } from '#libs/contracts/community/personal-data.js';
import { ExportEventsPersonalDataQuery } from '#libs/contracts/events/personal-data.js';
import { ExportHousingPersonalDataQuery } from '#libs/contracts/housing/personal-data.js';
import { ExportIdentityPersonalDataQuery } from '#libs/contracts/identity/personal-data.js';
import { ExportInsightsPersonalDataQuery } from '#libs/contracts/insights/personal-data.js';
import { ExportMatchingPersonalDataQuery } from '#libs/contracts/matching/personal-data.js';
import type { PersonalDataSection } from '#libs/contracts/privacy/export.js';
import { ExportSupportPersonalDataQuery } from '#libs/contracts/support/personal-data.js';
import { isId } from '#libs/ddd/ids.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { decodeTimeCursor, pageSize, toConnection, type ConnectionShape } from '#libs/graphql/connection.js';
import { PrivacyRepository } from '../../infrastructure/privacy.repository.js';
import type { AccessRow, ConsentRow, ProvisionRecordRow } from '../privacy.views.js';
import { PrivacyPolicy } from '../privacy.policy.js';
import { AccessLogQuery, ExportMyDataQuery, MyConsentsQuery, ProvisionRecordsQuery, type PageArgs } from './privacy.queries.js';

function page(args: PageArgs) {
  const first = pageSize(args.first);
  return { first, after: args.after ? decodeTimeCursor(args.after) : null };
}

function id(value: string | null | undefined, field: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (!isId(value)) throw InvalidInputError.field(field, 'is not an id');
  return value;
}

const keyOf = (row: { atKey: string; id: string }) => [row.atKey, row.id];

@QueryHandler(MyConsentsQuery)
export class MyConsentsHandler implements IQueryHandler<MyConsentsQuery> {
  constructor(private readonly repo: PrivacyRepository) {}

  execute(query: MyConsentsQuery): Promise<ConsentRow[]> {
    return this.repo.consentsOf(PrivacyPolicy.own(query.caller).accountId);
  }
}

@QueryHandler(ProvisionRecordsQuery)
export class ProvisionRecordsHandler implements IQueryHandler<ProvisionRecordsQuery> {
  constructor(private readonly repo: PrivacyRepository) {}

  async execute(query: ProvisionRecordsQuery): Promise<ConnectionShape<ProvisionRecordRow>> {
    let filter: { subjectAccountId?: string; recipientOrganizationId?: string };
    if (query.mine) {
      filter = { subjectAccountId: PrivacyPolicy.own(query.caller).accountId };
    } else {
      PrivacyPolicy.audit(query.caller);
      filter = {
        subjectAccountId: id(query.filter.accountId, 'accountId'),
        recipientOrganizationId: id(query.filter.organizationId, 'organizationId'),
      };
    }
    const p = page(query.page);
    const rows = await this.repo.provisionPage(filter, p);
    return toConnection(rows, p.first, query.page.after, () => this.repo.countProvisions(filter), keyOf);
  }
}

@QueryHandler(AccessLogQuery)
export class AccessLogHandler implements IQueryHandler<AccessLogQuery> {
  constructor(private readonly repo: PrivacyRepository) {}

  async execute(query: AccessLogQuery): Promise<ConnectionShape<AccessRow>> {
    PrivacyPolicy.audit(query.caller);
    const filter = {
      subjectAccountId: id(query.filter.subjectAccountId, 'subjectAccountId'),
      readerAccountId: id(query.filter.readerAccountId, 'readerAccountId'),
    };
    const p = page(query.page);
    const rows = await this.repo.accessPage(filter, p);
    return toConnection(rows, p.first, query.page.after, () => this.repo.countAccess(filter), keyOf);
  }
}

/** Each module's contract query for its section, in the order the export shows them. */
const SECTIONS = [
  ['identity', ExportIdentityPersonalDataQuery],
  ['careers', ExportCareersPersonalDataQuery],
  ['events', ExportEventsPersonalDataQuery],
  ['matching', ExportMatchingPersonalDataQuery],
  ['housing', ExportHousingPersonalDataQuery],
  ['community', ExportCommunityPersonalDataQuery],
  ['support', ExportSupportPersonalDataQuery],
  ['insights', ExportInsightsPersonalDataQuery],
] as const;

/**
 * The export: every module answers its own contract query (no module reads another's
 * tables); the privacy module adds its own section (consents with their history, provision
 * records, the access log about the person) and joins them into one JSON object.
 */
@QueryHandler(ExportMyDataQuery)
export class ExportMyDataHandler implements IQueryHandler<ExportMyDataQuery> {
  constructor(
    private readonly repo: PrivacyRepository,
    private readonly queries: QueryBus,
  ) {}

  async execute(query: ExportMyDataQuery): Promise<{ generatedAt: Date; json: string }> {
    const { accountId } = PrivacyPolicy.own(query.caller);
    const generatedAt = new Date();
    const sections = await Promise.all(
      SECTIONS.map(async ([name, Section]) => [name, await this.queries.execute(new Section(accountId))] as const),
    );
    const [consents, consentHistory, provisionRecords, accessLog] = await Promise.all([
      this.repo.consentsOf(accountId),
      this.repo.consentHistoryOf(accountId),
      this.repo.provisionsOf(accountId),
      this.repo.accessesOf(accountId),
    ]);
    const privacy: PersonalDataSection = {
      consents: consents.map(({ revision: _r, ...c }) => c),
      consentHistory: consentHistory.map(({ revision: _r, ...c }) => c),
      provisionRecords: provisionRecords.map(({ atKey: _k, ...r }) => r),
      accessLog: accessLog.map(({ atKey: _k, ...r }) => r),
    };
    const document = { generatedAt: generatedAt.toISOString(), accountId, ...Object.fromEntries(sections), privacy };
    return { generatedAt, json: JSON.stringify(document) };
  }
}
