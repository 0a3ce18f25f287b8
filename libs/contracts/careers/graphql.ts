import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { OpportunityView } from './queries.js';
import { WorkStyle } from './work-style.js';

export { WorkStyle };

// Registered once here; GraphQL types that use WorkStyle import it from this file.
registerEnumType(WorkStyle, {
  name: 'WorkStyle',
  valuesMap: {
    PRO_BONO: { description: 'プロボノ: skilled volunteering' },
    SIDE_JOB: { description: '副業・兼業: side job alongside a main job' },
    JOB_CHANGE: { description: '転職: a change of employer' },
    STARTUP: { description: '起業・事業承継: starting or taking over a business' },
  },
});

/** "DRAFT -> IN_REVIEW -> PUBLISHED -> CLOSED; IN_REVIEW may go back to DRAFT." */
export enum OpportunityStatus {
  DRAFT = 'DRAFT',
  IN_REVIEW = 'IN_REVIEW',
  PUBLISHED = 'PUBLISHED',
  CLOSED = 'CLOSED',
}
registerEnumType(OpportunityStatus, {
  name: 'OpportunityStatus',
  description: 'DRAFT -> IN_REVIEW -> PUBLISHED -> CLOSED; IN_REVIEW may go back to DRAFT.',
});

/**
 * The GraphQL Opportunity, shared because other modules' types point at it
 * (Interest.opportunity); `employer` and `region` are resolved by the careers module.
 */
@ObjectType('Opportunity')
export class OpportunityType implements OpportunityView {
  @Field(() => ID) id!: string;
  employerId!: string;
  regionId!: string;
  @Field() title!: string;
  @Field() description!: string;
  @Field(() => WorkStyle) workStyle!: WorkStyle;
  @Field(() => [String]) skills!: string[];
  @Field() remoteOk!: boolean;
  @Field(() => Int, { description: 'Days a month the work needs the person on site; 0 for fully remote.' })
  onsiteDaysPerMonth!: number;
  @Field(() => String, { nullable: true }) compensation!: string | null;
  @Field(() => OpportunityStatus) status!: OpportunityView['status'];
  @Field(() => Date, { nullable: true }) publishedAt!: Date | null;
  @Field() createdAt!: Date;
}
