import { Capability } from '#libs/contracts/identity/enums.js';
import { AggregateRoot } from '#libs/ddd/aggregate-root.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { newId } from '#libs/ddd/ids.js';
import { OrganizationCreated } from '#libs/contracts/identity/events.js';

export interface OrganizationState {
  id: string;
  regionId: string;
  name: string;
  capabilities: Capability[];
  createdAt: Date;
  version: number;
}

/** A partner organization, and which module workflows it may run in its region. */
export class Organization extends AggregateRoot {
  private constructor(readonly state: OrganizationState) {
    super(state.id, state.version);
  }

  static restore(state: OrganizationState): Organization {
    return new Organization(state);
  }

  static create(input: { regionId: string; name: string; capabilities: Capability[] }): Organization {
    const name = input.name.normalize('NFKC').trim();
    if (name.length === 0 || name.length > 200) throw InvalidInputError.field('name', 'must have 1 to 200 characters');
    // Kept in the enum's order, once each, so equal sets compare equal.
    const capabilities = Object.values(Capability).filter((c) => input.capabilities.includes(c));
    const org = new Organization({ id: newId(), regionId: input.regionId, name, capabilities, createdAt: new Date(), version: 0 });
    org.record(OrganizationCreated.create(org.id, { organizationId: org.id, regionId: org.state.regionId, name, capabilities }));
    return org;
  }
}
