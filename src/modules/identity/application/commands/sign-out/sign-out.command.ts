import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** Revokes the token the caller signed this request with; true once it is revoked. */
export class SignOutCommand extends Command<boolean> {
  constructor(readonly caller: Caller | null) {
    super();
  }
}
