import { Command } from '@nestjs/cqrs';

/** Checks credentials and issues an access token. */
export class SignInCommand extends Command<{ accountId: string; token: string }> {
  constructor(
    readonly email: string,
    readonly password: string,
  ) {
    super();
  }
}
