import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { tokyoToday } from '#libs/ddd/calendar-day.js';
import { StaleVersionError } from '#libs/ddd/errors.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { HousingRepository } from '../../../infrastructure/housing.repository.js';

const SWEEP_EVERY_MS = 60_000;
const BATCH = 200;

/**
 * "A stay still REQUESTED when its check-in day begins is CANCELLED": reads apply the rule
 * at once (effectiveStayStatus), and this writes it down — StayCancelled by SYSTEM, one
 * stay per transaction — every minute, and for a guest before they request.
 */
@Injectable()
export class StayLapses implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('StayLapses');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly repo: HousingRepository,
    private readonly uow: UnitOfWork,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep().catch((e: unknown) => this.logger.error(e)), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Writes down every lapsed request; returns how many it cancelled. One sweep at a time per process. */
  sweep(): Promise<number> {
    this.running ??= this.sweepAll().finally(() => (this.running = undefined));
    return this.running;
  }

  /** The guest's lapsed requests only. */
  async sweepGuest(accountId: string): Promise<number> {
    return this.lapseAll(await this.repo.lapsedStayIds(tokyoToday(), BATCH, accountId));
  }

  private async sweepAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const ids = await this.repo.lapsedStayIds(tokyoToday(), BATCH);
      if (ids.length === 0) return total;
      const done = await this.lapseAll(ids);
      total += done;
      if (done === 0) return total;
    }
  }

  private async lapseAll(ids: string[]): Promise<number> {
    let done = 0;
    for (const id of ids) {
      try {
        const lapsed = await this.uow.run(async () => {
          const stay = await this.repo.findStay(id);
          if (!stay?.lapse(tokyoToday())) return false;
          await this.repo.saveStay(stay);
          return true;
        });
        if (lapsed) done++;
      } catch (error) {
        // Another process or the staff moved it meanwhile: nothing left to write down.
        if (!(error instanceof StaleVersionError)) throw error;
      }
    }
    return done;
  }
}
