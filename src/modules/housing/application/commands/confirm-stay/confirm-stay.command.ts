import { Command } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';

/** REQUESTED -> CONFIRMED, by managing staff; the database refuses nights held twice. */
export class ConfirmStayCommand extends Command<{ stayId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly stayId: string,
  ) {
    super();
  }
}
