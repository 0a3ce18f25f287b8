import { Command } from '@nestjs/cqrs';

/** Checks credentials (under the attempt limits) and issues an access token. */
export class SignInCommand extends Command<{ accountId: string; token: string }> {
  constructor(
    readonly email: string,
    readonly password: string,
    /** The client's address, for the per-address attempt count. */
    readonly clientAddress: string,
  ) {
    super();
  }
}
