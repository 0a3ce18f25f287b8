import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  CommunityRoleStatus,
  GuideStatus,
  MentorshipStatus,
  OnboardingStatus,
  RoleApplicationStatus,
  RoleCategory,
} from '#libs/contracts/community/enums.js';
import { Connection } from '#libs/graphql/connection.js';
import { DateScalar } from '#libs/graphql/shared-types.js';
import type {
  ApplicationView,
  GuideView,
  MentorshipView,
  PlanView,
  RoleView,
  StepView,
  SupporterView,
  TemplateView,
} from '../application/queries/community.views.js';

registerEnumType(RoleCategory, { name: 'RoleCategory' });
registerEnumType(CommunityRoleStatus, { name: 'CommunityRoleStatus' });
registerEnumType(RoleApplicationStatus, { name: 'RoleApplicationStatus' });
registerEnumType(MentorshipStatus, { name: 'MentorshipStatus' });
registerEnumType(OnboardingStatus, { name: 'OnboardingStatus' });
registerEnumType(GuideStatus, { name: 'GuideStatus' });

@ObjectType('CommunityRole')
export class CommunityRoleType implements RoleView {
  @Field(() => ID) id!: string;
  regionId!: string;
  organizationId!: string;
  @Field(() => RoleCategory) category!: RoleCategory;
  @Field() title!: string;
  @Field() description!: string;
  @Field(() => Int, { description: 'Typical hours a month.' }) hoursPerMonth!: number;
  @Field({ description: 'Must be done in the region.' }) onsite!: boolean;
  @Field(() => Int) seats!: number;
  @Field(() => Int) acceptedCount!: number;
  @Field(() => CommunityRoleStatus) status!: CommunityRoleStatus;
  @Field(() => DateScalar, { nullable: true }) startsOn!: string | null;
  @Field() createdAt!: Date;
}

@ObjectType('RoleApplication')
export class RoleApplicationType implements Omit<ApplicationView, 'fullName' | 'email' | 'phone' | 'displayName' | 'accountId'> {
  @Field(() => ID) id!: string;
  roleId!: string;
  organizationId!: string;
  regionId!: string;
  @Field() motivation!: string;
  @Field(() => RoleApplicationStatus) status!: RoleApplicationStatus;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

@ObjectType('Supporter')
export class SupporterType implements SupporterView {
  @Field(() => ID) id!: string;
  regionId!: string;
  @Field(() => ID) accountId!: string;
  @Field() displayName!: string;
  @Field(() => [String], { description: 'What they can help with, e.g. 子育て, 漁業, 移住経験.' }) topics!: string[];
  @Field() bio!: string;
  @Field(() => Int) maxNewcomers!: number;
  @Field(() => Int) activeNewcomers!: number;
  @Field({ description: 'Approved by staff.' }) approved!: boolean;
  @Field() active!: boolean;
}

@ObjectType('Mentorship')
export class MentorshipType implements Pick<MentorshipView, 'id' | 'topics' | 'message' | 'status' | 'createdAt' | 'updatedAt'> {
  @Field(() => ID) id!: string;
  @Field(() => [String]) topics!: string[];
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field(() => MentorshipStatus) status!: MentorshipStatus;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

@ObjectType('OnboardingStepTemplate')
export class OnboardingStepTemplateType {
  @Field() key!: string;
  @Field() title!: string;
  @Field() description!: string;
  guideId!: string | null;
}

@ObjectType('OnboardingTemplate')
export class OnboardingTemplateType implements TemplateView {
  regionId!: string;
  @Field(() => [OnboardingStepTemplateType]) steps!: OnboardingStepTemplateType[];
  @Field() updatedAt!: Date;
}

@ObjectType('OnboardingStep')
export class OnboardingStepType implements StepView {
  @Field() key!: string;
  @Field() title!: string;
  @Field() description!: string;
  guideId!: string | null;
  @Field() done!: boolean;
  @Field(() => Date, { nullable: true }) doneAt!: Date | null;
}

@ObjectType('OnboardingPlan')
export class OnboardingPlanType implements Pick<PlanView, 'id' | 'steps' | 'progress' | 'status' | 'startedAt' | 'completedAt'> {
  @Field(() => ID) id!: string;
  @Field(() => [OnboardingStepType]) steps!: OnboardingStepType[];
  @Field(() => Float, { description: 'Done steps / all steps, 0 to 1.' }) progress!: number;
  @Field(() => OnboardingStatus) status!: OnboardingStatus;
  @Field() startedAt!: Date;
  @Field(() => Date, { nullable: true }) completedAt!: Date | null;
}

@ObjectType('Guide')
export class GuideType implements GuideView {
  @Field(() => ID) id!: string;
  regionId!: string;
  @Field({ description: 'e.g. ごみの出し方, 自治会, 防災, 交通, 医療, 子育て' }) category!: string;
  @Field() title!: string;
  @Field({ description: 'Markdown.' }) body!: string;
  @Field(() => GuideStatus) status!: GuideStatus;
  @Field() updatedAt!: Date;
}

export const CommunityRoleConnection = Connection(CommunityRoleType, 'CommunityRole');
export const RoleApplicationConnection = Connection(RoleApplicationType, 'RoleApplication');
export const MentorshipConnection = Connection(MentorshipType, 'Mentorship');
export const OnboardingPlanConnection = Connection(OnboardingPlanType, 'OnboardingPlan');
export const GuideConnection = Connection(GuideType, 'Guide');
