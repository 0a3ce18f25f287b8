import { Injectable } from '@nestjs/common';
import { AccountErasureRequested } from '#libs/contracts/privacy/events.js';
import { ERASED_DISPLAY_NAME } from '#libs/contracts/privacy/enums.js';
import { MentorshipStatus } from '#libs/contracts/community/enums.js';
import type { DomainEvent } from '#libs/ddd/domain-event.js';
import { isId } from '#libs/ddd/ids.js';
import { OutboxSubscriber } from '#libs/messaging/outbox-subscriber.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { EraseRequested } from '../../domain/community.internal-events.js';
import { CommunityRepository } from '../../infrastructure/community.repository.js';

/**
 * Erasure (contract 90-privacy): what community holds about an erased account, released as
 * the person's own acts would release it, then emptied of their contact details:
 * - applications: a live one is withdrawn as the applicant's own withdrawal (an ACCEPTED one
 *   frees its seat); contact details and motivation emptied;
 * - mentorships as newcomer: a live one is ended as the newcomer's own ending (an ACTIVE one
 *   frees the supporter's place); contact details and message emptied;
 * - as a supporter: their ACTIVE mentorships are ended as the supporter's own ending (the
 *   newcomers may ask again), and the supporter row is deactivated as their own deactivation,
 *   named 退会済みユーザー, its bio emptied;
 * - onboarding plans: kept (their steps count), named 退会済みユーザー, the email emptied.
 * One request per thing, each then changed in a delivery of its own (one aggregate each), with
 * the lock order of the commands (the role before its applications, the supporter before its
 * mentorships).
 *
 * First, under the person's lock (the one every command a person starts here takes), the
 * erasure is noted (`erased_account`) before anything is listed: a command in flight either
 * committed before (and is listed here) or finds the account erased and is refused
 * (FORBIDDEN).
 *
 * Community's event payloads carry ids, titles and topics, never contact details, so there is
 * nothing to scrub in the log. A redelivery finds nothing left: the targets are only what
 * still holds something, and each step skips what is already erased.
 */
@Injectable()
export class ErasePersonOnErasureRequested extends OutboxSubscriber {
  readonly name = 'community.erasure';
  readonly eventTypes = [AccountErasureRequested.type, EraseRequested.type];

  constructor(
    private readonly repo: CommunityRepository,
    private readonly uow: UnitOfWork,
  ) {
    super();
  }

  async handle(event: DomainEvent): Promise<void> {
    if (AccountErasureRequested.is(event)) {
      const { accountId } = event.payload;
      if (!isId(accountId)) return;
      await this.repo.markErased(accountId, event.occurredAt);
      const targets = await this.repo.erasureTargetsOf(accountId, ERASED_DISPLAY_NAME);
      await this.uow.publish('community', targets.map((t) => EraseRequested.create(accountId, { ...t, accountId })));
      return;
    }
    if (!EraseRequested.is(event)) return;
    const { kind, id, accountId } = event.payload;
    const now = event.occurredAt;
    switch (kind) {
      case 'APPLICATION':
        return this.eraseApplication(id, accountId, now);
      case 'MENTORSHIP':
        return this.eraseMentorship(id, accountId, now);
      case 'SUPPORTER':
        return this.eraseSupporter(id, accountId, now);
      case 'PLAN':
        return this.erasePlan(id, accountId);
    }
  }

  private async eraseApplication(id: string, accountId: string, now: Date): Promise<void> {
    const seen = await this.repo.findApplication(id);
    if (!seen || seen.state.applicant.accountId !== accountId) return;
    await this.repo.findRole(seen.state.role.id, 'update'); // the role before its applications
    const application = (await this.repo.findApplication(id, 'update'))!;
    const { changed, freedSeat } = application.erase(now);
    if (changed) await this.repo.saveApplication(application, { freedSeat });
  }

  private async eraseMentorship(id: string, accountId: string, now: Date): Promise<void> {
    const seen = await this.repo.findMentorship(id);
    if (!seen) return;
    // The supporter before its mentorships (assignSupporter's lock order).
    const supporter = seen.state.supporterId ? await this.repo.findSupporter(seen.state.supporterId, 'update') : null;
    const mentorship = (await this.repo.findMentorship(id, 'update'))!;
    if (mentorship.state.newcomer.accountId === accountId) {
      const { changed, freedSupporterId } = mentorship.eraseNewcomer(now);
      if (changed) await this.repo.saveMentorship(mentorship, { freedSupporterId });
    } else if (
      supporter?.state.accountId === accountId && mentorship.state.supporterId === supporter.id &&
      mentorship.state.status === MentorshipStatus.ACTIVE
    ) {
      const { freedSupporterId } = mentorship.end('SUPPORTER', now);
      await this.repo.saveMentorship(mentorship, { freedSupporterId });
    }
  }

  private async eraseSupporter(id: string, accountId: string, now: Date): Promise<void> {
    const supporter = await this.repo.findSupporter(id, 'update');
    if (!supporter || supporter.state.accountId !== accountId) return;
    if (supporter.erase(now)) await this.repo.saveSupporter(supporter);
  }

  private async erasePlan(id: string, accountId: string): Promise<void> {
    const plan = await this.repo.findPlan(id, 'update');
    if (!plan || plan.state.newcomer.accountId !== accountId) return;
    if (plan.eraseNewcomer()) await this.repo.savePlan(plan);
  }
}
