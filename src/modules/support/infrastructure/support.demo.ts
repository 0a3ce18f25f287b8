import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Caller } from '#libs/auth/caller.js';
import { FindAccountByEmailQuery, FindRegionByCodeQuery } from '#libs/contracts/identity/queries.js';
import { ConsultationChannel, ConsultationStatus, ConsultationTopic } from '#libs/contracts/support/enums.js';
import { addDays, tokyoToday } from '#libs/ddd/calendar-day.js';
import { demoCallerOf } from '#libs/demo/demo-callers.js';
import { DemoSeeder } from '#libs/demo/demo-seeder.js';
import { OutboxRelay } from '#libs/messaging/outbox-relay.js';
import { BookConsultationSlotCommand } from '../application/commands/book-consultation-slot/book-consultation-slot.command.js';
import { OfferConsultationSlotsCommand } from '../application/commands/offer-consultation-slots/offer-consultation-slots.command.js';
import { RecordConsultationOutcomeCommand } from '../application/commands/record-consultation-outcome/record-consultation-outcome.command.js';
import { RequestConsultationCommand } from '../application/commands/request-consultation/request-consultation.command.js';
import type { ConsultationSlot } from '../domain/consultation-slot.js';

/** The weekdays of the coming `weeks` (from tomorrow, in Japan), each at the given hours (JST). */
function weekdayStarts(weeks: number, hoursJst: number[]): Date[] {
  const starts: Date[] = [];
  const today = tokyoToday();
  for (let d = 1; d <= weeks * 7; d++) {
    const day = addDays(today, d);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const h of hoursJst) starts.push(new Date(`${day}T${String(h).padStart(2, '0')}:00:00+09:00`));
  }
  return starts;
}

/**
 * Support demo: the one-stop desk's slots for the coming weeks — 気仙沼ビズ (WORK, in person
 * and by phone), 気仙沼市 (HOUSING, COMMUNITY, RELOCATION, in person and online) and JOINS
 * (WORK, online) — and the demo candidates' consultations. Their journeys are not written
 * here: they come out of the demo's own events (sign-ups, profiles, the match walked to
 * ENGAGED, these consultations, and housing's and community's once those modules exist).
 */
@Injectable()
export class SupportDemoSeeder extends DemoSeeder {
  readonly name = 'support.kesennuma';
  readonly order = 70;

  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly relay: OutboxRelay,
  ) {
    super();
  }

  private async account(email: string): Promise<Caller> {
    const account = await this.queries.execute(new FindAccountByEmailQuery(email));
    if (!account) throw new Error(`demo account ${email} is missing`);
    return demoCallerOf(account);
  }

  private offer(staff: Caller, topics: ConsultationTopic[], channel: ConsultationChannel, startsAt: Date[], minutes = 60): Promise<ConsultationSlot[]> {
    return this.commands.execute(new OfferConsultationSlotsCommand(staff, { organizationId: staff.memberships[0].organizationId, topics, channel, startsAt, minutes }));
  }

  async seed(): Promise<void> {
    const region = await this.queries.execute(new FindRegionByCodeQuery('kesennuma'));
    if (!region) return;
    const biz = await this.account('biz@kesennuma.minato.example');
    const city = await this.account('city@kesennuma.minato.example');
    const joins = await this.account('joins@kesennuma.minato.example');

    const bizInPerson = await this.offer(biz, [ConsultationTopic.WORK], ConsultationChannel.IN_PERSON, weekdayStarts(3, [10]));
    const bizPhone = await this.offer(biz, [ConsultationTopic.WORK], ConsultationChannel.PHONE, weekdayStarts(3, [15]), 30);
    const cityTopics = [ConsultationTopic.HOUSING, ConsultationTopic.COMMUNITY, ConsultationTopic.RELOCATION];
    await this.offer(city, cityTopics, ConsultationChannel.IN_PERSON, weekdayStarts(3, [13]));
    const cityOnline = await this.offer(city, cityTopics, ConsultationChannel.ONLINE, weekdayStarts(3, [18]), 45);
    const joinsOnline = await this.offer(joins, [ConsultationTopic.WORK], ConsultationChannel.ONLINE, weekdayStarts(3, [12, 19]), 45);

    const request = async (email: string, input: { topics: ConsultationTopic[]; channel: ConsultationChannel; question: string; fullName: string; phone: string }, slot?: ConsultationSlot) =>
      this.commands.execute(new RequestConsultationCommand(await this.account(email), { regionId: region.id, ...input, slotId: slot?.id ?? null }));

    // 佐藤さん: work and housing together, online with JOINS in the coming days.
    await request('candidate@minato.example', {
      topics: [ConsultationTopic.WORK, ConsultationTopic.HOUSING], channel: ConsultationChannel.ONLINE, fullName: '佐藤 真理子', phone: '090-1234-5678',
      question: '副業で海外向けECに関わりたいと考えています。月に数日、気仙沼に滞在するときの住まいも併せて相談したいです。',
    }, joinsOnline[1]);

    // 田中さん: the move itself, talked through with the city (done), and a follow-up online.
    const kenichi = await request('kenichi@minato.example', {
      topics: [ConsultationTopic.RELOCATION, ConsultationTopic.HOUSING], channel: ConsultationChannel.PHONE, fullName: '田中 健一', phone: '080-2345-6789',
      question: '4月から工場長候補として勤務予定です。まずは二地域居住から始めたいのですが、住まいと手続きの進め方を教えてください。',
    });
    await this.commands.execute(new RecordConsultationOutcomeCommand(city, kenichi.id, ConsultationStatus.DONE,
      '12月のお試し勤務に合わせて市のお試し住宅(唐桑)を案内。4月以降は空き家バンクの賃貸物件を一緒に探す。住民票は当面移さず二地域居住で開始'));
    const followUp = await request('kenichi@minato.example', {
      topics: [ConsultationTopic.COMMUNITY], channel: ConsultationChannel.ONLINE, fullName: '田中 健一', phone: '080-2345-6789',
      question: '地域の消防団やお祭りに参加してみたいです。受け入れの窓口を教えてください。',
    });
    await this.commands.execute(new BookConsultationSlotCommand(city, followUp.id, cityOnline[2].id));

    // 伊藤さん: pro bono IT, by phone with 気仙沼ビズ.
    await request('naoki@minato.example', {
      topics: [ConsultationTopic.WORK], channel: ConsultationChannel.PHONE, fullName: '伊藤 直樹', phone: '080-9876-5432',
      question: 'リモート中心で地元企業のDXをプロボノで支援したいです。どのような企業が募集していますか。',
    }, bizPhone[0]);

    // 鈴木さん: community, no slot yet (in the city's and 結デザイン's queue).
    await request('yumi@minato.example', {
      topics: [ConsultationTopic.COMMUNITY], channel: ConsultationChannel.ONLINE, fullName: '鈴木 由美', phone: '090-5555-0101',
      question: '本業を続けながら週末に地域の活動に関わりたいです。子育て中でも参加しやすいものはありますか。',
    });

    // 高橋さん: a visit to 気仙沼ビズ in person.
    await request('masato@minato.example', {
      topics: [ConsultationTopic.WORK], channel: ConsultationChannel.IN_PERSON, fullName: '高橋 正人', phone: '070-3456-7890',
      question: 'スカウトをいただいた企業研修の仕事について、現地で詳しく話を聞きたいです。',
    }, bizInPerson[3]);

    // The journeys follow from the events above (and every earlier seeder's).
    await this.relay.settle();
  }
}
