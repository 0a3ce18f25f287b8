import { Command } from '@nestjs/cqrs';

/** Creates a CANDIDATE account and signs it in. */
export class SignUpCommand extends Command<{ accountId: string; token: string }> {
  constructor(
    readonly email: string,
    readonly password: string,
    readonly displayName: string,
  ) {
    super();
  }
}
