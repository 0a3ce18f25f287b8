import type { Consultation, ConsultationData } from '../../domain/consultation.aggregate.js';

/** A consultation as a command leaves it: what the resolver shows (through the caller's view). */
export interface ConsultationRecord extends ConsultationData {
  id: string;
}

export const recordOf = (c: Consultation): ConsultationRecord => ({ id: c.id, ...c.data });
