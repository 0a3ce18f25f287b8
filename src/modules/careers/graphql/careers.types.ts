import { Field, ID, ObjectType } from '@nestjs/graphql';
import { OpportunityType } from '#libs/contracts/careers/graphql.js';
import { Connection } from '#libs/graphql/connection.js';
import type { EmployerView } from '../application/queries/careers.queries.js';

@ObjectType('Employer')
export class EmployerType implements EmployerView {
  @Field(() => ID) id!: string;
  organizationId!: string;
  regionId!: string;
  @Field() name!: string;
  @Field() industry!: string;
  @Field() description!: string;
  createdAt!: Date;
}

export const OpportunityConnection = Connection(OpportunityType, 'Opportunity');
export const EmployerConnection = Connection(EmployerType, 'Employer');
