import { Injectable } from '@nestjs/common';
import { AccountErasureRequested } from '#libs/contracts/privacy/events.js';
import { ERASED_DISPLAY_NAME } from '#libs/contracts/privacy/enums.js';
import { tokyoToday } from '#libs/ddd/calendar-day.js';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { isId } from '#libs/ddd/ids.js';
import { OutboxSubscriber } from '#libs/messaging/outbox-subscriber.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { EraseRequested } from '../../domain/housing.internal-events.js';
import { HousingRepository } from '../../infrastructure/housing.repository.js';

/**
 * Erasure (contract 90-privacy): what housing holds about an erased account. Its stays and
 * viewing requests are released as the person's own cancellations would be (StayCancelled by
 * GUEST, ViewingCancelled by REQUESTER: a confirmed stay's nights are free again), and their
 * register (fullName, email, phone; displayName becomes 退会済みユーザー) and what they wrote
 * (a stay's purpose, a viewing's message) are emptied; the rows stay, for counts. One request
 * per stay or viewing, each then changed in a delivery of its own (one aggregate each).
 *
 * First, under the person's lock (the one every stay or viewing request takes), the erasure
 * is noted (`erased_account`) before anything is listed: a request in flight either committed
 * before (and is listed here) or finds the account erased and is refused (FORBIDDEN).
 *
 * Housing's event payloads carry account ids only, never the register, so there is nothing to
 * scrub in the log. A redelivery finds nothing left: the targets are only what still holds
 * something, and each step skips what is already erased.
 */
@Injectable()
export class ErasePersonOnErasureRequested extends OutboxSubscriber {
  readonly name = 'housing.erasure';
  readonly eventTypes = [AccountErasureRequested.type, EraseRequested.type];

  constructor(
    private readonly repo: HousingRepository,
    private readonly uow: UnitOfWork,
  ) {
    super();
  }

  async handle(event: DomainEvent): Promise<void> {
    if (AccountErasureRequested.is(event)) {
      const { accountId } = event.payload;
      if (!isId(accountId)) return;
      await this.repo.markErased(accountId, event.occurredAt);
      const targets = await this.repo.erasureTargetsOf(accountId, ERASED_DISPLAY_NAME);
      await this.uow.publish('housing', targets.map((t) => EraseRequested.create(accountId, { ...t, accountId })));
      return;
    }
    if (!EraseRequested.is(event)) return;
    const { kind, id, accountId } = event.payload;
    if (kind === 'STAY') {
      const stay = await this.repo.findStay(id);
      if (!stay || stay.guestAccountId !== accountId) return;
      if (stay.erase(tokyoToday(), event.occurredAt)) await this.repo.saveStay(stay);
    } else {
      const viewing = await this.repo.findViewing(id);
      if (!viewing || viewing.requesterAccountId !== accountId) return;
      if (viewing.erase(event.occurredAt)) await this.repo.saveViewing(viewing);
    }
  }
}
