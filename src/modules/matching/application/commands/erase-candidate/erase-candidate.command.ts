import { Command } from '@nestjs/cqrs';

/**
 * The person erased their account (privacy.account.erasure-requested): their profile loses
 * its name, contact details and free text, their words leave the threads, and each match,
 * interest and scout they held is released in a step of its own. Idempotent.
 */
export class EraseCandidateCommand extends Command<{ releases: number }> {
  constructor(readonly accountId: string) {
    super();
  }
}
