import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

export class RegisterEmployerCommand extends Command<{ employerId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly organizationId: string,
    readonly name: string,
    readonly industry: string,
    readonly description: string,
  ) {
    super();
  }
}
