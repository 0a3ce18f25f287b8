import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AccountKind, Caller, MembershipRole } from '#libs/auth/caller.js';
import { RoleCategory } from '#libs/contracts/community/enums.js';
import { FindAccountByEmailQuery, FindRegionByCodeQuery, ListOrganizationsQuery } from '#libs/contracts/identity/queries.js';
import { DemoSeeder } from '#libs/demo/demo-seeder.js';
import { ApplyForRoleCommand } from '../application/commands/apply-for-role.js';
import { ApproveSupporterCommand } from '../application/commands/approve-supporter.js';
import { AssignSupporterCommand } from '../application/commands/assign-supporter.js';
import { CompleteOnboardingStepCommand } from '../application/commands/complete-onboarding-step.js';
import { CreateCommunityRoleCommand } from '../application/commands/create-community-role.js';
import { OpenCommunityRoleCommand } from '../application/commands/open-community-role.js';
import { PublishGuideCommand } from '../application/commands/publish-guide.js';
import { RequestMentorshipCommand } from '../application/commands/request-mentorship.js';
import { SetOnboardingTemplateCommand } from '../application/commands/set-onboarding-template.js';
import { StartOnboardingCommand } from '../application/commands/start-onboarding.js';
import { VolunteerAsSupporterCommand } from '../application/commands/volunteer-as-supporter.js';
import { WriteGuideCommand } from '../application/commands/write-guide.js';
import type { RoleTerms } from '../domain/community-role.aggregate.js';

const CITY = '気仙沼市';
const YUI = '結デザイン有限会社';

/** Kesennuma's activity roles (地域活動の担い手), run by the city or 結デザイン. */
const ROLES: Array<{ manager: string; terms: RoleTerms }> = [
  {
    manager: CITY,
    terms: {
      category: RoleCategory.FESTIVAL, title: 'みなとまつり運営ボランティア', hoursPerMonth: 8, onsite: true, seats: 20, startsOn: '2026-07-01',
      description: '8月の「気仙沼みなとまつり」の運営を手伝ってくださる方を募集します。はまらいんや踊りの誘導、会場設営、海上うんづら(灯籠流し)の受付など。準備の打ち合わせは7月からオンラインと現地で。',
    },
  },
  {
    manager: CITY,
    terms: {
      category: RoleCategory.DISASTER_PREPAREDNESS, title: '地域防災訓練サポーター', hoursPerMonth: 4, onsite: true, seats: 10, startsOn: null,
      description: '自治会ごとの津波避難訓練・防災訓練の運営補助。避難経路の確認、要配慮者の避難支援の練習、訓練後のふりかえりの記録をお願いします。防災士の資格は不要です。',
    },
  },
  {
    manager: YUI,
    terms: {
      category: RoleCategory.TOURISM, title: '唐桑半島の観光ガイド', hoursPerMonth: 12, onsite: true, seats: 5, startsOn: '2026-04-01',
      description: '巨釜・半造や唐桑の漁村をめぐる体験ツアーのガイド。地元ガイドの研修を受けたあと、週末を中心に月2〜3回ご案内いただきます。英語でのご案内ができる方も歓迎。',
    },
  },
  {
    manager: YUI,
    terms: {
      category: RoleCategory.FISHERIES, title: '漁業体験の受け入れ手伝い', hoursPerMonth: 6, onsite: true, seats: 4, startsOn: null,
      description: '教育旅行や企業研修で来る人たちの漁業体験(カキ・ホタテの養殖作業、定置網の見学)を、漁師さんと一緒に受け入れるお手伝い。船酔いしにくい方だと助かります。',
    },
  },
];

/** The region's guides (地域のルールブック), one for each step of the checklist. */
const GUIDES: Array<{ key: string; category: string; title: string; body: string; step: string; stepDescription: string }> = [
  {
    key: 'moving-in', category: '手続き', step: '転入届と住民票', title: '転入届と住民票の手続き',
    stepDescription: '引っ越してから14日以内に市役所で転入届を出し、住民票を移します。',
    body: '# 転入届と住民票\n\n- 引っ越した日から **14日以内** に、気仙沼市役所 市民課(または各総合支所)で転入届を出します。\n- 持ち物: 前の住所の転出証明書(マイナンバーカードがあれば転出届はオンラインでも可)、本人確認書類、マイナンバーカード。\n- 国民健康保険・国民年金・児童手当などの手続きも同じ窓口でまとめて相談できます。\n\n二地域居住で住民票を移さない場合も、地域の行事や防災の連絡のために自治会へ連絡先を伝えておきましょう。',
  },
  {
    key: 'garbage', category: 'ごみの出し方', step: 'ごみの分別と収集日', title: 'ごみの分別と収集日',
    stepDescription: '地区ごとの収集日と分別のしかたを確かめ、集積所の場所を覚えます。',
    body: '# ごみの出し方\n\n気仙沼市では地区ごとに収集日が決まっています。市の「ごみ分別アプリ」か、転入時にもらう収集カレンダーで確認しましょう。\n\n- **燃やすごみ**: 週2回、指定袋で朝8時までに集積所へ。\n- **資源物**(びん・缶・ペットボトル・紙): 月2回。洗って種類ごとに。\n- **漁具や発泡スチロール**: 家庭ごみでは出せません。漁協や処理業者に相談します。\n\n集積所は自治会が管理しています。当番の回ってくる地区もあるので、ご近所に聞いておくと安心です。',
  },
  {
    key: 'neighborhood', category: '自治会', step: '自治会への挨拶', title: '自治会(町内会)への加入と挨拶',
    stepDescription: '住む地区の自治会長さんに挨拶し、会費や回覧板、行事のことを聞きます。',
    body: '# 自治会への挨拶\n\n気仙沼の暮らしは自治会(町内会)と結びついています。回覧板、集積所の管理、防災訓練、お祭りの準備はどれも自治会が中心です。\n\n1. 市役所や大家さんに、住む地区の自治会長さんを教えてもらいます。\n2. 手土産を持って挨拶に行き、会費(年数千円程度)と回覧板の回し方を聞きます。\n3. 春の一斉清掃や秋の行事には、できる範囲で顔を出しましょう。',
  },
  {
    key: 'disaster', category: '防災', step: '防災マップと避難場所', title: '防災マップと避難場所',
    stepDescription: '津波ハザードマップで自宅と職場の避難場所・避難経路を確かめます。',
    body: '# 防災マップと避難場所\n\n気仙沼は東日本大震災で大きな津波の被害を受けた町です。**揺れたら高いところへ**、が合言葉です。\n\n- 市の津波ハザードマップで、自宅・職場・よく行く場所からの避難場所と経路を確認します。\n- 防災行政無線と「気仙沼市防災情報メール」に登録しましょう。\n- 地区の避難訓練(年1〜2回)には必ず参加を。近所の人と顔を合わせる機会にもなります。\n- 消防団は地域の防災の要です。興味があれば自治会長さんに相談を。',
  },
  {
    key: 'doctor', category: '医療', step: 'かかりつけ医', title: 'かかりつけ医を見つける',
    stepDescription: '近くの診療所を一つ決めておき、夜間・休日の連絡先も控えます。',
    body: '# かかりつけ医\n\n- 大きな病院は気仙沼市立病院です。まずは近くの診療所を **かかりつけ医** に決め、紹介状をもらって受診するのが基本です。\n- 夜間・休日は「休日当番医」を市の広報やウェブサイトで確認します。\n- 子どもの急な病気は、宮城県こども夜間安心コール(#8000)に相談できます。',
  },
  {
    key: 'transport', category: '交通', step: '交通と車', title: '交通と車のこと',
    stepDescription: '通勤・買い物の足を考えます(BRT、路線バス、車)。',
    body: '# 交通と車\n\n- 鉄道は気仙沼線・大船渡線のBRT(バス高速輸送システム)が走っています。一ノ関駅までは JR 大船渡線。\n- 市内の移動は車が中心です。冬は路面が凍ることがあるので、スタッドレスタイヤを用意しましょう。\n- 大島へは気仙沼大島大橋で車で渡れます。\n- 車を持たない二地域居住の方は、カーシェアやレンタカー、知り合いとの相乗りも相談してみてください。',
  },
  {
    key: 'festivals', category: '祭り・行事', step: '地域の祭りと行事', title: '地域の祭りと年中行事',
    stepDescription: 'みなとまつりや地区の行事を知り、参加できそうなものを選びます。',
    body: '# 地域の祭りと行事\n\n- **気仙沼みなとまつり**(8月): はまらいんや踊り、海上うんづら、花火。運営ボランティアも募集しています。\n- 各地区の **春祭り・秋祭り**、神社の例大祭、虎舞。\n- 年末の **お歳とり** など、家ごとの習わしもあります。\n\n行事の準備は自治会や青年会が担っています。「手伝えることはありますか」の一言が、地域に入るいちばんの近道です。',
  },
  {
    key: 'meet-people', category: '人のつながり', step: '地域の人との顔合わせ', title: '地域の人との顔合わせ',
    stepDescription: 'サポーターや先輩移住者と会い、相談できる相手をつくります。',
    body: '# 地域の人との顔合わせ\n\n気仙沼には、震災後にボランティアやプロボノとして関わり、そのまま住んだ人がたくさんいます。\n\n- Minato の **サポーター** に伴走をお願いできます(地域コミュニティ → サポーター)。\n- 市や結デザインが開く移住者交流会、まち大学の講座にも気軽にどうぞ。\n- 漁港の朝、商店街の喫茶店、地区の集会所。顔を覚えてもらうと、暮らしの小さな困りごとを相談できるようになります。',
  },
];

/** Two supporters: a person who moved in ten years ago, and a fisherman's family. */
const SUPPORTERS = [
  {
    email: 'kaori@minato.example', displayName: '小野寺 香織(移住10年目)', maxNewcomers: 3,
    topics: ['移住経験', '住まい探し', '自治会', '子育て'],
    bio: '震災の翌年にボランティアで気仙沼に来て、そのまま移住して10年になります。東京から来た家族の暮らしの立ち上げ、自治会や学校とのつきあい方など、自分がつまずいたところを一緒に考えます。',
  },
  {
    email: 'shota@minato.example', displayName: '畠山 翔太(唐桑の漁師の家)', maxNewcomers: 2,
    topics: ['漁業', '祭り', '消防団', '唐桑'],
    bio: '唐桑でカキとホタテの養殖をしている漁師の家です。浜の仕事や祭り、消防団のことなら何でも聞いてください。船に乗ってみたい人も歓迎します。',
  },
];

const DEMO_NEWCOMER = 'candidate@minato.example';

/**
 * Community demo for Kesennuma: four activity roles, eight guides and the eight-step
 * onboarding template, two approved supporters, and the demo candidate with a plan half
 * done and an ACTIVE supporter. Everything goes through the same commands and rules as
 * staff and people would use.
 */
@Injectable()
export class CommunityDemoSeeder extends DemoSeeder {
  readonly name = 'community.kesennuma';
  readonly order = 60;

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
    const staffOf = (name: string): Caller | null => {
      const org = orgs.find((o) => o.name === name);
      return org
        ? new Caller('00000000-0000-0000-0000-000000000000', AccountKind.STAFF, 'demo loader', '', [
            { organizationId: org.id, regionId: org.regionId, role: MembershipRole.OWNER, capabilities: org.capabilities },
          ])
        : null;
    };
    const yui = staffOf(YUI);
    if (!yui) return;

    const roleIds: string[] = [];
    for (const role of ROLES) {
      const staff = staffOf(role.manager) ?? yui;
      const org = staff.memberships[0].organizationId;
      const { roleId } = await this.commands.execute(new CreateCommunityRoleCommand(staff, org, role.terms));
      await this.commands.execute(new OpenCommunityRoleCommand(staff, roleId));
      roleIds.push(roleId);
    }

    const steps = [];
    for (const g of GUIDES) {
      const { guideId } = await this.commands.execute(
        new WriteGuideCommand(yui, null, region.id, { category: g.category, title: g.title, body: g.body }),
      );
      await this.commands.execute(new PublishGuideCommand(yui, guideId));
      steps.push({ key: g.key, title: g.step, description: g.stepDescription, guideId });
    }
    await this.commands.execute(new SetOnboardingTemplateCommand(yui, region.id, steps));

    const supporterIds: string[] = [];
    for (const s of SUPPORTERS) {
      const account = await this.queries.execute(new FindAccountByEmailQuery(s.email));
      if (!account) continue;
      // The person volunteers under the name they want newcomers to see.
      const person = new Caller(account.id, account.kind, s.displayName, account.email, []);
      const { supporterId } = await this.commands.execute(
        new VolunteerAsSupporterCommand(person, region.id, { topics: s.topics, bio: s.bio, maxNewcomers: s.maxNewcomers }),
      );
      await this.commands.execute(new ApproveSupporterCommand(yui, supporterId));
      supporterIds.push(supporterId);
    }

    const newcomerAccount = await this.queries.execute(new FindAccountByEmailQuery(DEMO_NEWCOMER));
    if (!newcomerAccount) return;
    const newcomer = new Caller(newcomerAccount.id, newcomerAccount.kind, newcomerAccount.displayName, newcomerAccount.email, []);
    await this.commands.execute(
      new ApplyForRoleCommand(newcomer, roleIds[0], '地元の人と一緒にお祭りを支える側に回ってみたいです。会場設営や受付ならお手伝いできます。', '佐藤 真理子', '090-1234-5678'),
    );
    const { mentorshipId } = await this.commands.execute(
      new RequestMentorshipCommand(newcomer, region.id, ['移住経験', '自治会'], '来春から二地域居住を始めます。地域に溶け込むコツを教えてください。', '佐藤 真理子', '090-1234-5678'),
    );
    if (supporterIds[0]) await this.commands.execute(new AssignSupporterCommand(yui, mentorshipId, supporterIds[0]));
    const { planId } = await this.commands.execute(new StartOnboardingCommand(newcomer, region.id));
    for (const key of ['moving-in', 'garbage', 'neighborhood', 'disaster']) {
      await this.commands.execute(new CompleteOnboardingStepCommand(newcomer, planId, key));
    }
  }
}
