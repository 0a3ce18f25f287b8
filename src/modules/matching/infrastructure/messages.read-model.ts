import { Injectable } from '@nestjs/common';
import { isId } from '#libs/ddd/ids.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import type { MessageView } from '../application/queries/matching.queries.js';

/** Who may read a match's messages depends on these (MatchingPolicy.seesMatch). */
export interface MatchAccess {
  accountId: string;
  regionId: string;
  coordinatorAccountId: string | null;
}

/** A message with its match's access facts as they are now. */
export type MessageWithAccess = MessageView & { match: MatchAccess };

interface MessageWithAccessRow {
  id: string;
  match_id: string;
  author_display_name: string;
  body: string;
  sent_at: Date;
  account_id: string;
  region_id: string;
  coordinator_account_id: string | null;
}

/** Matching's messages, read side: plain SQL; never changes state. */
@Injectable()
export class MessagesReadModel {
  constructor(private readonly uow: UnitOfWork) {}

  async messageWithAccess(id: string): Promise<MessageWithAccess | null> {
    if (!isId(id)) return null;
    const rows: MessageWithAccessRow[] = await this.uow.manager.query(
      `SELECT m.id, m.match_id, m.author_display_name, m.body, m.sent_at, p.account_id, x.region_id, x.coordinator_account_id
         FROM matching.message m
         JOIN matching.match x ON x.id = m.match_id
         JOIN matching.candidate_profile p ON p.id = x.candidate_id
        WHERE m.id = $1`,
      [id],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id: r.id, matchId: r.match_id, authorDisplayName: r.author_display_name, body: r.body, sentAt: r.sent_at,
      match: { accountId: r.account_id, regionId: r.region_id, coordinatorAccountId: r.coordinator_account_id },
    };
  }
}
