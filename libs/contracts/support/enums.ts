/** What a consultation is about (contract 70-support); each topic routes to the organizations that handle it. */
export enum ConsultationTopic {
  WORK = 'WORK',
  HOUSING = 'HOUSING',
  COMMUNITY = 'COMMUNITY',
  RELOCATION = 'RELOCATION',
}

export enum ConsultationChannel {
  ONLINE = 'ONLINE',
  PHONE = 'PHONE',
  IN_PERSON = 'IN_PERSON',
}

export enum ConsultationStatus {
  REQUESTED = 'REQUESTED',
  BOOKED = 'BOOKED',
  DONE = 'DONE',
  NO_SHOW = 'NO_SHOW',
  CANCELLED = 'CANCELLED',
}

/** How far a person has come toward the region, in order; the journey keeps the furthest ever reached. */
export enum JourneyStage {
  REGISTERED = 'REGISTERED',
  ATTENDED_EVENT = 'ATTENDED_EVENT',
  CONSULTED = 'CONSULTED',
  MATCHED = 'MATCHED',
  WORKING = 'WORKING',
  TRIAL_STAY = 'TRIAL_STAY',
  DUAL_REGION = 'DUAL_REGION',
  RELOCATED = 'RELOCATED',
}
