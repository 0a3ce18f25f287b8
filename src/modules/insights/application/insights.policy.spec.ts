import { AccountKind, Caller, Capability, MembershipRole } from '#libs/auth/caller.js';
import { ForbiddenError, UnauthenticatedError } from '#libs/ddd/errors.js';
import { InsightsPolicy } from './insights.policy.js';

const staff = (capabilities: Capability[], regionId = 'r1') =>
  new Caller('s', AccountKind.STAFF, '職員', 's@x.jp', [{ organizationId: 'o', regionId, role: MembershipRole.MEMBER, capabilities }]);

describe('InsightsPolicy', () => {
  it('lets INSIGHTS_READ staff read their own region only, and an ADMIN any', () => {
    expect(() => InsightsPolicy.assertReads(staff([Capability.INSIGHTS_READ]), 'r1')).not.toThrow();
    expect(() => InsightsPolicy.assertReads(staff([Capability.INSIGHTS_READ]), 'r2')).toThrow(ForbiddenError);
    expect(() => InsightsPolicy.assertReads(staff([Capability.EVENTS_MANAGE, Capability.MATCHING_COORDINATE]), 'r1')).toThrow(ForbiddenError);
    expect(() => InsightsPolicy.assertReads(new Caller('a', AccountKind.ADMIN, '管理者', 'a@x.jp', []), 'r9')).not.toThrow();
    expect(() => InsightsPolicy.assertReads(new Caller('c', AccountKind.CANDIDATE, '候補者', 'c@x.jp', []), 'r1')).toThrow(ForbiddenError);
    expect(() => InsightsPolicy.assertReads(null, 'r1')).toThrow(UnauthenticatedError);
  });

  it('lets only an ADMIN rebuild', () => {
    expect(() => InsightsPolicy.assertRebuilds(new Caller('a', AccountKind.ADMIN, '管理者', 'a@x.jp', []))).not.toThrow();
    expect(() => InsightsPolicy.assertRebuilds(staff([Capability.INSIGHTS_READ]))).toThrow(ForbiddenError);
    expect(() => InsightsPolicy.assertRebuilds(null)).toThrow(UnauthenticatedError);
  });
});
