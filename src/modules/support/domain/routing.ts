import { Capability } from '#libs/contracts/identity/enums.js';
import { ConsultationTopic } from '#libs/contracts/support/enums.js';

/** Which capabilities handle a topic (contract 70-support's routing rule). */
export const TOPIC_CAPABILITIES: Readonly<Record<ConsultationTopic, readonly Capability[]>> = {
  [ConsultationTopic.WORK]: [Capability.CAREERS_MANAGE, Capability.MATCHING_COORDINATE],
  [ConsultationTopic.HOUSING]: [Capability.HOUSING_MANAGE],
  [ConsultationTopic.COMMUNITY]: [Capability.COMMUNITY_MANAGE],
  [ConsultationTopic.RELOCATION]: [Capability.HOUSING_MANAGE, Capability.COMMUNITY_MANAGE],
};

/** Whether an organization with these capabilities handles the topic. */
export function handles(capabilities: readonly string[], topic: ConsultationTopic): boolean {
  return TOPIC_CAPABILITIES[topic].some((c) => capabilities.includes(c));
}

/**
 * The region's organizations a consultation on `topics` goes to: each that handles at least
 * one of them, in the order given (sorted by id for a stable answer).
 */
export function route(
  topics: readonly ConsultationTopic[],
  organizations: ReadonlyArray<{ id: string; regionId: string; capabilities: readonly string[] }>,
  regionId: string,
): string[] {
  return organizations
    .filter((o) => o.regionId === regionId && topics.some((t) => handles(o.capabilities, t)))
    .map((o) => o.id)
    .sort();
}
