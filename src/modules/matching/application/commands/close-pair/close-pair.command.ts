import { Command } from '@nestjs/cqrs';

/** The opportunity closed: decline this open interest, or withdraw this unanswered scout. Idempotent. */
export class ClosePairCommand extends Command<{ changed: boolean }> {
  constructor(
    readonly kind: 'INTEREST' | 'SCOUT',
    readonly id: string,
  ) {
    super();
  }
}
