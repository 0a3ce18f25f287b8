import { defineEvent } from '../../ddd/domain-event.js';
import type { AccountKind, Capability, MembershipRole } from './enums.js';

/** `identity.account.registered`: a new account (any kind). v1. */
export const AccountRegistered = defineEvent<{
  accountId: string;
  email: string;
  displayName: string;
  kind: AccountKind;
  memberships: Array<{ organizationId: string; regionId: string; role: MembershipRole }>;
}>('identity.account.registered', 'Account');

/** `identity.region.created`: a new region (tenant of the national model). v1. */
export const RegionCreated = defineEvent<{ regionId: string; code: string; name: string; prefecture: string }>(
  'identity.region.created',
  'Region',
);

/** `identity.organization.created`: a partner organization and its capabilities. v1. */
export const OrganizationCreated = defineEvent<{
  organizationId: string;
  regionId: string;
  name: string;
  capabilities: Capability[];
}>('identity.organization.created', 'Organization');

/**
 * `identity.account.erased` v1: a CANDIDATE erased their account (password checked). Its
 * tokens are revoked, its email and displayName are gone from identity's tables and from
 * the payloads of its events; the privacy module answers with
 * `privacy.account.erasure-requested`, which every other module acts on.
 */
export const AccountErased = defineEvent<{ accountId: string; erasedAt: string }>('identity.account.erased', 'Account');
