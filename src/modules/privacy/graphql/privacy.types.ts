import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OrganizationType } from '#libs/contracts/identity/graphql.js';
import { Connection } from '#libs/graphql/connection.js';
import { ContactCardType } from '#libs/graphql/shared-types.js';

/** GraphQL enums of the contract's const lists (the values are the same strings). */
export const ConsentPurposeEnum = { MATCHING: 'MATCHING', CONSORTIUM_SHARING: 'CONSORTIUM_SHARING', NEWSLETTER: 'NEWSLETTER' } as const;
export const ProvisionBasisEnum = { CONSENT: 'CONSENT', REQUEST: 'REQUEST' } as const;

registerEnumType(ConsentPurposeEnum, {
  name: 'ConsentPurpose',
  valuesMap: {
    MATCHING: { description: 'Show my profile (without contact details) to the partners of my desired regions, for scouts and recommendations.' },
    CONSORTIUM_SHARING: { description: 'Let every partner of a region see my whole journey there.' },
    NEWSLETTER: { description: 'News of events and opportunities by email.' },
  },
});
registerEnumType(ProvisionBasisEnum, { name: 'ProvisionBasis' });

@ObjectType('Consent')
export class ConsentType {
  @Field(() => ConsentPurposeEnum) purpose!: string;
  organizationId!: string | null;
  @Field(() => OrganizationType, { nullable: true, description: 'null: every partner organization' })
  organization?: OrganizationType | null;
  @Field() granted!: boolean;
  @Field() updatedAt!: Date;
}

@ObjectType('ProvisionRecord')
export class ProvisionRecordType {
  @Field(() => ID) id!: string;
  recipientOrganizationId!: string | null;
  recipientAccountId!: string | null;
  @Field(() => OrganizationType, { nullable: true, description: 'The receiving organization; null when the recipient is a person (a supporter).' })
  recipient?: OrganizationType | null;
  @Field(() => ContactCardType, { nullable: true, description: 'The receiving person, when it is one.' })
  recipientAccount?: ContactCardType | null;
  @Field() purpose!: string;
  @Field(() => [String], { description: 'fullName, email, phone' }) fields!: string[];
  @Field(() => ProvisionBasisEnum) basis!: string;
  @Field({ description: 'match, stay, viewing, application, mentorship or consultation' }) occasion!: string;
  @Field(() => ID, { nullable: true }) occasionId!: string | null;
  @Field() at!: Date;
}

@ObjectType('PersonalDataAccess')
export class PersonalDataAccessType {
  @Field(() => ID) id!: string;
  readerAccountId!: string;
  @Field(() => ContactCardType) reader?: ContactCardType;
  @Field(() => ID) subjectAccountId!: string;
  @Field(() => [String]) fields!: string[];
  @Field({ description: 'The GraphQL operation and field, e.g. candidate.email' }) via!: string;
  @Field() at!: Date;
}

@ObjectType('PersonalDataExport')
export class PersonalDataExportType {
  @Field() generatedAt!: Date;
  @Field({ description: 'One JSON object, a section per module.' }) json!: string;
}

export const ProvisionRecordConnection = Connection(ProvisionRecordType, 'ProvisionRecord');
export const PersonalDataAccessConnection = Connection(PersonalDataAccessType, 'PersonalDataAccess');
