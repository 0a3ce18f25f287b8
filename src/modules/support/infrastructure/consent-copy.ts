import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { ANY_ORGANIZATION } from '../domain/journey-events.js';

/**
 * Support's copy of people's CONSORTIUM_SHARING answers (privacy.consent.changed), written in
 * the relay's transaction. Per (person, organization) the answer of the highest `version` is
 * kept (privacy numbers the changes of each answer), whatever order the answers arrive in;
 * the answer for every organization is kept under 0…0.
 */
@Injectable()
export class ConsentCopy {
  constructor(private readonly uow: UnitOfWork) {}

  async keep(answer: { accountId: string; organizationId: string | null; granted: boolean; at: string; version: number }): Promise<void> {
    await this.uow.manager.query(
      `INSERT INTO support.consent AS c (account_id, organization_id, granted, at, version) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (account_id, organization_id) DO UPDATE SET granted = EXCLUDED.granted, at = EXCLUDED.at, version = EXCLUDED.version
        WHERE c.version < EXCLUDED.version`,
      [answer.accountId, answer.organizationId ?? ANY_ORGANIZATION, answer.granted, answer.at, answer.version],
    );
  }

  /** Empties the copy before the log is sent again (an operator's rebuild). */
  async reset(): Promise<void> {
    await this.uow.manager.query(`TRUNCATE support.consent`);
  }
}
