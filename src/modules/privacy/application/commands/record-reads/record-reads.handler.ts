import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RecordPersonalDataReadCommand } from '#libs/contracts/privacy/commands.js';
import { AccessLogWriter } from '../../../infrastructure/access-log.writer.js';

/** Other modules' reads of personal data (matching's profile and match fields) into the batched access log. */
@CommandHandler(RecordPersonalDataReadCommand)
export class RecordPersonalDataReadHandler implements ICommandHandler<RecordPersonalDataReadCommand> {
  constructor(private readonly writer: AccessLogWriter) {}

  execute(command: RecordPersonalDataReadCommand): Promise<void> {
    return this.writer.record(command.reads);
  }
}
