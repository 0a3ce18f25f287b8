import { Command } from '@nestjs/cqrs';
import type { Caller } from '../../auth/caller.js';

/**
 * Erases the caller's CANDIDATE account (eraseMyAccount, contract 90-privacy): checks the
 * password (BAD_USER_INPUT naming `password` when wrong, counted like every password check),
 * then in one transaction revokes every token, removes the email and name from the account
 * and its events' payloads, and records `identity.account.erased`, from which the privacy
 * module asks every other module to erase. Resolves true once accepted.
 */
export class EraseAccountCommand extends Command<boolean> {
  constructor(
    readonly caller: Caller | null,
    readonly password: string,
    /** The client's address, for the per-address attempt count. */
    readonly clientAddress: string,
  ) {
    super();
  }
}
