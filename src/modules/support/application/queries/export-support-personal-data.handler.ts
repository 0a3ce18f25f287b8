import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { exportedDate, type PersonalDataSection } from '#libs/contracts/privacy/export.js';
import { ExportSupportPersonalDataQuery } from '#libs/contracts/support/personal-data.js';
import { ANY_ORGANIZATION } from '../../domain/journey-events.js';
import { stageOfRank, summarize } from '../../domain/journey.js';
import { SupportReadModel } from '../../infrastructure/support.read-model.js';

const organization = (id: string) => (id === ANY_ORGANIZATION ? null : id);

/**
 * Support's section of a person's export (contract 90-privacy): their consultations with
 * what they gave (name, email, phone, question), the slot held and the staff's notes of the
 * outcome (the export is the one place the person reads them), and their journeys with every
 * entry, who is served through what, and support's copy of their CONSORTIUM_SHARING answers.
 * Plain JSON, dates ISO 8601; no internal columns (versions, event ids).
 */
@QueryHandler(ExportSupportPersonalDataQuery)
export class ExportSupportPersonalDataHandler implements IQueryHandler<ExportSupportPersonalDataQuery> {
  constructor(private readonly read: SupportReadModel) {}

  async execute({ accountId }: ExportSupportPersonalDataQuery): Promise<PersonalDataSection> {
    const rows = await this.read.personalData(accountId);
    return {
      consultations: rows.consultations.map((c) => ({
        id: c.id, regionId: c.region_id, status: c.status, topics: c.topics, channel: c.channel, question: c.question,
        displayName: c.display_name, fullName: c.full_name, email: c.email, phone: c.phone,
        routedTo: c.routed_to,
        slot: c.slot_id
          ? { id: c.slot_id, organizationId: c.slot_organization_id, startsAt: exportedDate(c.slot_starts_at), endsAt: exportedDate(c.slot_ends_at) }
          : null,
        outcome: c.outcome, createdAt: exportedDate(c.created_at), updatedAt: exportedDate(c.updated_at),
      })),
      person: rows.person && {
        displayName: rows.person.display_name, email: rows.person.email, registeredAt: exportedDate(rows.person.registered_at),
      },
      journeys: rows.journeys.map((j) => ({
        regionId: j.region_id,
        stage: stageOfRank(j.stage_rank),
        updatedAt: exportedDate(j.updated_at),
        entries: rows.entries
          .filter((e) => e.regionId === j.region_id)
          .map((e) => ({ at: exportedDate(e.at), module: e.module, kind: e.kind, summary: summarize(e.kind, e.title, e.detail), subjectId: e.subjectId })),
        // Who sees the journey through what (organizationId null: every organization of the region, a match).
        servedBy: rows.services
          .filter((s) => s.region_id === j.region_id)
          .map((s) => ({ module: s.module, subjectId: s.subject_id, organizationId: organization(s.organization_id), active: s.active, since: exportedDate(s.since) })),
      })),
      consortiumSharing: rows.consents.map((c) => ({ organizationId: organization(c.organization_id), granted: c.granted, at: exportedDate(c.at) })),
    };
  }
}
