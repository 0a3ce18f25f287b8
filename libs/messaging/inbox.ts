import type { EntityManager } from 'typeorm';

/**
 * The inbox, for a subscriber whose effect commits outside the relay's transaction (a
 * transaction of its own, or another system that takes an idempotency key): call it in
 * the transaction that commits the effect, and apply the effect only when it answers
 * true. If the relay then dies before its own commit, the event comes again and the
 * inbox says it was handled. Effects written with `uow.manager` need none of this: they
 * commit with the subscriber's cursor.
 *
 * Inbox rows are pruned after the retention period (MINATO_MESSAGING_RETENTION_DAYS), and an
 * operator's reset of the subscriber deletes those from its position on (a rebuild hands
 * those events over again).
 */
export async function recordInInbox(manager: EntityManager, subscriber: string, eventId: string): Promise<boolean> {
  const fresh: unknown[] = await manager.query(
    `INSERT INTO messaging.inbox (subscriber, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
    [subscriber, eventId],
  );
  return fresh.length > 0;
}
