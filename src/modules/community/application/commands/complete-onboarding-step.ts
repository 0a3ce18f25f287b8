import { Command, CommandHandler } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { CommunityRepository } from '../../infrastructure/community.repository.js';
import { CommunityPolicy } from '../community.policy.js';

/** completeOnboardingStep: the newcomer or their ACTIVE supporter marks a step done; COMPLETED with the last. */
export class CompleteOnboardingStepCommand extends Command<{ planId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly planId: string,
    readonly key: string,
  ) {
    super();
  }
}

@CommandHandler(CompleteOnboardingStepCommand)
export class CompleteOnboardingStepHandler extends TransactionalHandler<CompleteOnboardingStepCommand, { planId: string }> {
  constructor(private readonly repo: CommunityRepository) {
    super();
  }

  protected async handle(c: CompleteOnboardingStepCommand) {
    requireCaller(c.caller);
    // Locked: two steps marked at once are applied one after the other, not refused as stale.
    const plan = await this.repo.findPlan(c.planId, 'update');
    if (!plan) throw new NotFoundError('Onboarding plan', c.planId);
    const supporter = await this.repo.activeSupporterAccountOf(plan.state.regionId, plan.state.newcomer.accountId);
    const newcomerAccountId = plan.state.newcomer.accountId;
    if (!CommunityPolicy.seesPlan(c.caller, { newcomerAccountId, regionId: plan.state.regionId, activeSupporterAccountId: supporter })) {
      throw new NotFoundError('Onboarding plan', c.planId);
    }
    CommunityPolicy.completeStep(c.caller, { newcomerAccountId, activeSupporterAccountId: supporter });
    plan.completeStep(c.key);
    await this.repo.savePlan(plan);
    return { planId: plan.id };
  }
}
