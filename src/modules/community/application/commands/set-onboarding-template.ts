import { Command, CommandHandler } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { OnboardingTemplate, checkSteps, type StepTemplate } from '../../domain/onboarding.aggregate.js';
import { CommunityRepository, DuplicateLive } from '../../infrastructure/community.repository.js';
import { CommunityPolicy } from '../community.policy.js';

/** setOnboardingTemplate: COMMUNITY_MANAGE staff; replaces the region's template (started plans keep their copy). */
export class SetOnboardingTemplateCommand extends Command<{ regionId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly regionId: string,
    readonly steps: StepTemplate[],
  ) {
    super();
  }
}

@CommandHandler(SetOnboardingTemplateCommand)
export class SetOnboardingTemplateHandler extends TransactionalHandler<SetOnboardingTemplateCommand, { regionId: string }> {
  constructor(private readonly repo: CommunityRepository) {
    super();
  }

  protected async handle(c: SetOnboardingTemplateCommand) {
    CommunityPolicy.manageRegion(c.caller, c.regionId);
    const steps = checkSteps(c.steps);
    const linked = steps.map((s) => s.guideId).filter((id): id is string => id !== null);
    const found = await this.repo.guidesOfRegion(linked, c.regionId);
    steps.forEach((s, i) => {
      if (s.guideId !== null && !found.has(s.guideId)) throw InvalidInputError.field(`steps.${i}.guideId`, 'is not a guide of the region');
    });
    const template = (await this.repo.findTemplate(c.regionId, 'update')) ?? OnboardingTemplate.empty(c.regionId);
    template.replace(steps);
    try {
      await this.repo.saveTemplate(template);
    } catch (error) {
      // Two first templates at once: the other one was written; this one replaces it.
      if (!(error instanceof DuplicateLive)) throw error;
      const current = (await this.repo.findTemplate(c.regionId, 'update'))!;
      current.replace(steps);
      await this.repo.saveTemplate(current);
    }
    return { regionId: c.regionId };
  }
}
