import { Command } from '@nestjs/cqrs';

/**
 * One thing an erased person held, released as their own act would: a match not yet ended
 * is WITHDRAWN, an OPEN interest WITHDRAWN, an unanswered scout DECLINED (by the
 * candidate). Idempotent: what already moved on is left as it is.
 */
export class ReleaseForErasureCommand extends Command<{ changed: boolean }> {
  constructor(
    readonly kind: 'MATCH' | 'INTEREST' | 'SCOUT',
    readonly id: string,
    readonly accountId: string,
  ) {
    super();
  }
}
