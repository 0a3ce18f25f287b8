import { Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CALLER_DIRECTORY } from '#libs/auth/caller.js';
import { ChangePasswordHandler } from './application/commands/change-password/change-password.handler.js';
import { CreateOrganizationHandler } from './application/commands/create-organization/create-organization.handler.js';
import { CreateRegionHandler } from './application/commands/create-region/create-region.handler.js';
import { CreateStaffAccountHandler } from './application/commands/create-staff-account/create-staff-account.handler.js';
import { EraseAccountHandler } from './application/commands/erase-account/erase-account.handler.js';
import { EnsureAdminHandler } from './application/commands/ensure-admin/ensure-admin.handler.js';
import { SignInHandler } from './application/commands/sign-in/sign-in.handler.js';
import { SignOutHandler } from './application/commands/sign-out/sign-out.handler.js';
import { SignUpHandler } from './application/commands/sign-up/sign-up.handler.js';
import {
  ExportIdentityPersonalDataHandler,
  FindAccountByEmailHandler,
  FindRegionByCodeHandler,
  GetAccountHandler,
  GetAccountsByIdsHandler,
  GetOrganizationsByIdsHandler,
  GetRegionsByIdsHandler,
  ListOrganizationsHandler,
  ListRegionsHandler,
} from './application/queries/identity-queries.handler.js';
import { ATTEMPT_COUNTER } from './application/password-check/attempt-counter.js';
import { PasswordCheck } from './application/password-check/password-check.js';
import { IdentityResolver, MembershipResolver, OrganizationResolver } from './graphql/identity.resolver.js';
import { AdminBootstrap } from './infrastructure/admin-bootstrap.js';
import { IdentityCallerDirectory } from './infrastructure/caller-directory.js';
import { IdentityBulkSeeder } from './infrastructure/identity.bulk.js';
import { IdentityDemoSeeder } from './infrastructure/identity.demo.js';
import { IdentityHousekeeping } from './infrastructure/identity.housekeeping.js';
import { IdentityRepository } from './infrastructure/identity.repository.js';
import { PostgresAttemptCounter } from './infrastructure/password-attempt.store.js';

/**
 * Identity & access: accounts, regions, organizations and capabilities. Global only so
 * that libs/auth's guard finds the CallerDirectory it implements.
 */
@Global()
@Module({
  imports: [CqrsModule],
  providers: [
    IdentityRepository,
    { provide: CALLER_DIRECTORY, useClass: IdentityCallerDirectory },
    SignUpHandler,
    SignInHandler,
    SignOutHandler,
    ChangePasswordHandler,
    EraseAccountHandler,
    PasswordCheck,
    { provide: ATTEMPT_COUNTER, useClass: PostgresAttemptCounter },
    IdentityHousekeeping,
    CreateRegionHandler,
    CreateOrganizationHandler,
    CreateStaffAccountHandler,
    EnsureAdminHandler,
    GetAccountHandler,
    ListRegionsHandler,
    ListOrganizationsHandler,
    GetRegionsByIdsHandler,
    GetOrganizationsByIdsHandler,
    GetAccountsByIdsHandler,
    FindRegionByCodeHandler,
    FindAccountByEmailHandler,
    ExportIdentityPersonalDataHandler,
    IdentityResolver,
    OrganizationResolver,
    MembershipResolver,
    IdentityDemoSeeder,
    AdminBootstrap,
    IdentityBulkSeeder,
  ],
  exports: [CALLER_DIRECTORY],
})
export class IdentityModule {}
