import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { WorkStyle } from '#libs/contracts/careers/work-style.js';
import { FindAccountByEmailQuery, FindRegionByCodeQuery } from '#libs/contracts/identity/queries.js';
import { demoCallerOf } from '#libs/demo/demo-callers.js';
import { DemoSeeder } from '#libs/demo/demo-seeder.js';
import { OutboxRelay } from '#libs/messaging/outbox-relay.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { AcceptInterestCommand } from '../application/commands/accept-interest/accept-interest.command.js';
import { AdvanceMatchCommand } from '../application/commands/advance-match/advance-match.command.js';
import { AssignCoordinatorCommand } from '../application/commands/assign-coordinator/assign-coordinator.command.js';
import { ExpressInterestCommand } from '../application/commands/express-interest/express-interest.command.js';
import { SaveMyCandidateProfileCommand } from '../application/commands/save-my-candidate-profile/save-my-candidate-profile.command.js';
import { ScoutCandidateCommand } from '../application/commands/scout-candidate/scout-candidate.command.js';
import { SendMessageCommand } from '../application/commands/send-message/send-message.command.js';
import type { ProfileInput } from '../domain/candidate-profile.aggregate.js';

type DemoProfile = Omit<ProfileInput, 'desiredRegionIds'> & { email: string };

const PROFILES: DemoProfile[] = [
  {
    email: 'candidate@minato.example', fullName: '佐藤 真理子', ageBand: 'FIFTIES', phone: '090-1234-5678',
    headline: '食品メーカーで25年、マーケティング一筋',
    careerSummary: '大手食品メーカーで商品企画とデジタルマーケティングを担当。海外向けECの立ち上げを2度経験。子育てが一段落し、地方の食の仕事に関わりたい。',
    skills: ['マーケティング', 'EC', '商品企画', '英語'], desiredWorkStyles: [WorkStyle.SIDE_JOB, WorkStyle.PRO_BONO],
    remoteHoursPerWeek: 10, onsiteDaysPerMonth: 3, dualRegionStage: 'VISITING', homePrefecture: '東京都',
  },
  {
    email: 'kenichi@minato.example', fullName: '田中 健一', ageBand: 'FIFTIES', phone: '080-2345-6789',
    headline: '自動車部品工場の生産管理・品質管理のエンジニア',
    careerSummary: '自動車部品メーカーで生産管理と品質管理を30年。HACCPに近い衛生管理の導入も経験。早期退職を機に、海の近くで暮らしながら現場を率いたい。',
    skills: ['生産管理', '品質管理', 'HACCP', '改善活動'], desiredWorkStyles: [WorkStyle.JOB_CHANGE],
    remoteHoursPerWeek: 0, onsiteDaysPerMonth: 22, dualRegionStage: 'DUAL_REGION', homePrefecture: '愛知県',
  },
  {
    email: 'yumi@minato.example', fullName: '鈴木 由美', ageBand: 'FORTIES', phone: null,
    headline: '上場企業の経理課長、月次決算の早期化が得意',
    careerSummary: 'メーカーの経理部で決算・管理会計・資金繰りを担当。本業を続けながら、地域の中小企業の経理の仕組みづくりを手伝いたい。',
    skills: ['経理', '財務', '管理会計'], desiredWorkStyles: [WorkStyle.SIDE_JOB],
    remoteHoursPerWeek: 8, onsiteDaysPerMonth: 1, dualRegionStage: 'EXPLORING', homePrefecture: '神奈川県',
  },
  {
    email: 'masato@minato.example', fullName: '高橋 正人', ageBand: 'SIXTIES_AND_OVER', phone: '070-3456-7890',
    headline: '元高校の英語教師、教育旅行の引率経験多数',
    careerSummary: '公立高校で38年間英語を教え、修学旅行や海外研修を企画・引率。定年後は人に何かを伝える仕事を、地域で続けたい。',
    skills: ['英語', '研修', '企画', '接客'], desiredWorkStyles: [WorkStyle.SIDE_JOB, WorkStyle.PRO_BONO],
    remoteHoursPerWeek: 5, onsiteDaysPerMonth: 6, dualRegionStage: 'EXPLORING', homePrefecture: '埼玉県',
  },
  {
    email: 'naoki@minato.example', fullName: '伊藤 直樹', ageBand: 'FORTIES', phone: null,
    headline: 'SIerで20年、中小企業のIT導入とセキュリティ',
    careerSummary: 'システムインテグレーターでITコンサルティングと情報セキュリティを担当。リモート中心で、地方企業のDXをプロボノで支えたい。',
    skills: ['IT', 'DX', 'セキュリティ', 'ITコンサルティング'], desiredWorkStyles: [WorkStyle.PRO_BONO, WorkStyle.STARTUP],
    remoteHoursPerWeek: 6, onsiteDaysPerMonth: 1, dualRegionStage: 'EXPLORING', homePrefecture: '東京都',
  },
];

/** Matching demo: five profiles, interests, a scout, and a match walked to ENGAGED. */
@Injectable()
export class MatchingDemoSeeder extends DemoSeeder {
  readonly name = 'matching.kesennuma';
  readonly order = 40;

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly relay: OutboxRelay,
    private readonly uow: UnitOfWork,
  ) {
    super();
  }

  private async account(email: string): Promise<Caller> {
    const account = await this.queries.execute(new FindAccountByEmailQuery(email));
    if (!account) throw new Error(`demo account ${email} is missing`);
    return demoCallerOf(account);
  }

  private async opportunityId(title: string): Promise<string> {
    const [row] = await this.uow.manager.query('SELECT id FROM matching.opportunity_copy WHERE title = $1', [title]);
    if (!row) throw new Error(`demo opportunity "${title}" has not reached matching`);
    return row.id as string;
  }

  async seed(): Promise<void> {
    const region = await this.queries.execute(new FindRegionByCodeQuery('kesennuma'));
    if (!region) return;
    // Matching learns about opportunities (and attendance) from the outbox: deliver what the earlier seeders wrote.
    await this.relay.settle();
    const candidates = new Map<string, Caller>();
    for (const { email, ...profile } of PROFILES) {
      const caller = await this.account(email);
      candidates.set(email, caller);
      await this.commands.execute(new SaveMyCandidateProfileCommand(caller, { ...profile, desiredRegionIds: [region.id] }));
    }
    const biz = await this.account('biz@kesennuma.minato.example');
    const joins = await this.account('joins@kesennuma.minato.example');

    await this.commands.execute(new ExpressInterestCommand(candidates.get('candidate@minato.example')!, await this.opportunityId('海外向けECのマーケティング責任者(副業)')));
    await this.commands.execute(new ExpressInterestCommand(candidates.get('naoki@minato.example')!, await this.opportunityId('ＩＴ導入支援アドバイザー(プロボノ)')));

    const [{ id: masatoProfile }] = await this.uow.manager.query('SELECT id FROM matching.candidate_profile WHERE account_id = $1', [candidates.get('masato@minato.example')!.accountId]);
    await this.commands.execute(
      new ScoutCandidateCommand(joins, masatoProfile, await this.opportunityId('企業研修プログラムの営業・企画(副業)'),
        '教育旅行の引率のご経験を、企業研修の企画に活かしていただけませんか。まずはオンラインでお話ししましょう。'),
    );

    // 田中さん: interest in the factory-manager role, accepted, then walked to ENGAGED with a coordinator.
    const kenichi = candidates.get('kenichi@minato.example')!;
    const { interestId } = await this.commands.execute(new ExpressInterestCommand(kenichi, await this.opportunityId('工場長候補(転職・移住)')));
    await this.commands.execute(new AcceptInterestCommand(biz, interestId));
    await this.relay.settle();
    const [{ id: matchId }] = await this.uow.manager.query('SELECT id FROM matching.match WHERE origin_id = $1', [interestId]);
    await this.commands.execute(new AssignCoordinatorCommand(joins, matchId, joins.accountId));
    await this.commands.execute(new AdvanceMatchCommand(joins, matchId, 'MEETING', '10月のツアーで工場を見学し、社長と面談'));
    await this.commands.execute(new SendMessageCommand(kenichi, matchId, '見学ではありがとうございました。12月に1週間のお試し勤務は可能でしょうか。'));
    await this.commands.execute(new SendMessageCommand(joins, matchId, '港町水産さんも歓迎とのことです。宿泊は市のお試し住宅をご案内します。'));
    await this.commands.execute(new AdvanceMatchCommand(joins, matchId, 'TRIAL', '12月に1週間のお試し勤務'));
    await this.commands.execute(new AdvanceMatchCommand(biz, matchId, 'ENGAGED', '2026年4月から工場長候補として勤務。二地域居住から開始'));
  }
}
