import { Inject } from '@nestjs/common';
import { UnitOfWork } from './unit-of-work.js';

/**
 * Base of every command handler: wraps `handle` in the unit of work once, so a handler
 * only loads one aggregate, asks the policy, calls the aggregate and saves it.
 */
export abstract class TransactionalHandler<C, R> {
  @Inject(UnitOfWork) protected readonly uow!: UnitOfWork;

  execute(command: C): Promise<R> {
    return this.uow.run(() => this.handle(command));
  }

  protected abstract handle(command: C): Promise<R>;
}
