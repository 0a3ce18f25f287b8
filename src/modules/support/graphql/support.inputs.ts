import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsInt, IsNotEmpty, IsOptional, MaxLength } from 'class-validator';
import { NotBlank } from '#libs/graphql/validators.js';
import { ConsultationChannel, ConsultationStatus, ConsultationTopic } from './support.types.js';

@InputType()
export class OfferConsultationSlotsInput {
  @Field(() => ID) @IsNotEmpty() organizationId!: string;
  @Field(() => [ConsultationTopic]) @ArrayMinSize(1) @IsEnum(ConsultationTopic, { each: true }) topics!: ConsultationTopic[];
  @Field(() => ConsultationChannel) @IsEnum(ConsultationChannel) channel!: ConsultationChannel;
  @Field(() => [Date], { description: "Each slot's start; all the same length." }) @ArrayMinSize(1) @ArrayMaxSize(100) startsAt!: Date[];
  @Field(() => Int, { description: '15 to 180' }) @IsInt() minutes!: number;
}

@InputType()
export class RequestConsultationInput {
  @Field(() => ID) @IsNotEmpty() regionId!: string;
  @Field(() => [ConsultationTopic]) @ArrayMinSize(1) @ArrayMaxSize(4) @IsEnum(ConsultationTopic, { each: true }) topics!: ConsultationTopic[];
  @Field(() => ConsultationChannel) @IsEnum(ConsultationChannel) channel!: ConsultationChannel;
  @Field() @NotBlank() @MaxLength(4000) question!: string;
  @Field(() => ID, { nullable: true, description: "Books this slot at once; its topics must cover at least one of the consultation's." })
  @IsOptional()
  slotId?: string | null;
  @Field() @NotBlank() @MaxLength(100) fullName!: string;
  @Field() @NotBlank() @MaxLength(30) phone!: string;
}

@InputType()
export class BookConsultationSlotInput {
  @Field(() => ID) @IsNotEmpty() consultationId!: string;
  @Field(() => ID) @IsNotEmpty() slotId!: string;
}

@InputType()
export class ConsultationIdInput {
  @Field(() => ID) @IsNotEmpty() consultationId!: string;
}

@InputType()
export class RecordConsultationOutcomeInput {
  @Field(() => ID) @IsNotEmpty() consultationId!: string;
  @Field(() => ConsultationStatus, { description: 'DONE or NO_SHOW' }) @IsEnum(ConsultationStatus) status!: ConsultationStatus;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(5000) outcome?: string | null;
}

@InputType()
export class ConsultationSlotFilter {
  @Field(() => ID) @IsNotEmpty() regionId!: string;
  @Field(() => [ConsultationTopic], { nullable: true }) @IsOptional() @IsEnum(ConsultationTopic, { each: true }) topics?: ConsultationTopic[] | null;
  @Field(() => ConsultationChannel, { nullable: true }) @IsOptional() @IsEnum(ConsultationChannel) channel?: ConsultationChannel | null;
  @Field(() => Date, { nullable: true }) @IsOptional() from?: Date | null;
  @Field(() => Date, { nullable: true }) @IsOptional() to?: Date | null;
}
