import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ExportHousingPersonalDataQuery } from '#libs/contracts/housing/personal-data.js';
import { exportedDate, type PersonalDataSection } from '#libs/contracts/privacy/export.js';
import { tokyoToday } from '#libs/ddd/calendar-day.js';
import type { GuestRegister } from '../../domain/stay.aggregate.js';
import { HousingReadModel } from '../../infrastructure/housing.read-model.js';

/** The register as the person gave it (empty strings of an erased one read as null). */
const register = (r: GuestRegister) => ({
  displayName: r.displayName,
  fullName: r.fullName || null,
  email: r.email || null,
  phone: r.phone || null,
});

/**
 * housing's section of a person's export (contract 90-privacy): their stays and viewing
 * requests, each with the register they gave, what they wrote and the listing's public facts,
 * as plain JSON (dates as ISO strings, calendar days as YYYY-MM-DD).
 */
@QueryHandler(ExportHousingPersonalDataQuery)
export class ExportHousingPersonalDataHandler implements IQueryHandler<ExportHousingPersonalDataQuery> {
  constructor(private readonly read: HousingReadModel) {}

  async execute(query: ExportHousingPersonalDataQuery): Promise<PersonalDataSection> {
    const { stays, viewingRequests } = await this.read.personalDataOf(query.accountId, tokyoToday());
    return {
      stays: stays.map((s) => ({
        id: s.id,
        listing: { id: s.listingId, ...s.listing },
        regionId: s.regionId,
        organizationId: s.organizationId,
        register: register(s.guest),
        checkIn: s.checkIn,
        checkOut: s.checkOut,
        nights: s.nights,
        partySize: s.partySize,
        purpose: s.purpose,
        priceYen: s.priceYen,
        status: s.status,
        createdAt: exportedDate(s.createdAt),
        updatedAt: exportedDate(s.updatedAt),
      })),
      viewingRequests: viewingRequests.map((v) => ({
        id: v.id,
        listing: { id: v.listingId, ...v.listing },
        regionId: v.regionId,
        organizationId: v.organizationId,
        register: register(v.requester),
        preferredDates: v.preferredDates,
        message: v.message,
        status: v.status,
        scheduledAt: exportedDate(v.scheduledAt),
        createdAt: exportedDate(v.createdAt),
        updatedAt: exportedDate(v.updatedAt),
      })),
    };
  }
}
