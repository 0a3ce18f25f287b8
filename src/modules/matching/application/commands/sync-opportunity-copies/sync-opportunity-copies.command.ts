import { Command } from '@nestjs/cqrs';

/**
 * Backfills matching's copy of opportunities from careers' public query (a new deployment,
 * or rows that were bulk-loaded without events). Events keep it right afterwards.
 */
export class SyncOpportunityCopiesCommand extends Command<{ copied: number }> {}
