import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AccountKind, Caller, MembershipRole } from '#libs/auth/caller.js';
import { WorkStyle } from '#libs/contracts/careers/work-style.js';
import { FindRegionByCodeQuery, ListOrganizationsQuery } from '#libs/contracts/identity/queries.js';
import { DemoSeeder } from '#libs/demo/demo-seeder.js';
import {
  CloseOpportunityCommand,
  PublishOpportunityCommand,
  SubmitOpportunityForReviewCommand,
} from '../application/commands/change-opportunity-status/change-opportunity-status.command.js';
import { DraftOpportunityCommand } from '../application/commands/draft-opportunity/draft-opportunity.command.js';
import { RegisterEmployerCommand } from '../application/commands/register-employer/register-employer.command.js';
import type { OpportunityTerms } from '../domain/opportunity.aggregate.js';

type DemoOpportunity = OpportunityTerms & { status: 'DRAFT' | 'IN_REVIEW' | 'PUBLISHED' | 'CLOSED' };

/** Fictional Kesennuma employers fitting the town, managed by 気仙沼ビズ or JOINS. */
const EMPLOYERS: Array<{ manager: string; name: string; industry: string; description: string; opportunities: DemoOpportunity[] }> = [
  {
    manager: '気仙沼ビジネスサポートセンター(気仙沼ビズ)',
    name: '株式会社 港町水産',
    industry: '水産加工',
    description: 'カツオとサンマの加工を三代続ける水産加工会社。震災後に工場を再建し、海外への販路拡大に取り組んでいます。',
    opportunities: [
      {
        title: '海外向けECのマーケティング責任者(副業)',
        description: '冷凍カツオたたきの海外EC販売を立ち上げます。デジタルマーケティングの戦略づくりと広告運用を、月2回の現地打ち合わせとオンラインで担っていただきます。',
        workStyle: WorkStyle.SIDE_JOB, skills: ['マーケティング', 'EC', '英語'], remoteOk: true, onsiteDaysPerMonth: 2,
        compensation: '月10万円〜(業務委託)', status: 'PUBLISHED',
      },
      {
        title: '工場長候補(転職・移住)',
        description: '生産管理・品質管理の経験を活かし、加工工場の現場を率いていただく工場長候補。HACCP対応や改善活動の経験を歓迎します。住まい探しは市と連携して支援します。',
        workStyle: WorkStyle.JOB_CHANGE, skills: ['生産管理', '品質管理', 'HACCP'], remoteOk: false, onsiteDaysPerMonth: 22,
        compensation: '年収500万〜650万円', status: 'PUBLISHED',
      },
    ],
  },
  {
    manager: '気仙沼ビジネスサポートセンター(気仙沼ビズ)',
    name: 'みなと造船株式会社',
    industry: '造船・船舶修理',
    description: '漁船の建造と修理を手がける造船所。若手職人の育成とDXによる工程管理の見直しを進めています。',
    opportunities: [
      {
        title: '工程管理のDX支援(プロボノ)',
        description: '紙とホワイトボードで行っている修繕工程の管理を、クラウドツールで見える化したい。ITコンサルや業務改善の経験をオンライン中心で貸してください。',
        workStyle: WorkStyle.PRO_BONO, skills: ['DX', '業務改善', 'ITコンサルティング'], remoteOk: true, onsiteDaysPerMonth: 1,
        compensation: null, status: 'PUBLISHED',
      },
      {
        title: '経理・財務の仕組みづくり(副業)',
        description: '月次決算の早期化と資金繰り表の整備を一緒に進めてくださる経理経験者を募集。月1回の来訪以外はリモートで対応できます。',
        workStyle: WorkStyle.SIDE_JOB, skills: ['経理', '財務', '管理会計'], remoteOk: true, onsiteDaysPerMonth: 1,
        compensation: '時給3,000円', status: 'IN_REVIEW',
      },
    ],
  },
  {
    manager: '気仙沼ビジネスサポートセンター(気仙沼ビズ)',
    name: '浜の蔵酒造',
    industry: '酒造',
    description: '港町の魚に合う辛口の酒を醸す小さな酒蔵。海外の日本酒ファンに向けた発信と、酒蔵ツーリズムに挑戦しています。',
    opportunities: [
      {
        title: '酒蔵ブランドの海外PR(副業)',
        description: '英語での情報発信、海外の展示会出展の準備、インバウンド向け酒蔵見学の企画をお願いします。広報・PRやブランディングの経験を活かせます。',
        workStyle: WorkStyle.SIDE_JOB, skills: ['広報', 'ブランディング', '英語'], remoteOk: true, onsiteDaysPerMonth: 3,
        compensation: '月8万円〜', status: 'PUBLISHED',
      },
      {
        title: '事業承継を見据えた経営パートナー(起業・事業承継)',
        description: '後継者不在の酒蔵を、経営の経験を持つ方と一緒に次の世代につなぎたい。数年かけて経営に参画し、将来の承継を視野に入れていただきます。',
        workStyle: WorkStyle.STARTUP, skills: ['経営', '事業承継', '財務'], remoteOk: false, onsiteDaysPerMonth: 15,
        compensation: '応相談', status: 'PUBLISHED',
      },
    ],
  },
  {
    manager: 'JOINS株式会社',
    name: '気仙沼ベイツーリズム株式会社',
    industry: '観光',
    description: '唐桑半島や大島をめぐる体験型ツアーを企画する観光会社。教育旅行と企業研修の受け入れを広げています。',
    opportunities: [
      {
        title: '企業研修プログラムの営業・企画(副業)',
        description: '首都圏企業向けの研修旅行を企画・提案する法人営業の経験者を募集。提案はオンライン、視察対応で月4日ほど来訪いただきます。',
        workStyle: WorkStyle.SIDE_JOB, skills: ['法人営業', '企画', '研修'], remoteOk: true, onsiteDaysPerMonth: 4,
        compensation: '成果報酬+月5万円', status: 'PUBLISHED',
      },
      {
        title: '夏季ツアーのガイド補助(終了)',
        description: '2025年夏の大島ツアーのガイド補助。募集は終了しました。',
        workStyle: WorkStyle.PRO_BONO, skills: ['接客', '英語'], remoteOk: false, onsiteDaysPerMonth: 6,
        compensation: null, status: 'CLOSED',
      },
    ],
  },
  {
    manager: '気仙沼ビジネスサポートセンター(気仙沼ビズ)',
    name: '気仙沼ビズ 創業・事業承継支援プログラム',
    industry: '創業支援',
    description: '気仙沼ビズが伴走する、市内での創業・第二創業・事業承継の支援プログラム。空き店舗の紹介や地元金融機関との連携も行います。',
    opportunities: [
      {
        title: '気仙沼で起業する人の伴走プログラム(起業)',
        description: '飲食、宿泊、IT、ものづくりなど、気仙沼で事業を始めたい方を半年間伴走支援します。事業計画づくりから資金調達、物件探しまで相談できます。',
        workStyle: WorkStyle.STARTUP, skills: ['事業計画', '起業'], remoteOk: true, onsiteDaysPerMonth: 2,
        compensation: null, status: 'PUBLISHED',
      },
      {
        title: 'ＩＴ導入支援アドバイザー(プロボノ)',
        description: '市内の中小企業のIT導入・DXの相談に、月数回オンラインで応じていただくプロボノアドバイザー。SaaS選定やセキュリティの知見を歓迎します。',
        workStyle: WorkStyle.PRO_BONO, skills: ['IT', 'DX', 'セキュリティ'], remoteOk: true, onsiteDaysPerMonth: 0,
        compensation: null, status: 'PUBLISHED',
      },
      {
        title: '商店街の空き店舗活用プラン(下書き)',
        description: '空き店舗を活用したチャレンジショップの運営者募集。内容を準備中です。',
        workStyle: WorkStyle.STARTUP, skills: ['店舗運営'], remoteOk: false, onsiteDaysPerMonth: 20,
        compensation: null, status: 'DRAFT',
      },
    ],
  },
];

/** Careers demo: five fictional employers and their opportunities in all four work styles. */
@Injectable()
export class CareersDemoSeeder extends DemoSeeder {
  readonly name = 'careers.kesennuma';
  readonly order = 20;

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  async seed(): Promise<void> {
    const region = await this.queries.execute(new FindRegionByCodeQuery('kesennuma'));
    if (!region) return;
    const orgs = await this.queries.execute(new ListOrganizationsQuery(region.id));
    for (const employer of EMPLOYERS) {
      const org = orgs.find((o) => o.name === employer.manager);
      if (!org) continue;
      // Acts as that organization's staff, through the same commands and rules as they would.
      const staff = new Caller('00000000-0000-0000-0000-000000000000', AccountKind.STAFF, 'demo loader', '', [
        { organizationId: org.id, regionId: org.regionId, role: MembershipRole.OWNER, capabilities: org.capabilities },
      ]);
      const { employerId } = await this.commands.execute(
        new RegisterEmployerCommand(staff, org.id, employer.name, employer.industry, employer.description),
      );
      for (const { status, ...terms } of employer.opportunities) {
        const { opportunityId } = await this.commands.execute(new DraftOpportunityCommand(staff, employerId, terms));
        if (status === 'DRAFT') continue;
        await this.commands.execute(new SubmitOpportunityForReviewCommand(staff, opportunityId));
        if (status === 'IN_REVIEW') continue;
        await this.commands.execute(new PublishOpportunityCommand(staff, opportunityId));
        if (status === 'CLOSED') await this.commands.execute(new CloseOpportunityCommand(staff, opportunityId));
      }
    }
  }
}
