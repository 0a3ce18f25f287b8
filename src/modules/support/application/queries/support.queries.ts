import { Query } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { ConsultationChannel, ConsultationStatus, ConsultationTopic, JourneyStage } from '#libs/contracts/support/enums.js';
import type { ConnectionShape } from '#libs/graphql/connection.js';
import type { NextStep } from '../../domain/journey.js';
import type { SlotFilter, SlotView } from '../../infrastructure/support.read-model.js';
import type { ConsultationRecord } from '../commands/consultation-record.js';

export type { SlotView, SlotFilter };

/** A person as support shows them to one caller (contract 49's ContactCard). */
export interface ContactCardView {
  accountId: string;
  displayName: string;
  fullName: string | null;
  email: string | null;
  phone: string | null;
}

/** A consultation as one caller sees it: outcome and contact details only where the contract says. */
export interface ConsultationView {
  id: string;
  regionId: string;
  person: ContactCardView;
  topics: ConsultationTopic[];
  channel: ConsultationChannel;
  question: string;
  slotId: string | null;
  status: ConsultationStatus;
  routedTo: string[];
  outcome: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A journey as one caller sees it; `modules` says which entries (null: all). */
export interface JourneyView {
  accountId: string;
  regionId: string;
  person: ContactCardView;
  stage: JourneyStage;
  nextSteps: NextStep[];
  updatedAt: Date;
  modules: string[] | null;
}

export interface JourneyEntryView {
  at: Date;
  module: string;
  kind: string;
  summary: string;
  subjectId: string | null;
}

/** Shows consultations a command left to the caller who ran it. */
export class PresentConsultationsQuery extends Query<ConsultationView[]> {
  constructor(readonly caller: Caller | null, readonly records: ConsultationRecord[]) {
    super();
  }
}

/** public: free future slots, soonest first. */
export class ConsultationSlotsQuery extends Query<ConnectionShape<SlotView>> {
  constructor(readonly filter: SlotFilter, readonly first: number | null | undefined, readonly after: string | null | undefined) {
    super();
  }
}

export class SlotsByIdsQuery extends Query<SlotView[]> {
  constructor(readonly ids: readonly string[]) {
    super();
  }
}

export class MyConsultationsQuery extends Query<ConsultationView[]> {
  constructor(readonly caller: Caller | null) {
    super();
  }
}

export class ConsultationQueueQuery extends Query<ConnectionShape<ConsultationView>> {
  constructor(
    readonly caller: Caller | null,
    readonly regionId: string,
    readonly statuses: ConsultationStatus[] | null | undefined,
    readonly first: number | null | undefined,
    readonly after: string | null | undefined,
  ) {
    super();
  }
}

export class MyJourneyQuery extends Query<JourneyView | null> {
  constructor(readonly caller: Caller | null, readonly regionId: string) {
    super();
  }
}

export class JourneyQuery extends Query<JourneyView | null> {
  constructor(readonly caller: Caller | null, readonly accountId: string, readonly regionId: string) {
    super();
  }
}

export class JourneysQuery extends Query<ConnectionShape<JourneyView>> {
  constructor(
    readonly caller: Caller | null,
    readonly regionId: string,
    readonly stages: JourneyStage[] | null | undefined,
    readonly first: number | null | undefined,
    readonly after: string | null | undefined,
  ) {
    super();
  }
}

/** A journey's entries the caller may see (the journey says which), newest first. */
/** Which entries of which journey: whose, where, and the modules the caller sees (null: all). */
export type JourneyKey = Pick<JourneyView, 'accountId' | 'regionId' | 'modules'>;

export class JourneyEntriesQuery extends Query<Array<ConnectionShape<JourneyEntryView>>> {
  constructor(
    /** The journeys of one page (a resolver's loader batches them): one connection each, in this order. */
    readonly journeys: readonly JourneyKey[],
    readonly first: number | null | undefined,
    readonly after: string | null | undefined,
    /** How a journey's total is counted when a client asks (batched by the resolver too). */
    readonly count: (journey: JourneyKey) => Promise<number>,
  ) {
    super();
  }
}

/** How many entries each journey has, in the order asked (totalCount of `entries`). */
export class JourneyEntryCountsQuery extends Query<number[]> {
  constructor(readonly journeys: readonly JourneyKey[]) {
    super();
  }
}
