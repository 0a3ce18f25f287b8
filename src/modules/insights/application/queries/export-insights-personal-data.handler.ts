import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ExportInsightsPersonalDataQuery } from '#libs/contracts/insights/personal-data.js';
import type { PersonalDataSection } from '#libs/contracts/privacy/export.js';
import { isId } from '#libs/ddd/ids.js';
import { InsightsReadModel } from '../../infrastructure/insights.read-model.js';

const camel = (name: string) => name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
const json = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [camel(k), v instanceof Date ? v.toISOString() : v]));

/**
 * Insights' section of a person's export (contract 90-privacy): the rows its read models
 * keep keyed by the account — when the person reached each stage of the funnel per region,
 * the profile's slices, registrations, interests and scouts, matches, consultations and stays
 * (ids, kinds and times; insights holds no name, email or phone). Erasure leaves them: the
 * counts stay (contract 90-privacy).
 */
@QueryHandler(ExportInsightsPersonalDataQuery)
export class ExportInsightsPersonalDataHandler implements IQueryHandler<ExportInsightsPersonalDataQuery> {
  constructor(private readonly read: InsightsReadModel) {}

  async execute({ accountId }: ExportInsightsPersonalDataQuery): Promise<PersonalDataSection> {
    if (!isId(accountId)) return { people: [], profile: null, registrations: [], pairs: [], matches: [], consultations: [], stays: [] };
    const { profiles, ...lists } = await this.read.personalData(accountId);
    const section: PersonalDataSection = Object.fromEntries(Object.entries(lists).map(([name, rows]) => [name, rows.map(json)]));
    return { ...section, profile: profiles[0] ? json(profiles[0]) : null };
  }
}
