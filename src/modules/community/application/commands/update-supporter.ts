import { Command, CommandHandler } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import type { SupporterOffer } from '../../domain/supporter.aggregate.js';
import { CommunityRepository } from '../../infrastructure/community.repository.js';
import { CommunityPolicy } from '../community.policy.js';
import { requirePerson } from './support.js';

/**
 * updateSupporter: the supporter or the region's staff. The supporter is locked (assignments
 * queue behind it), so maxNewcomers is checked against the newcomers they have now; the
 * CHECK constraint backs it.
 */
export class UpdateSupporterCommand extends Command<{ supporterId: string }> {
  constructor(
    readonly caller: Caller | null,
    readonly supporterId: string,
    readonly changes: Partial<SupporterOffer> & { active?: boolean },
  ) {
    super();
  }
}

@CommandHandler(UpdateSupporterCommand)
export class UpdateSupporterHandler extends TransactionalHandler<UpdateSupporterCommand, { supporterId: string }> {
  constructor(private readonly repo: CommunityRepository) {
    super();
  }

  protected async handle(c: UpdateSupporterCommand) {
    // The supporter's own edit writes what they give (a bio): refused once their account was erased.
    await requirePerson(this.repo, c.caller);
    const supporter = await this.repo.findSupporter(c.supporterId, 'update');
    if (!supporter) throw new NotFoundError('Supporter', c.supporterId);
    CommunityPolicy.updateSupporter(c.caller, supporter.state, c.changes);
    supporter.update(c.changes);
    await this.repo.saveSupporter(supporter);
    return { supporterId: supporter.id };
  }
}
