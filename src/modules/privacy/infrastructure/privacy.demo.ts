import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { FindAccountByEmailQuery, type AccountView } from '#libs/contracts/identity/queries.js';
import type { ConsentPurpose } from '#libs/contracts/privacy/enums.js';
import { demoCallerOf } from '#libs/demo/demo-callers.js';
import { DemoSeeder } from '#libs/demo/demo-seeder.js';
import { SetConsentCommand } from '../application/commands/set-consent/set-consent.command.js';

/**
 * Privacy demo: the demo candidates' own answers beside the MATCHING grant their profiles
 * gave them. 佐藤 真理子 (candidate@) lets every partner of 気仙沼 see her journey and takes the
 * newsletter; 田中 健一 takes the newsletter; 伊藤 直樹 withdrew MATCHING for every partner
 * but JOINS (his own answer for JOINS wins). The provision records of their matches, stays,
 * applications and consultations come from the other demos' own events.
 */
@Injectable()
export class PrivacyDemoSeeder extends DemoSeeder {
  readonly name = 'privacy.kesennuma';
  readonly order = 90;

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  private async account(email: string): Promise<AccountView | null> {
    return this.queries.execute(new FindAccountByEmailQuery(email));
  }

  private async answer(email: string, purpose: ConsentPurpose, granted: boolean, organizationEmail?: string): Promise<void> {
    const person = await this.account(email);
    if (!person) return;
    let organizationId: string | null = null;
    if (organizationEmail) {
      const staff = await this.account(organizationEmail);
      if (!staff) return;
      organizationId = staff.memberships[0].organizationId;
    }
    await this.commands.execute(new SetConsentCommand(demoCallerOf(person), purpose, organizationId, granted));
  }

  async seed(): Promise<void> {
    await this.answer('candidate@minato.example', 'CONSORTIUM_SHARING', true);
    await this.answer('candidate@minato.example', 'NEWSLETTER', true);
    await this.answer('kenichi@minato.example', 'NEWSLETTER', true);
    await this.answer('naoki@minato.example', 'MATCHING', false);
    await this.answer('naoki@minato.example', 'MATCHING', true, 'joins@kesennuma.minato.example');
  }
}
