import type { DomainEvent } from '../ddd/domain-event.js';

/** The columns of one messaging.outbox row that make up its domain event. */
export interface OutboxEventRow {
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload_version: number;
  payload: unknown;
  occurred_at: Date | string;
}

/** The domain event a log row holds (the relay hands it to subscribers, the live feed to channels). */
export function eventFromRow(row: OutboxEventRow): DomainEvent {
  return {
    id: row.id,
    type: row.type,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    payloadVersion: row.payload_version,
    payload: row.payload,
    occurredAt: new Date(row.occurred_at),
  };
}
