import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AcceptRoleApplicationHandler } from './application/commands/accept-role-application.js';
import { ApplyForRoleHandler } from './application/commands/apply-for-role.js';
import { ApproveSupporterHandler } from './application/commands/approve-supporter.js';
import { ArchiveGuideHandler } from './application/commands/archive-guide.js';
import { AssignSupporterHandler } from './application/commands/assign-supporter.js';
import { CloseCommunityRoleHandler } from './application/commands/close-community-role.js';
import { CompleteOnboardingStepHandler } from './application/commands/complete-onboarding-step.js';
import { CreateCommunityRoleHandler } from './application/commands/create-community-role.js';
import { DeclineMentorshipHandler } from './application/commands/decline-mentorship.js';
import { DeclineRoleApplicationHandler } from './application/commands/decline-role-application.js';
import { EndMentorshipHandler } from './application/commands/end-mentorship.js';
import { EndRoleApplicationHandler } from './application/commands/end-role-application.js';
import { OpenCommunityRoleHandler } from './application/commands/open-community-role.js';
import { PublishGuideHandler } from './application/commands/publish-guide.js';
import { RequestMentorshipHandler } from './application/commands/request-mentorship.js';
import { SetOnboardingTemplateHandler } from './application/commands/set-onboarding-template.js';
import { StartOnboardingHandler } from './application/commands/start-onboarding.js';
import { UpdateCommunityRoleHandler } from './application/commands/update-community-role.js';
import { UpdateSupporterHandler } from './application/commands/update-supporter.js';
import { VolunteerAsSupporterHandler } from './application/commands/volunteer-as-supporter.js';
import { WithdrawRoleApplicationHandler } from './application/commands/withdraw-role-application.js';
import { WriteGuideHandler } from './application/commands/write-guide.js';
import { CommunityQueries } from './application/queries/community.queries.js';
import { ExportCommunityPersonalDataHandler } from './application/queries/export-community-personal-data.js';
import { ErasePersonOnErasureRequested } from './application/subscribers/erase-person-on-erasure-requested.js';
import {
  CommunityResolver,
  CommunityRoleResolver,
  GuideResolver,
  MentorshipResolver,
  OnboardingPlanResolver,
  OnboardingStepResolver,
  OnboardingStepTemplateResolver,
  OnboardingTemplateResolver,
  RoleApplicationResolver,
  SupporterResolver,
} from './graphql/community.resolver.js';
import { CommunityDemoSeeder } from './infrastructure/community.demo.js';
import { CommunityReadModel } from './infrastructure/community.read-model.js';
import { CommunityRepository } from './infrastructure/community.repository.js';

/**
 * Community (contract 60-community): the region's activity roles and their applications,
 * supporters and mentorships, the onboarding checklist, and the region's guides.
 */
@Module({
  imports: [CqrsModule],
  providers: [
    CommunityRepository,
    CommunityReadModel,
    CommunityQueries,
    ExportCommunityPersonalDataHandler,
    ErasePersonOnErasureRequested,
    CreateCommunityRoleHandler,
    UpdateCommunityRoleHandler,
    OpenCommunityRoleHandler,
    CloseCommunityRoleHandler,
    ApplyForRoleHandler,
    AcceptRoleApplicationHandler,
    DeclineRoleApplicationHandler,
    WithdrawRoleApplicationHandler,
    EndRoleApplicationHandler,
    VolunteerAsSupporterHandler,
    ApproveSupporterHandler,
    UpdateSupporterHandler,
    RequestMentorshipHandler,
    AssignSupporterHandler,
    DeclineMentorshipHandler,
    EndMentorshipHandler,
    SetOnboardingTemplateHandler,
    StartOnboardingHandler,
    CompleteOnboardingStepHandler,
    WriteGuideHandler,
    PublishGuideHandler,
    ArchiveGuideHandler,
    CommunityResolver,
    CommunityRoleResolver,
    RoleApplicationResolver,
    MentorshipResolver,
    SupporterResolver,
    OnboardingTemplateResolver,
    OnboardingStepTemplateResolver,
    OnboardingStepResolver,
    OnboardingPlanResolver,
    GuideResolver,
    CommunityDemoSeeder,
  ],
})
export class CommunityModule {}
