import { Command, CommandHandler, QueryBus } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { NoOnboardingTemplate } from '../../domain/community.errors.js';
import { OnboardingPlan } from '../../domain/onboarding.aggregate.js';
import { CommunityRepository, DuplicateLive } from '../../infrastructure/community.repository.js';
import { requirePerson, requireRegion } from './support.js';

/** startOnboarding: the caller starts their plan for a region (once; starting again returns it). Needs a template. */
export class StartOnboardingCommand extends Command<{ planId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly regionId: string,
  ) {
    super();
  }
}

@CommandHandler(StartOnboardingCommand)
export class StartOnboardingHandler extends TransactionalHandler<StartOnboardingCommand, { planId: string }> {
  constructor(
    private readonly repo: CommunityRepository,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  protected async handle(c: StartOnboardingCommand) {
    const caller = await requirePerson(this.repo, c.caller);
    await requireRegion(this.queries, c.regionId);
    const existing = await this.repo.findPlanIdOf(c.regionId, caller.accountId);
    if (existing) return { planId: existing };
    const template = await this.repo.findTemplate(c.regionId);
    if (!template) throw new NoOnboardingTemplate();
    const plan = OnboardingPlan.start(template, { accountId: caller.accountId, displayName: caller.displayName, email: caller.email });
    try {
      await this.repo.savePlan(plan);
    } catch (error) {
      if (!(error instanceof DuplicateLive)) throw error;
      return { planId: (await this.repo.findPlanIdOf(c.regionId, caller.accountId))! };
    }
    return { planId: plan.id };
  }
}
