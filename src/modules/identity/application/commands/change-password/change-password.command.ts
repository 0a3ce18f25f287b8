import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/**
 * Replaces the caller's password, given the current one, revokes every token issued so
 * far (the one this request came with too) and issues a fresh one.
 */
export class ChangePasswordCommand extends Command<{ accountId: string; token: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly currentPassword: string,
    readonly newPassword: string,
    /** The client's address, for the per-address attempt count. */
    readonly clientAddress: string,
  ) {
    super();
  }
}
