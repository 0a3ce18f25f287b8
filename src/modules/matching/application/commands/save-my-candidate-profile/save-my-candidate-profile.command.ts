import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import type { ProfileInput } from '../../../domain/candidate-profile.aggregate.js';

/** Creates or replaces the caller's candidate profile. */
export class SaveMyCandidateProfileCommand extends Command<{ candidateId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly input: ProfileInput,
  ) {
    super();
  }
}
