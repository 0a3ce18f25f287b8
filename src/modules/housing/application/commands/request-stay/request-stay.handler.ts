import { CommandHandler } from '@nestjs/cqrs';
import { requireCandidate } from '#libs/auth/require.js';
import { tokyoToday } from '#libs/ddd/calendar-day.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { ListingStatus } from '#libs/contracts/housing/enums.js';
import { TransactionalHandler } from '#libs/messaging/transactional-handler.js';
import { DatesTaken } from '../../../domain/housing.errors.js';
import { Stay } from '../../../domain/stay.aggregate.js';
import { HousingRepository } from '../../../infrastructure/housing.repository.js';
import { StayLapses } from '../lapse-stay/stay-lapses.js';
import { RequestStayCommand } from './request-stay.command.js';

@CommandHandler(RequestStayCommand)
export class RequestStayHandler extends TransactionalHandler<RequestStayCommand, { stayId: string }> {
  constructor(
    private readonly repo: HousingRepository,
    private readonly lapses: StayLapses,
  ) {
    super();
  }

  override async execute(command: RequestStayCommand) {
    // The guest's requests that lapsed on their check-in day are written down first (each
    // its own transaction), so one the sweep has not reached yet holds none of their nights.
    if (command.caller) await this.lapses.sweepGuest(command.caller.accountId);
    return super.execute(command);
  }

  protected async handle(command: RequestStayCommand) {
    const guest = requireCandidate(command.caller);
    // A request in flight while the account is erased either commits before the erasure looks
    // (and is erased with the rest) or finds it done.
    await this.repo.refuseErased(guest.accountId);
    const listing = await this.repo.findListing(command.listingId);
    if (!listing || listing.status !== ListingStatus.PUBLISHED) throw new NotFoundError('Listing', command.listingId);
    const l = listing.data;
    const today = tokyoToday();
    const stay = Stay.request(
      { id: l.id, organizationId: l.organizationId, regionId: l.regionId, kind: l.kind, nightlyRateYen: l.nightlyRateYen,
        minNights: l.minNights, maxNights: l.maxNights, capacity: l.capacity },
      { accountId: guest.accountId, displayName: guest.displayName, email: guest.email, ...command.register },
      command.ask,
      today,
    );
    if (await this.repo.nightsTaken(l.id, command.ask.checkIn, command.ask.checkOut)) throw new DatesTaken();
    await this.repo.saveStay(stay); // a second active stay of the guest for a night: GUEST_DOUBLE_BOOKED
    return { stayId: stay.id };
  }
}
