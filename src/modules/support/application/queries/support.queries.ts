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
export class JourneyEntriesQuery extends Query<ConnectionShape<JourneyEntryView>> {
  constructor(readonly journey: JourneyView, readonly first: number | null | undefined, readonly after: string | null | undefined) {
    super();
  }
}
