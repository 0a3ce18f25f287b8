import { Injectable } from '@nestjs/common';
import type { ConsultationChannel, ConsultationStatus, ConsultationTopic } from '#libs/contracts/support/enums.js';
import { ERASED_DISPLAY_NAME } from '#libs/contracts/privacy/enums.js';
import { isId } from '#libs/ddd/ids.js';
import { AggregateStore } from '#libs/messaging/aggregate-store.js';
import { ErasedAccounts } from '#libs/messaging/erased-accounts.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { Consultation } from '../domain/consultation.aggregate.js';
import { ConsultationSlot, type SlotData } from '../domain/consultation-slot.js';
import { SlotTaken } from '../domain/support.errors.js';

export interface ConsultationRow {
  id: string;
  account_id: string;
  region_id: string;
  display_name: string;
  email: string | null;
  full_name: string | null;
  phone: string | null;
  topics: ConsultationTopic[];
  channel: ConsultationChannel;
  question: string;
  slot_id: string | null;
  status: ConsultationStatus;
  routed_to: string[];
  outcome: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export interface SlotRow {
  id: string;
  region_id: string;
  organization_id: string;
  topics: ConsultationTopic[];
  channel: ConsultationChannel;
  starts_at: Date;
  ends_at: Date;
  offered_by: string;
  created_at: Date;
}

export const slotData = (r: SlotRow): SlotData => ({
  regionId: r.region_id, organizationId: r.organization_id, topics: r.topics, channel: r.channel,
  startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at), offeredBy: r.offered_by, createdAt: new Date(r.created_at),
});

export const consultationOf = (r: ConsultationRow): Consultation =>
  Consultation.restore(r.id, r.version, {
    accountId: r.account_id, regionId: r.region_id, displayName: r.display_name, email: r.email, fullName: r.full_name,
    phone: r.phone, topics: r.topics, channel: r.channel, question: r.question, slotId: r.slot_id, status: r.status,
    routedTo: r.routed_to, outcome: r.outcome, createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at),
  });

/** Slots and consultations: loaded by id, saved only through the AggregateStore. */
@Injectable()
export class SupportRepository {
  private readonly store: AggregateStore;

  /** The person's lock and the erased accounts of schema `support` (contract 90-privacy). */
  private readonly erased: ErasedAccounts;

  constructor(private readonly uow: UnitOfWork) {
    this.erased = new ErasedAccounts(uow, 'support');
    this.store = new AggregateStore(uow, 'support');
  }

  async slot(id: string): Promise<ConsultationSlot | null> {
    if (!isId(id)) return null;
    const [row]: SlotRow[] = await this.uow.manager.query(
      `SELECT id, region_id, organization_id, topics, channel, starts_at, ends_at, offered_by, created_at
         FROM support.consultation_slot WHERE id = $1`,
      [id],
    );
    return row ? ConsultationSlot.restore(row.id, slotData(row)) : null;
  }

  async saveSlot(slot: ConsultationSlot): Promise<void> {
    const d = slot.data;
    await this.store.save(slot, {
      table: 'support.consultation_slot',
      what: 'The slot',
      writeOnce: true,
      columns: {
        region_id: d.regionId, organization_id: d.organizationId, topics: d.topics, channel: d.channel,
        starts_at: d.startsAt, ends_at: d.endsAt, offered_by: d.offeredBy, created_at: d.createdAt,
      },
    });
  }

  async consultation(id: string): Promise<Consultation | null> {
    if (!isId(id)) return null;
    const [row]: ConsultationRow[] = await this.uow.manager.query(`SELECT * FROM support.consultation WHERE id = $1`, [id]);
    return row ? consultationOf(row) : null;
  }

  /** Takes the person's lock and refuses an erased account (ErasedAccounts). */
  refuseErased(accountId: string): Promise<void> {
    return this.erased.refuseErased(accountId);
  }

  /** Notes the erasure (once; the first time is kept). */
  markErased(accountId: string, at: Date): Promise<void> {
    return this.erased.markErased(accountId, at);
  }

  /** The person's consultations an erasure still has to change: open ones, or any with something of theirs left. */
  async consultationsToErase(accountId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.uow.manager.query(
      `SELECT id FROM support.consultation
        WHERE account_id = $1
          AND (status IN ('REQUESTED', 'BOOKED') OR full_name IS NOT NULL OR email IS NOT NULL OR phone IS NOT NULL
               OR display_name <> $2 OR question <> '' OR outcome IS NOT NULL)
        ORDER BY created_at, id`,
      [accountId, ERASED_DISPLAY_NAME],
    );
    return rows.map((r) => r.id);
  }

  /** The unique index on the slot decides who holds it; the loser's write says SLOT_TAKEN and leaves nothing. */
  async saveConsultation(c: Consultation): Promise<void> {
    const d = c.data;
    await this.store.save(c, {
      table: 'support.consultation',
      what: 'The consultation',
      columns: {
        slot_id: d.slotId, status: d.status, outcome: d.outcome, updated_at: d.updatedAt,
        // The person's own: written once, then only erased.
        display_name: d.displayName, email: d.email, full_name: d.fullName, phone: d.phone, question: d.question,
      },
      insertOnly: {
        account_id: d.accountId, region_id: d.regionId, topics: d.topics, channel: d.channel, routed_to: d.routedTo, created_at: d.createdAt,
      },
      onDuplicate: () => new SlotTaken(),
    });
  }
}
