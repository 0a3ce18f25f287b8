import { Injectable } from '@nestjs/common';
import { ListingArchived } from '#libs/contracts/housing/events.js';
import { tokyoToday } from '#libs/ddd/calendar-day.js';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { OutboxSubscriber } from '#libs/messaging/outbox-subscriber.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { StayStatus, ViewingStatus } from '#libs/contracts/housing/enums.js';
import { ReleaseRequested } from '../../domain/housing.internal-events.js';
import { HousingRepository } from '../../infrastructure/housing.repository.js';

/**
 * An archived listing answers no one any more: its REQUESTED stays are declined (else they
 * would hold the guest's nights elsewhere until their check-in day) and its open viewings
 * cancelled. One request per stay or viewing, each then changed in its own delivery.
 */
@Injectable()
export class ReleaseRequestsOfArchivedListing extends OutboxSubscriber {
  readonly name = 'housing.release-requests-of-archived-listing';
  readonly eventTypes = [ListingArchived.type, ReleaseRequested.type];

  constructor(
    private readonly repo: HousingRepository,
    private readonly uow: UnitOfWork,
  ) {
    super();
  }

  async handle(event: DomainEvent): Promise<void> {
    if (ListingArchived.is(event)) {
      const { listingId } = event.payload;
      const open = await this.repo.openRequestsOf(listingId);
      await this.uow.publish('housing', open.map((r) => ReleaseRequested.create(listingId, { ...r, listingId })));
      return;
    }
    if (!ReleaseRequested.is(event)) return;
    const { kind, id } = event.payload;
    if (kind === 'STAY') {
      const stay = await this.repo.findStay(id);
      if (stay?.data.status !== StayStatus.REQUESTED) return; // moved meanwhile: nothing to release
      const today = tokyoToday();
      // One whose check-in day has come has lapsed already: written down as that.
      if (!stay.lapse(today, event.occurredAt)) stay.decline(today, event.occurredAt);
      await this.repo.saveStay(stay);
    } else {
      const viewing = await this.repo.findViewing(id);
      const status = viewing?.data.status;
      if (!viewing || (status !== ViewingStatus.REQUESTED && status !== ViewingStatus.SCHEDULED)) return;
      viewing.cancel('STAFF', event.occurredAt);
      await this.repo.saveViewing(viewing);
    }
  }
}
