import { AggregateRoot } from '#libs/ddd/aggregate-root.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { newId } from '#libs/ddd/ids.js';
import { ERASED_DISPLAY_NAME } from '#libs/contracts/privacy/enums.js';
import { OnboardingStatus } from '#libs/contracts/community/enums.js';
import {
  OnboardingCompleted,
  OnboardingStarted,
  OnboardingStepCompleted,
  type OnboardingFacts,
} from '#libs/contracts/community/events.js';

/** One step of a region's checklist. */
export interface StepTemplate {
  key: string;
  title: string;
  description: string;
  guideId: string | null;
}

/** A step of one newcomer's plan: the template's step as it was, and when it was done. */
export interface PlanStep extends StepTemplate {
  doneAt: Date | null;
}

const KEY = /^[a-z0-9][a-z0-9_-]{0,49}$/;

/** One or more steps, keys unique and well formed; BAD_USER_INPUT naming `steps` otherwise. */
export function checkSteps(steps: StepTemplate[]): StepTemplate[] {
  if (steps.length === 0) throw InvalidInputError.field('steps', 'needs one or more steps');
  if (steps.length > 100) throw InvalidInputError.field('steps', 'at most 100 steps');
  const keys = new Set<string>();
  steps.forEach((step, i) => {
    if (!KEY.test(step.key)) throw InvalidInputError.field(`steps.${i}.key`, 'must be lower-case letters, digits, - or _ (up to 50)');
    if (keys.has(step.key)) throw InvalidInputError.field(`steps.${i}.key`, `"${step.key}" is used twice`);
    keys.add(step.key);
    if (step.title.trim() === '' || step.title.length > 200) throw InvalidInputError.field(`steps.${i}.title`, 'must be 1 to 200 characters');
    if (step.description.length > 5000) throw InvalidInputError.field(`steps.${i}.description`, 'at most 5000 characters');
  });
  return steps.map((s) => ({ key: s.key, title: s.title.trim(), description: s.description.trim(), guideId: s.guideId ?? null }));
}

/** A region's onboarding checklist; its id is the region's (one per region). */
export class OnboardingTemplate extends AggregateRoot {
  private constructor(
    readonly regionId: string,
    version: number,
    private stepsNow: StepTemplate[],
    private updated: Date,
  ) {
    super(regionId, version);
  }

  static restore(regionId: string, version: number, steps: StepTemplate[], updatedAt: Date): OnboardingTemplate {
    return new OnboardingTemplate(regionId, version, steps, updatedAt);
  }

  static empty(regionId: string): OnboardingTemplate {
    return new OnboardingTemplate(regionId, 0, [], new Date());
  }

  get steps(): readonly StepTemplate[] {
    return this.stepsNow;
  }

  get updatedAt(): Date {
    return this.updated;
  }

  /** Replaces the steps; plans already started keep theirs (they hold a copy). */
  replace(steps: StepTemplate[], now = new Date()): void {
    this.stepsNow = checkSteps(steps);
    this.updated = now;
  }
}

export interface PlanState {
  regionId: string;
  newcomer: { accountId: string; displayName: string; email: string };
  steps: PlanStep[];
  status: OnboardingStatus;
  startedAt: Date;
  completedAt: Date | null;
}

/** Done steps / all steps, 0 to 1. */
export const progressOf = (steps: readonly PlanStep[]): number =>
  steps.length === 0 ? 1 : steps.filter((s) => s.doneAt !== null).length / steps.length;

/**
 * One newcomer's checklist in one region, copied from the template when started:
 * IN_PROGRESS until every step is done, then COMPLETED.
 */
export class OnboardingPlan extends AggregateRoot {
  private constructor(
    id: string,
    version: number,
    private s: PlanState,
  ) {
    super(id, version);
  }

  static start(template: OnboardingTemplate, newcomer: PlanState['newcomer'], now = new Date()): OnboardingPlan {
    const plan = new OnboardingPlan(newId(), 0, {
      regionId: template.regionId,
      newcomer,
      steps: template.steps.map((s) => ({ ...s, doneAt: null })),
      status: OnboardingStatus.IN_PROGRESS,
      startedAt: now,
      completedAt: null,
    });
    plan.record(OnboardingStarted.create(plan.id, plan.facts(), now));
    return plan;
  }

  static restore(id: string, version: number, state: PlanState): OnboardingPlan {
    return new OnboardingPlan(id, version, state);
  }

  get state(): Readonly<PlanState> {
    return this.s;
  }

  facts(): OnboardingFacts {
    return {
      planId: this.id,
      regionId: this.s.regionId,
      accountId: this.s.newcomer.accountId,
      totalSteps: this.s.steps.length,
      doneSteps: this.s.steps.filter((s) => s.doneAt !== null).length,
    };
  }

  /**
   * The newcomer's account was erased (contract 90-privacy): the plan stays as it is (its
   * steps, for counts), the name becomes 退会済みユーザー and the email is emptied. False when
   * nothing was left to do.
   */
  eraseNewcomer(): boolean {
    const n = this.s.newcomer;
    if (n.displayName === ERASED_DISPLAY_NAME && n.email === '') return false;
    this.s = { ...this.s, newcomer: { accountId: n.accountId, displayName: ERASED_DISPLAY_NAME, email: '' } };
    return true;
  }

  /** Marks a step done (once: marking it again changes nothing); COMPLETED with the last one. */
  completeStep(key: string, now = new Date()): void {
    const step = this.s.steps.find((s) => s.key === key);
    if (!step) throw InvalidInputError.field('key', `the plan has no step "${key}"`);
    if (step.doneAt !== null) return;
    this.s = { ...this.s, steps: this.s.steps.map((s) => (s.key === key ? { ...s, doneAt: now } : s)) };
    this.record(OnboardingStepCompleted.create(this.id, { ...this.facts(), stepKey: step.key, stepTitle: step.title }, now));
    if (this.s.steps.every((s) => s.doneAt !== null)) {
      this.s = { ...this.s, status: OnboardingStatus.COMPLETED, completedAt: now };
      this.record(OnboardingCompleted.create(this.id, this.facts(), now));
    }
  }
}
