import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import type { JourneyStage } from '#libs/contracts/support/enums.js';
import { isId } from '#libs/ddd/ids.js';
import { pageSize, type ConnectionShape } from '#libs/graphql/connection.js';
import { nextSteps, stageOfRank, stageRank, summarize } from '../../domain/journey.js';
import { SupportReadModel, type JourneyRow, type SlotView } from '../../infrastructure/support.read-model.js';
import type { ConsultationRow } from '../../infrastructure/support.repository.js';
import type { ConsultationRecord } from '../commands/consultation-record.js';
import { SupportPolicy } from '../support.policy.js';
import {
  ConsultationQueueQuery,
  ConsultationSlotsQuery,
  JourneyEntriesQuery,
  JourneyEntryCountsQuery,
  JourneyQuery,
  JourneysQuery,
  MyConsultationsQuery,
  MyJourneyQuery,
  PresentConsultationsQuery,
  SlotsByIdsQuery,
  type ConsultationView,
  type ContactCardView,
  type JourneyEntryView,
  type JourneyView,
} from './support.queries.js';

const fromRow = (r: ConsultationRow): ConsultationRecord => ({
  id: r.id, accountId: r.account_id, regionId: r.region_id, displayName: r.display_name, email: r.email, fullName: r.full_name,
  phone: r.phone, topics: r.topics, channel: r.channel, question: r.question, slotId: r.slot_id, status: r.status,
  routedTo: r.routed_to, outcome: r.outcome, createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at),
});

/** The caller's organizations (staff): whose consultations' routing opens contact details. */
const organizationsOf = (caller: Caller) => (caller.isStaff ? caller.memberships.map((m) => m.organizationId) : []);

/** Applies the contract's personal-data rule to consultations shown to one caller. */
async function present(read: SupportReadModel, caller: Caller, records: ConsultationRecord[]): Promise<ConsultationView[]> {
  const others = [...new Set(records.filter((r) => r.accountId !== caller.accountId).map((r) => r.accountId))];
  const open = caller.isAdmin ? new Set(others) : await read.contactVisibleTo(organizationsOf(caller), others);
  return records.map((r) => {
    const contact = r.accountId === caller.accountId || open.has(r.accountId);
    return {
      id: r.id, regionId: r.regionId, topics: r.topics, channel: r.channel, question: r.question, slotId: r.slotId,
      status: r.status, routedTo: r.routedTo, createdAt: r.createdAt, updatedAt: r.updatedAt,
      outcome: SupportPolicy.maySeeOutcome(caller, r) ? r.outcome : null,
      person: {
        accountId: r.accountId, displayName: r.displayName,
        fullName: contact ? r.fullName : null, email: contact ? r.email : null, phone: contact ? r.phone : null,
      },
    };
  });
}

@QueryHandler(PresentConsultationsQuery)
export class PresentConsultationsHandler implements IQueryHandler<PresentConsultationsQuery> {
  constructor(private readonly read: SupportReadModel) {}
  execute({ caller, records }: PresentConsultationsQuery) {
    return present(this.read, requireCaller(caller), records);
  }
}

@QueryHandler(ConsultationSlotsQuery)
export class ConsultationSlotsHandler implements IQueryHandler<ConsultationSlotsQuery> {
  constructor(private readonly read: SupportReadModel) {}
  async execute({ filter, first, after }: ConsultationSlotsQuery): Promise<ConnectionShape<SlotView>> {
    const size = pageSize(first);
    if (!isId(filter.regionId)) return { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: !!after, startCursor: null, endCursor: null }, totalCount: 0 };
    return this.read.freeSlots(filter, size, after);
  }
}

@QueryHandler(SlotsByIdsQuery)
export class SlotsByIdsHandler implements IQueryHandler<SlotsByIdsQuery> {
  constructor(private readonly read: SupportReadModel) {}
  execute({ ids }: SlotsByIdsQuery) {
    return this.read.slotsByIds(ids);
  }
}

@QueryHandler(MyConsultationsQuery)
export class MyConsultationsHandler implements IQueryHandler<MyConsultationsQuery> {
  constructor(private readonly read: SupportReadModel) {}
  async execute({ caller }: MyConsultationsQuery) {
    const known = requireCaller(caller);
    return present(this.read, known, (await this.read.consultationsOf(known.accountId)).map(fromRow));
  }
}

@QueryHandler(ConsultationQueueQuery)
export class ConsultationQueueHandler implements IQueryHandler<ConsultationQueueQuery> {
  constructor(private readonly read: SupportReadModel) {}
  async execute({ caller, regionId, statuses, first, after }: ConsultationQueueQuery): Promise<ConnectionShape<ConsultationView>> {
    const organizations = SupportPolicy.staffOrganizationsIn(caller, regionId);
    const size = pageSize(first);
    if (!isId(regionId) || organizations?.length === 0) {
      return { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: !!after, startCursor: null, endCursor: null }, totalCount: 0 };
    }
    const page = await this.read.queue(regionId, organizations, statuses ?? null, size, after);
    const views = await present(this.read, caller!, page.edges.map((e) => fromRow(e.node)));
    return { ...page, edges: page.edges.map((e, i) => ({ node: views[i], cursor: e.cursor })) };
  }
}

/**
 * Builds journey views for one caller: the person and an ADMIN see everything; staff the
 * stage and the entries of the modules through which their organizations serve the person
 * in the region (none: the journey is not shown), or everything when the person shares it
 * with one of their organizations of the region (CONSORTIUM_SHARING). Contact details
 * follow the contract's rule (a consultation routed to the caller's organization): sharing
 * the journey does not open them.
 */
async function journeyViews(read: SupportReadModel, caller: Caller | null, rows: JourneyRow[]): Promise<Array<JourneyView | null>> {
  if (!caller || rows.length === 0) return rows.map(() => null);
  const regionId = rows[0].regionId;
  const staffOrgs = caller.isStaff ? caller.memberships.filter((m) => m.regionId === regionId).map((m) => m.organizationId) : [];
  const serving = await read.servingModules(regionId, staffOrgs, rows.map((r) => r.accountId));
  const sharing = await read.sharingWith(staffOrgs, rows.map((r) => r.accountId).filter((id) => id !== caller.accountId));
  const others = rows.filter((r) => r.accountId !== caller.accountId).map((r) => r.accountId);
  const contactOpen = caller.isAdmin ? new Set(others) : await read.contactVisibleTo(organizationsOf(caller), others);
  const visible = (accountId: string) => accountId === caller.accountId || contactOpen.has(accountId);
  // The person and an ADMIN: what the person gave support in the region; staff: what was given to their organizations.
  const own = rows.map((r) => r.accountId).filter((id) => id === caller.accountId || (caller.isAdmin && visible(id)));
  const served = rows.map((r) => r.accountId).filter((id) => !own.includes(id) && visible(id));
  const contactOf = new Map([
    ...(await read.contacts(own, regionId, null)),
    ...(await read.contacts(served, regionId, organizationsOf(caller))),
  ]);
  return rows.map((r) => {
    const scope = SupportPolicy.journeyScope(caller, r.accountId, serving.get(r.accountId) ?? [], sharing.has(r.accountId));
    if (scope === null) return null;
    const stage = stageOfRank(r.stageRank);
    const steps = nextSteps(stage, new Set(r.facts));
    const contact = contactOf.get(r.accountId);
    const person: ContactCardView = {
      accountId: r.accountId,
      displayName: r.displayName,
      fullName: contact?.fullName ?? null,
      email: visible(r.accountId) ? (r.email ?? contact?.email ?? null) : null,
      phone: contact?.phone ?? null,
    };
    return {
      accountId: r.accountId, regionId: r.regionId, person, stage, updatedAt: new Date(r.updatedAt),
      modules: scope === 'ALL' ? null : scope,
      nextSteps: scope === 'ALL' ? steps : steps.filter((s) => scope.includes(s.module)),
    };
  });
}

@QueryHandler(MyJourneyQuery)
export class MyJourneyHandler implements IQueryHandler<MyJourneyQuery> {
  constructor(private readonly read: SupportReadModel) {}
  async execute({ caller, regionId }: MyJourneyQuery) {
    const known = requireCaller(caller);
    const row = await this.read.journey(known.accountId, regionId);
    return row ? (await journeyViews(this.read, known, [row]))[0] : null;
  }
}

@QueryHandler(JourneyQuery)
export class JourneyHandler implements IQueryHandler<JourneyQuery> {
  constructor(private readonly read: SupportReadModel) {}
  async execute({ caller, accountId, regionId }: JourneyQuery) {
    const known = requireCaller(caller);
    const row = await this.read.journey(accountId, regionId);
    return row ? (await journeyViews(this.read, known, [row]))[0] : null;
  }
}

@QueryHandler(JourneysQuery)
export class JourneysHandler implements IQueryHandler<JourneysQuery> {
  constructor(private readonly read: SupportReadModel) {}
  async execute({ caller, regionId, stages, first, after }: JourneysQuery): Promise<ConnectionShape<JourneyView>> {
    const organizations = SupportPolicy.staffOrganizationsIn(caller, regionId);
    const size = pageSize(first);
    if (!isId(regionId) || organizations?.length === 0) {
      return { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: !!after, startCursor: null, endCursor: null }, totalCount: 0 };
    }
    const ranks = stages?.length ? stages.map((s: JourneyStage) => stageRank(s)) : null;
    const page = await this.read.journeys(regionId, organizations, ranks, size, after);
    const views = await journeyViews(this.read, caller, page.edges.map((e) => e.node));
    return { ...page, edges: page.edges.map((e, i) => ({ node: views[i]!, cursor: e.cursor })) };
  }
}

@QueryHandler(JourneyEntriesQuery)
export class JourneyEntriesHandler implements IQueryHandler<JourneyEntriesQuery> {
  constructor(private readonly read: SupportReadModel) {}
  async execute({ journeys, first, after, count }: JourneyEntriesQuery): Promise<Array<ConnectionShape<JourneyEntryView>>> {
    const pages = await this.read.entriesOfMany(journeys, pageSize(first), after, count);
    return pages.map((page) => ({
      ...page,
      edges: page.edges.map((e) => ({
        cursor: e.cursor,
        node: { at: new Date(e.node.at), module: e.node.module, kind: e.node.kind, subjectId: e.node.subjectId, summary: summarize(e.node.kind, e.node.title, e.node.detail) },
      })),
    }));
  }
}

@QueryHandler(JourneyEntryCountsQuery)
export class JourneyEntryCountsHandler implements IQueryHandler<JourneyEntryCountsQuery> {
  constructor(private readonly read: SupportReadModel) {}
  execute({ journeys }: JourneyEntryCountsQuery): Promise<number[]> {
    return this.read.entryCounts(journeys);
  }
}

