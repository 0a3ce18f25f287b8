import { Command } from '@nestjs/cqrs';
import type { Caller, MembershipRole } from '#libs/auth/caller.js';

export class CreateStaffAccountCommand extends Command<{ accountId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly organizationId: string,
    readonly email: string,
    readonly password: string,
    readonly displayName: string,
    readonly role: MembershipRole,
  ) {
    super();
  }
}
