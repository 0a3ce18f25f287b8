import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OutboxRelay } from '#libs/messaging/outbox-relay.js';
import { InsightsReadModel } from '../../../infrastructure/insights.read-model.js';
import { InsightsPolicy } from '../../insights.policy.js';
import { ProjectInsights } from '../../subscribers/project-insights.handler.js';
import { RebuildInsightsCommand } from './rebuild-insights.command.js';

/** How long a rebuild may run inside one request before it answers with an error (it goes on in the background). */
const REBUILD_TIMEOUT_MS = 10 * 60_000;

/**
 * Sends insights' subscriber the log again from its beginning (the relay clears the read
 * models in the transaction that moves its cursor back) and relays it until it has caught
 * up, then answers the time of the newest event applied.
 */
@CommandHandler(RebuildInsightsCommand)
export class RebuildInsightsHandler implements ICommandHandler<RebuildInsightsCommand> {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly readModel: InsightsReadModel,
  ) {}

  async execute(command: RebuildInsightsCommand): Promise<Date> {
    InsightsPolicy.assertRebuilds(command.caller);
    await this.relay.reset(ProjectInsights.NAME, 0);
    await this.relay.drain(undefined, REBUILD_TIMEOUT_MS, [ProjectInsights.NAME]);
    return (await this.readModel.freshness()) ?? new Date();
  }
}
