import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { WorkStyle } from '#libs/contracts/careers/graphql.js';
import { AllocationPolicy, EventStatus, RegistrationStatus } from '#libs/contracts/events/enums.js';
import { EventKind } from '#libs/contracts/events/graphql.js';
import { Connection } from '#libs/graphql/connection.js';
import type {
  EventFeedbackView,
  EventView,
  LotteryDrawView,
  RegistrationView,
} from '../application/queries/events.queries.js';

registerEnumType(AllocationPolicy, {
  name: 'AllocationPolicy',
  valuesMap: {
    FIRST_COME: { description: 'Confirmed while seats are left, then queued in order of registration.' },
    LOTTERY: { description: 'Applications until the draw, which gives the seats and queues the rest in drawn order.' },
  },
});
registerEnumType(EventStatus, { name: 'EventStatus', description: 'DRAFT -> OPEN -> CLOSED -> COMPLETED; CANCELLED from DRAFT, OPEN or CLOSED.' });
registerEnumType(RegistrationStatus, { name: 'RegistrationStatus' });

/** Where an event takes place. */
@ObjectType('Venue')
export class VenueType {
  @Field() name!: string;
  @Field() address!: string;
  @Field() online!: boolean;
}

/** One part of an event's programme. */
@ObjectType('ProgramItem')
export class ProgramItemType {
  @Field(() => Date, { nullable: true }) startsAt!: Date | null;
  @Field() title!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
}

/** Someone on stage. */
@ObjectType('Speaker')
export class SpeakerType {
  @Field() name!: string;
  @Field() affiliation!: string;
  @Field(() => String, { nullable: true }) title!: string | null;
}

/** The GraphQL Event; region, organizer and myRegistration are resolved fields. */
@ObjectType('Event')
export class EventType implements EventView {
  @Field(() => ID) id!: string;
  organizationId!: string;
  regionId!: string;
  @Field(() => EventKind) kind!: EventKind;
  @Field() title!: string;
  @Field() description!: string;
  @Field() startsAt!: Date;
  @Field() endsAt!: Date;
  @Field(() => VenueType) venue!: VenueType;
  @Field(() => String, { nullable: true, description: 'Where a tour gathers, e.g. a station.' }) meetingPoint!: string | null;
  @Field(() => Int) capacity!: number;
  @Field(() => Int, { description: '0 when free.' }) feeYen!: number;
  @Field(() => AllocationPolicy) allocation!: AllocationPolicy;
  @Field(() => Date, { nullable: true, description: 'Registration closes then; when null, at startsAt.' })
  applicationDeadline!: Date | null;
  @Field(() => EventStatus) status!: EventStatus;
  @Field(() => [ProgramItemType]) program!: ProgramItemType[];
  @Field(() => [SpeakerType]) speakers!: SpeakerType[];
  @Field(() => Int, { description: 'Seats taken: CONFIRMED registrations, including those since checked in (ATTENDED) or NO_SHOW.' })
  confirmedCount!: number;
  @Field(() => Int, { description: 'Registrations in the queue (WAITLISTED).' }) waitlistedCount!: number;
  @Field(() => Int, { description: 'LOTTERY applications waiting for the draw (APPLIED).' }) appliedCount!: number;
  @Field(() => Int, { description: 'capacity - confirmedCount.' }) seatsLeft!: number;
}

/** The GraphQL Registration; event and attendeeEmail are resolved fields. */
@ObjectType('Registration')
export class RegistrationType implements RegistrationView {
  @Field(() => ID) id!: string;
  eventId!: string;
  accountId!: string;
  organizerOrganizationId!: string;
  regionId!: string;
  @Field(() => RegistrationStatus) status!: RegistrationStatus;
  @Field(() => Int, { nullable: true, description: '1 for the head of the queue; null unless WAITLISTED.' })
  waitlistPosition!: number | null;
  @Field() attendeeDisplayName!: string;
  /** Not a field: exposed as attendeeEmail under the personal-data rule. */
  email!: string | null;
  @Field() createdAt!: Date;
  seq!: string;
}

/** The GraphQL LotteryDraw: what anyone needs to re-run the draw (see LOTTERY.md). */
@ObjectType('LotteryDraw')
export class LotteryDrawType implements LotteryDrawView {
  eventId!: string;
  @Field({ description: 'The algorithm and its version, e.g. "minato-lottery-v1: sha256-ctr + fisher-yates".' }) algorithm!: string;
  @Field() seed!: string;
  @Field() drawnAt!: Date;
  @Field(() => Int) applicantCount!: number;
  @Field(() => Int) winnerCount!: number;
  @Field({ description: 'Hex SHA-256 of the drawn account ids joined by "\\n".' }) resultDigest!: string;
}

/** An attendee's feedback. */
@ObjectType('EventFeedback')
export class EventFeedbackType implements EventFeedbackView {
  @Field(() => ID) id!: string;
  registrationId!: string;
  @Field(() => Int) rating!: number;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => [WorkStyle]) interestedWorkStyles!: WorkStyle[];
  @Field() createdAt!: Date;
}

export const EventConnection = Connection(EventType, 'Event');
export const RegistrationConnection = Connection(RegistrationType, 'Registration');
