import { Injectable } from '@nestjs/common';
import { hostname } from 'node:os';
import type { EntityManager } from 'typeorm';
import { declaredEventTypes } from '../ddd/domain-event.js';
import { OutboxSubscriber } from './outbox-subscriber.js';

/** The name of the diagnostics subscriber that takes every event type (MINATO_MESSAGING_AUDIT=1). */
export const AUDIT_SUBSCRIBER = 'messaging.audit';

/** Which process handled: in `messaging.audit.handled_by`, to tell replicas apart. */
export const HANDLED_BY = `${hostname()}:${process.pid}`;

/**
 * Diagnostics (MINATO_MESSAGING_AUDIT=1): the relay counts, in `messaging.audit`, each time
 * a subscriber handled an event — an upsert in the transaction of the handling, so it
 * commits with what the subscriber wrote and with its cursor, or not at all. Every handling
 * that committed is counted, so `times` > 1 shows an event handled twice (the relay's
 * promise, effectively once, broken) and a missing row an event never handled.
 * `resetSubscriber` deletes a subscriber's rows from the position it starts again, since an
 * operator's rebuild handles them again on purpose.
 */
export async function recordHandling(
  m: EntityManager,
  subscriber: string,
  event: { id: string; position: string | number },
): Promise<void> {
  await m.query(
    `INSERT INTO messaging.audit (subscriber, event_id, position, handled_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (subscriber, event_id) DO UPDATE
       SET times = messaging.audit.times + 1, last_handled_at = now(), handled_by = EXCLUDED.handled_by`,
    [subscriber, event.id, event.position, HANDLED_BY],
  );
}

/**
 * The subscriber of every event type declared in this process, run only with the audit on:
 * it does nothing itself, so that every logged event has at least one subscriber whose
 * handling the audit counts (the modules' own subscribers take only the types they need).
 * It starts at the beginning of the log, so turning it on reads the whole log once.
 */
@Injectable()
export class MessagingAuditSubscriber extends OutboxSubscriber {
  readonly name = AUDIT_SUBSCRIBER;
  readonly eventTypes: readonly string[] = declaredEventTypes();

  async handle(): Promise<void> {
    // Nothing: the relay records the handling (recordHandling) for every subscriber.
  }
}
