import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AccountKind, Caller, Capability, MembershipRole } from '#libs/auth/caller.js';
import { DemoSeeder } from '#libs/demo/demo-seeder.js';
import { CreateOrganizationCommand } from '../application/commands/create-organization/create-organization.command.js';
import { CreateRegionCommand } from '../application/commands/create-region/create-region.command.js';
import { CreateStaffAccountCommand } from '../application/commands/create-staff-account/create-staff-account.command.js';
import { EnsureAdminCommand } from '../application/commands/ensure-admin/ensure-admin.command.js';
import { SignUpCommand } from '../application/commands/sign-up/sign-up.command.js';

/** The password of every demo account (README lists them). */
export const DEMO_PASSWORD = 'minato-demo-2025';

/**
 * The consortium of the press release (shared/seed): each partner's role in it implies
 * the capabilities it gets here.
 */
export const DEMO_ORGANIZATIONS: Array<{ name: string; email: string; staff: string; capabilities: Capability[] }> = [
  {
    // 地域活動の担い手のマッチング支援・受け入れ体制の整備; co-organizer of the briefing;
    // reports the programme's figures to the ministry.
    name: '気仙沼市',
    email: 'city@kesennuma.minato.example',
    staff: '気仙沼市 けせんぬま創生戦略室',
    capabilities: [Capability.MATCHING_COORDINATE, Capability.EVENTS_MANAGE, Capability.HOUSING_MANAGE, Capability.COMMUNITY_MANAGE, Capability.INSIGHTS_READ],
  },
  {
    // 地域企業の求人課題や人材要件の把握・掘り起こし、企業支援; co-organizer.
    name: '気仙沼ビジネスサポートセンター(気仙沼ビズ)',
    email: 'biz@kesennuma.minato.example',
    staff: '気仙沼ビズ 相談窓口',
    capabilities: [Capability.CAREERS_MANAGE, Capability.EVENTS_MANAGE, Capability.MATCHING_COORDINATE],
  },
  {
    // 「スマウト」を通じた地域企業の求人・地域活動の担い手情報のマッチング・PR; event promotion.
    name: '株式会社カヤック',
    email: 'kayac@kesennuma.minato.example',
    staff: 'カヤック スマウト事業部',
    capabilities: [Capability.CAREERS_MANAGE, Capability.MATCHING_COORDINATE, Capability.EVENTS_MANAGE, Capability.INSIGHTS_READ],
  },
  {
    // 地域企業・地域活動の担い手と二地域居住等希望者とのマッチング支援; co-organizer.
    name: 'JOINS株式会社',
    email: 'joins@kesennuma.minato.example',
    staff: 'JOINS マッチング担当',
    capabilities: [Capability.MATCHING_COORDINATE, Capability.CAREERS_MANAGE, Capability.EVENTS_MANAGE],
  },
  {
    // 地域活動の担い手のマッチング支援・受け入れ体制の整備 (住まい・地域コミュニティ).
    name: '結デザイン有限会社',
    email: 'yui@kesennuma.minato.example',
    staff: '結デザイン 受け入れ担当',
    capabilities: [Capability.MATCHING_COORDINATE, Capability.HOUSING_MANAGE, Capability.COMMUNITY_MANAGE],
  },
];

export const DEMO_ADMIN_EMAIL = 'admin@minato.example';
export const DEMO_CANDIDATE_EMAIL = 'candidate@minato.example';

/** Candidates in their 40s–60s; matching's demo gives them profiles. */
export const DEMO_CANDIDATES: Array<{ email: string; displayName: string }> = [
  { email: DEMO_CANDIDATE_EMAIL, displayName: '佐藤 真理子' },
  { email: 'kenichi@minato.example', displayName: '田中 健一' },
  { email: 'yumi@minato.example', displayName: '鈴木 由美' },
  { email: 'masato@minato.example', displayName: '高橋 正人' },
  { email: 'naoki@minato.example', displayName: '伊藤 直樹' },
  // Two Kesennuma residents who volunteer as supporters (community's demo).
  { email: 'kaori@minato.example', displayName: '小野寺 香織' },
  { email: 'shota@minato.example', displayName: '畠山 翔太' },
];

/** The demo and bulk loaders act as a platform admin. */
export const SYSTEM_ADMIN = new Caller('00000000-0000-0000-0000-000000000000', AccountKind.ADMIN, 'demo loader', '', []);

/** Kesennuma: the region, the five partners with a staff account each, an admin and a candidate. */
@Injectable()
export class IdentityDemoSeeder extends DemoSeeder {
  readonly name = 'identity.kesennuma';
  readonly order = 10;

  constructor(private readonly commands: CommandBus) {
    super();
  }

  async seed(): Promise<void> {
    const { regionId } = await this.commands.execute(new CreateRegionCommand(SYSTEM_ADMIN, 'kesennuma', '気仙沼市', '宮城県'));
    // One by one: organizations are listed in the order they were created.
    const organizationIds: string[] = [];
    for (const org of DEMO_ORGANIZATIONS) {
      const { organizationId } = await this.commands.execute(
        new CreateOrganizationCommand(SYSTEM_ADMIN, regionId, org.name, org.capabilities),
      );
      organizationIds.push(organizationId);
    }
    // The accounts at once: each costs an argon2 hash, and the hashes run side by side on
    // libuv's threads instead of one after another.
    await Promise.all([
      this.commands.execute(new EnsureAdminCommand(DEMO_ADMIN_EMAIL, DEMO_PASSWORD, 'Minato 運営')),
      ...DEMO_ORGANIZATIONS.map((org, i) =>
        this.commands.execute(
          new CreateStaffAccountCommand(SYSTEM_ADMIN, organizationIds[i], org.email, DEMO_PASSWORD, org.staff, MembershipRole.OWNER),
        ),
      ),
      ...DEMO_CANDIDATES.map((candidate) => this.commands.execute(new SignUpCommand(candidate.email, DEMO_PASSWORD, candidate.displayName))),
    ]);
  }
}
