import { defineEvent } from '../../ddd/domain-event.js';
import type { CarriesProvisions } from '../privacy/events.js';
import type { ConsultationChannel, ConsultationTopic } from './enums.js';

/**
 * The support module's integration events (contract 70-support). Each carries region,
 * topics, account and the organizations the consultation is routed to, so that insights and
 * the journey never read the support schema. No personal data: the person's fullName and
 * phone, the question and the staff's outcome notes stay in support's own tables. v1.
 */
export interface ConsultationFacts {
  consultationId: string;
  regionId: string;
  /** The person. */
  accountId: string;
  topics: ConsultationTopic[];
  channel: ConsultationChannel;
  /** Fixed when requested: the region's organizations that handle its topics. */
  routedOrganizationIds: string[];
}

/** The slot a consultation holds, as the booking events carry it. */
export interface SlotFacts {
  slotId: string;
  /** The organization offering the slot (one of routedOrganizationIds). */
  slotOrganizationId: string;
  /** ISO 8601. */
  slotStartsAt: string;
  slotEndsAt: string;
}

/**
 * `support.consultation.requested` v1 (status REQUESTED; a ConsultationBooked follows when a
 * slot was given). `provided`: one fact per routed organization (basis REQUEST): its staff
 * see the person's fullName, email and phone from then on (contract 70-support).
 */
export const ConsultationRequested = defineEvent<ConsultationFacts & CarriesProvisions>('support.consultation.requested', 'Consultation');
/** `support.consultation.booked` v1: REQUESTED -> BOOKED; the slot is held. */
export const ConsultationBooked = defineEvent<ConsultationFacts & SlotFacts & { bookedBy: 'PERSON' | 'STAFF' }>(
  'support.consultation.booked',
  'Consultation',
);
/** `support.consultation.completed` v1: REQUESTED or BOOKED -> DONE or NO_SHOW, recorded by routed staff (the notes stay in support). */
export const ConsultationCompleted = defineEvent<ConsultationFacts & { status: 'DONE' | 'NO_SHOW'; slotId: string | null }>(
  'support.consultation.completed',
  'Consultation',
);
/** `support.consultation.cancelled` v1: REQUESTED or BOOKED -> CANCELLED, by the person or routed staff; the slot is free again. */
export const ConsultationCancelled = defineEvent<
  ConsultationFacts & { previousStatus: 'REQUESTED' | 'BOOKED'; cancelledBy: 'PERSON' | 'STAFF'; slotId: string | null }
>('support.consultation.cancelled', 'Consultation');
