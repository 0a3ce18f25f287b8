import { Module } from '@nestjs/common';
import { CommandHandler, CqrsModule, type ICommandHandler } from '@nestjs/cqrs';
import { RecordPersonalDataReadCommand, type PersonalDataRead } from '#libs/contracts/privacy/commands.js';

/**
 * A test-only stand-in for the privacy module's access log: it takes every
 * RecordPersonalDataReadCommand (overriding the real handler where there is one) and keeps
 * the reads in memory, so a test sees exactly what a resolver asked to log, and when
 * (the command is awaited before the value goes out).
 */
@CommandHandler(RecordPersonalDataReadCommand)
class CapturedReadLog implements ICommandHandler<RecordPersonalDataReadCommand> {
  async execute(command: RecordPersonalDataReadCommand): Promise<void> {
    capturedReads.push(...command.reads);
  }
}

/** Every read logged so far in this test file's process (clear it with `capturedReads.length = 0`). */
export const capturedReads: PersonalDataRead[] = [];

/** Pass as `TestApp.start({ extraModules: [ReadLogProbeModule] })`. */
@Module({ imports: [CqrsModule], providers: [CapturedReadLog] })
export class ReadLogProbeModule {}
