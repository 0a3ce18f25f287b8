import type { QueryBus } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { requireCaller } from '#libs/auth/require.js';
import { GetRegionsByIdsQuery } from '#libs/contracts/identity/queries.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import { isId } from '#libs/ddd/ids.js';
import type { CommunityRepository, Lock } from '../../infrastructure/community.repository.js';
import type { CommunityRole } from '../../domain/community-role.aggregate.js';
import type { RoleApplication } from '../../domain/role-application.aggregate.js';
import type { Guide } from '../../domain/guide.aggregate.js';
import { GuideStatus } from '#libs/contracts/community/enums.js';
import { CommunityPolicy } from '../community.policy.js';

/**
 * The caller, for a command a person starts here: UNAUTHENTICATED for anonymous, FORBIDDEN
 * once their account was erased. Takes the person's lock (the erasure's), so a command in
 * flight while the account is erased either commits before the erasure looks (and is erased
 * with the rest) or finds it done. First in the command, before any row lock.
 */
export async function requirePerson(repo: CommunityRepository, caller: Caller | null): Promise<Caller> {
  const known = requireCaller(caller);
  await repo.refuseErased(known.accountId);
  return known;
}

/** NOT_FOUND unless the region exists (asked of identity through its query). */
export async function requireRegion(queries: QueryBus, regionId: string): Promise<void> {
  const [region] = isId(regionId) ? await queries.execute(new GetRegionsByIdsQuery([regionId])) : [];
  if (!region) throw new NotFoundError('Region', regionId);
}

/** A role the caller runs: UNAUTHENTICATED, NOT_FOUND, then FORBIDDEN. */
export async function loadManagedRole(repo: CommunityRepository, caller: Caller | null, roleId: string, lock: Lock = 'none'): Promise<CommunityRole> {
  requireCaller(caller);
  const role = await repo.findRole(roleId, lock);
  if (!role) throw new NotFoundError('Community role', roleId);
  CommunityPolicy.manageRole(caller, role.state.organizationId);
  return role;
}

/**
 * An application, loaded after its role is locked (the lock order of the migration: the
 * role before its applications), so commands on one role's applications queue behind its
 * acceptances instead of deadlocking with them.
 */
export async function loadApplicationLocked(repo: CommunityRepository, applicationId: string): Promise<RoleApplication> {
  const first = await repo.findApplication(applicationId);
  if (!first) throw new NotFoundError('Role application', applicationId);
  await repo.findRole(first.state.role.id, 'update');
  return (await repo.findApplication(applicationId, 'update'))!;
}

/** A guide the caller manages; an unpublished guide of another region is NOT_FOUND, as for the public. */
export async function loadManagedGuide(repo: CommunityRepository, caller: Caller | null, guideId: string): Promise<Guide> {
  requireCaller(caller);
  const guide = await repo.findGuide(guideId, 'update');
  if (!guide || (guide.state.status !== GuideStatus.PUBLISHED && !CommunityPolicy.seesHidden(caller, guide.state.regionId))) {
    throw new NotFoundError('Guide', guideId);
  }
  CommunityPolicy.manageRegion(caller, guide.state.regionId);
  return guide;
}
