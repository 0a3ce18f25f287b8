import { Command } from '@nestjs/cqrs';

/** Makes sure an ADMIN account with this email exists and signs in with this password. */
export class EnsureAdminCommand extends Command<{ accountId: string; created: boolean }> {
  constructor(
    readonly email: string,
    readonly password: string,
    readonly displayName = 'Minato admin',
  ) {
    super();
  }
}
