import { Command } from '@nestjs/cqrs';
import type { Caller, Capability } from '#libs/auth/caller.js';

export class CreateOrganizationCommand extends Command<{ organizationId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly regionId: string,
    readonly name: string,
    readonly capabilities: Capability[],
  ) {
    super();
  }
}
