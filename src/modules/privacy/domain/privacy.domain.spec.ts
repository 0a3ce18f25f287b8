import { retentionCutoff } from './consent.js';
import { PersonConsents } from './person-consents.aggregate.js';

const ORG_A = '00000000-0000-4000-8000-00000000000a';
const ORG_B = '00000000-0000-4000-8000-00000000000b';

describe('retention', () => {
  it('records are kept three years to the day', () => {
    expect(retentionCutoff(new Date('2026-11-30T12:00:00Z'), 3).toISOString()).toBe('2023-11-30T12:00:00.000Z');
  });
});

describe('a person’s consents', () => {
  const at = new Date('2026-11-30T10:00:00Z');

  it('numbers the changes of each answer and records one event per answer given', () => {
    const consents = PersonConsents.empty(ORG_A);
    expect(consents.answer('NEWSLETTER', null, true, at).revision).toBe(1);
    expect(consents.answer('NEWSLETTER', null, false, at).revision).toBe(2);
    expect(consents.answer('NEWSLETTER', ORG_B, true, at).revision).toBe(1);
    expect(consents.answers).toEqual([
      expect.objectContaining({ purpose: 'NEWSLETTER', organizationId: null, granted: false, revision: 2 }),
      expect.objectContaining({ purpose: 'NEWSLETTER', organizationId: ORG_B, granted: true, revision: 1 }),
    ]);
    expect(consents.pullEvents().map((e) => e.payload)).toEqual([
      expect.objectContaining({ purpose: 'NEWSLETTER', organizationId: null, granted: true, version: 1 }),
      expect.objectContaining({ purpose: 'NEWSLETTER', organizationId: null, granted: false, version: 2 }),
      expect.objectContaining({ purpose: 'NEWSLETTER', organizationId: ORG_B, granted: true, version: 1 }),
    ]);
    expect(consents.takeGiven().map((g) => g.givenBy)).toEqual(['PERSON', 'PERSON', 'PERSON']);
  });

  it('the profile form grants MATCHING only when the person has not answered for every organization', () => {
    const fresh = PersonConsents.empty(ORG_A);
    expect(fresh.grantMatchingFromProfileForm(at)).toBe(true);
    expect(fresh.takeGiven()).toEqual([expect.objectContaining({ purpose: 'MATCHING', granted: true, givenBy: 'PROFILE_FORM' })]);

    const refused = PersonConsents.restore(ORG_A, 1, [{ purpose: 'MATCHING', organizationId: null, granted: false, revision: 1, updatedAt: at }]);
    expect(refused.grantMatchingFromProfileForm(at)).toBe(false);
    expect(refused.pullEvents()).toEqual([]);

    const oneOrganization = PersonConsents.restore(ORG_A, 1, [{ purpose: 'MATCHING', organizationId: ORG_B, granted: false, revision: 1, updatedAt: at }]);
    expect(oneOrganization.grantMatchingFromProfileForm(at)).toBe(true);
  });
});
