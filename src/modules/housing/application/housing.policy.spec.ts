import { AccountKind, Caller, Capability, MembershipRole } from '#libs/auth/caller.js';
import { HousingPolicy } from './housing.policy.js';

const staff = (capabilities: Capability[], organizationId = 'city', regionId = 'kesennuma') =>
  new Caller('s', AccountKind.STAFF, 's', 's@x.jp', [{ organizationId, regionId, role: MembershipRole.MEMBER, capabilities }]);
const city = staff([Capability.HOUSING_MANAGE]);
const yui = staff([Capability.HOUSING_MANAGE], 'yui');
const biz = staff([Capability.CAREERS_MANAGE], 'biz');
const elsewhere = staff([Capability.HOUSING_MANAGE], 'ofunato-city', 'ofunato');
const guest = new Caller('g', AccountKind.CANDIDATE, 'g', 'g@x.jp', []);
const stranger = new Caller('x', AccountKind.CANDIDATE, 'x', 'x@x.jp', []);
const admin = new Caller('a', AccountKind.ADMIN, 'a', 'a@x.jp', []);

describe('HousingPolicy', () => {
  it('lets staff of the organization, with HOUSING_MANAGE, create its listings in its region', () => {
    expect(HousingPolicy.createListing(city, 'city')).toEqual({ organizationId: 'city', regionId: 'kesennuma' });
    for (const caller of [yui, biz, elsewhere, guest, admin]) {
      expect(() => HousingPolicy.createListing(caller, 'city')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    }
    expect(() => HousingPolicy.createListing(null, 'city')).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });

  it('has managing staff manage, not staff of another organization or region, an ADMIN or a candidate', () => {
    expect(HousingPolicy.manage(city, 'city')).toBe(city);
    for (const caller of [yui, biz, elsewhere, guest, admin]) {
      expect(() => HousingPolicy.manage(caller, 'city')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    }
  });

  it('shows the street address to managing staff, an ADMIN and a guest holding access', () => {
    expect(HousingPolicy.seesAddress(city, 'city', false)).toBe(true);
    expect(HousingPolicy.seesAddress(admin, 'city', false)).toBe(true);
    expect(HousingPolicy.seesAddress(guest, 'city', true)).toBe(true);
    for (const caller of [yui, elsewhere, guest, null]) expect(HousingPolicy.seesAddress(caller, 'city', false)).toBe(false);
  });

  it("shows a person's contact to themselves, an ADMIN, and managing staff while not CANCELLED or DECLINED", () => {
    for (const status of ['REQUESTED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED', 'SCHEDULED', 'DONE']) {
      expect(HousingPolicy.seesContact(city, 'g', 'city', status)).toBe(true);
    }
    for (const status of ['CANCELLED', 'DECLINED']) {
      expect(HousingPolicy.seesContact(city, 'g', 'city', status)).toBe(false);
      expect(HousingPolicy.seesContact(guest, 'g', 'city', status)).toBe(true);
      expect(HousingPolicy.seesContact(admin, 'g', 'city', status)).toBe(true);
    }
    for (const caller of [yui, elsewhere, stranger, null]) expect(HousingPolicy.seesContact(caller, 'g', 'city', 'CONFIRMED')).toBe(false);
  });

  it('sees beyond PUBLISHED: everything for an ADMIN, own organizations for housing staff, nothing for others', () => {
    expect(HousingPolicy.visibility(admin)).toEqual({ all: true });
    expect(HousingPolicy.visibility(city)).toEqual({ all: false, organizations: ['city'] });
    expect(HousingPolicy.visibility(biz)).toEqual({ all: false, organizations: [] });
    expect(HousingPolicy.visibility(null)).toEqual({ all: false, organizations: [] });
  });
});
