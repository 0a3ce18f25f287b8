import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OrganizationType, RegionType } from '#libs/contracts/identity/graphql.js';
import { ConsultationChannel, ConsultationStatus, ConsultationTopic, JourneyStage } from '#libs/contracts/support/enums.js';
import { Connection } from '#libs/graphql/connection.js';
import { ContactCardType } from '#libs/graphql/shared-types.js';

registerEnumType(ConsultationTopic, { name: 'ConsultationTopic' });
registerEnumType(ConsultationChannel, { name: 'ConsultationChannel' });
registerEnumType(ConsultationStatus, { name: 'ConsultationStatus' });
registerEnumType(JourneyStage, { name: 'JourneyStage' });

export { ConsultationChannel, ConsultationStatus, ConsultationTopic, JourneyStage };

@ObjectType('ConsultationSlot')
export class ConsultationSlotType {
  @Field(() => ID) id!: string;
  regionId!: string;
  organizationId!: string;
  @Field(() => RegionType) region?: RegionType;
  @Field(() => OrganizationType) organization?: OrganizationType;
  @Field(() => [ConsultationTopic]) topics!: ConsultationTopic[];
  @Field(() => ConsultationChannel) channel!: ConsultationChannel;
  @Field() startsAt!: Date;
  @Field() endsAt!: Date;
  @Field() booked!: boolean;
}

@ObjectType('Consultation')
export class ConsultationType {
  @Field(() => ID) id!: string;
  regionId!: string;
  slotId!: string | null;
  @Field(() => RegionType) region?: RegionType;
  @Field(() => ContactCardType) person!: ContactCardType;
  @Field(() => [ConsultationTopic]) topics!: ConsultationTopic[];
  @Field(() => ConsultationChannel) channel!: ConsultationChannel;
  @Field() question!: string;
  @Field(() => ConsultationSlotType, { nullable: true }) slot?: ConsultationSlotType | null;
  @Field(() => ConsultationStatus) status!: ConsultationStatus;
  routedTo!: string[];
  @Field(() => [OrganizationType], { name: 'routedTo', description: 'The organizations its topics route to.' })
  routedOrganizations?: OrganizationType[];
  @Field(() => String, {
    nullable: true,
    description: "What was said and agreed: routed staff, ADMIN, and the person's own data export; null for the person here.",
  })
  outcome!: string | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

@ObjectType('JourneyEntry')
export class JourneyEntryType {
  @Field() at!: Date;
  @Field({ description: 'identity, careers, events, matching, housing, community, support' }) module!: string;
  @Field({ description: 'UPPER_SNAKE_CASE, e.g. EVENT_ATTENDED, STAY_CHECKED_IN' }) kind!: string;
  @Field({ description: 'One line in Japanese for people, e.g. 東京説明会に参加' }) summary!: string;
  @Field(() => ID, { nullable: true, description: 'The id of the thing it is about (event, match, stay…), if any.' }) subjectId!: string | null;
}

@ObjectType('NextStep')
export class NextStepType {
  @Field() module!: string;
  @Field() suggestion!: string;
}

export const ConsultationSlotConnection = Connection(ConsultationSlotType, 'ConsultationSlot');
export const JourneyEntryConnection = Connection(JourneyEntryType, 'JourneyEntry');
export const ConsultationConnection = Connection(ConsultationType, 'Consultation');

@ObjectType('Journey')
export class JourneyType {
  accountId!: string;
  regionId!: string;
  modules!: string[] | null;
  @Field(() => ContactCardType) person!: ContactCardType;
  @Field(() => RegionType) region?: RegionType;
  @Field(() => JourneyStage) stage!: JourneyStage;
  @Field(() => JourneyEntryConnection, { description: 'Newest first.' }) entries?: unknown;
  @Field(() => [NextStepType]) nextSteps!: NextStepType[];
  @Field() updatedAt!: Date;
}

export const JourneyConnection = Connection(JourneyType, 'Journey');
