import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { MessageAdded } from '#libs/contracts/matching/events.js';
import { NotFoundError } from '#libs/ddd/errors.js';
import type { LiveChannel, LiveEvent } from '#libs/messaging/live-feed.js';
import { MatchingReadModel, type MessageWithAccess } from '../../infrastructure/matching.read-model.js';
import { MatchingPolicy } from '../matching.policy.js';
import { GetMatchQuery } from '../queries/matching.queries.js';

/**
 * messageAdded(matchId): each new message of a match, for the people who may read the
 * match (as the `match` query allows). Keyed by match.
 */
@Injectable()
export class MatchMessagesChannel implements LiveChannel<string, MessageWithAccess> {
  readonly name = 'matching.match-messages';
  readonly eventTypes = [MessageAdded.type];

  constructor(
    private readonly queries: QueryBus,
    private readonly read: MatchingReadModel,
  ) {}

  /** Who may subscribe, and to what: as the `match` query answers (UNAUTHENTICATED, NOT_FOUND). */
  async keyFor(caller: Caller | null, matchId: string): Promise<string> {
    const match = await this.queries.execute(new GetMatchQuery(caller, matchId));
    return match.id;
  }

  /** Before each push, with the caller as they are now: still one who may read the match. */
  allow(caller: Caller, message: MessageWithAccess): void {
    if (!MatchingPolicy.seesMatch(caller, message.match)) throw new NotFoundError('Match', message.matchId);
  }

  async route(event: LiveEvent, matchIds: ReadonlySet<string>): Promise<Array<[string, MessageWithAccess]>> {
    if (!MessageAdded.is(event) || !matchIds.has(event.payload.matchId)) return [];
    const message = await this.read.messageWithAccess(event.payload.messageId);
    return message ? [[message.matchId, message]] : [];
  }
}
