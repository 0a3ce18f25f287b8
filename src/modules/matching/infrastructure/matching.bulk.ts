import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ListOrganizationsQuery } from '#libs/contracts/identity/queries.js';
import { SAMPLE_SKILLS as SKILLS } from '#libs/demo/sample-data.js';
import { BulkSeeder } from '#libs/demo/bulk-seeder.js';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import { SyncOpportunityCopiesCommand } from '../application/commands/sync-opportunity-copies/sync-opportunity-copies.command.js';


/**
 * Many fictional candidate profiles (for recommendedCandidates and its benchmark), and
 * matching's copy of every careers opportunity (synced through careers' public query, since
 * bulk-loaded opportunities carry no events). The profiles' account ids name no account.
 */
@Injectable()
export class MatchingBulkSeeder extends BulkSeeder {
  readonly kind = 'candidates';

  constructor(
    private readonly uow: UnitOfWork,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {
    super();
  }

  async generate(count: number, log: (message: string) => void): Promise<number> {
    const { copied } = await this.commands.execute(new SyncOpportunityCopiesCommand());
    log(`opportunity copies synced: ${copied}`);
    const regions = [...new Set((await this.queries.execute(new ListOrganizationsQuery())).map((o) => o.regionId))];
    const db = this.uow.manager;
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM matching.candidate_profile');
    if (n < count) {
      await db.query(
        `INSERT INTO matching.candidate_profile (id, account_id, display_name, email, full_name, phone, age_band, headline, career_summary,
           skills, skills_norm, desired_work_styles, remote_hours_per_week, onsite_days_per_month, desired_region_ids, dual_region_stage,
           created_at, updated_at, version)
         SELECT gen_random_uuid(), gen_random_uuid(), 'サンプル候補者 ' || g, 'bulk-' || g || '@candidates.minato.example', 'サンプル 太郎 ' || g, NULL,
                (ARRAY['FORTIES', 'FIFTIES', 'SIXTIES_AND_OVER'])[1 + g % 3], 'ベンチマーク用の架空の候補者', '架空の経歴です。',
                sk, ARRAY(SELECT lower(normalize(x, NFKC)) FROM unnest(sk) AS x),
                ARRAY[(ARRAY['PRO_BONO', 'SIDE_JOB', 'JOB_CHANGE', 'STARTUP'])[1 + g % 4], (ARRAY['PRO_BONO', 'SIDE_JOB', 'JOB_CHANGE', 'STARTUP'])[1 + (g / 4) % 4]],
                (g * 7) % 20, (g * 5) % 12, ARRAY[($2::uuid[])[1 + g % array_length($2::uuid[], 1)]],
                (ARRAY['EXPLORING', 'VISITING', 'DUAL_REGION', 'RELOCATED'])[1 + g % 4], now(), now() - make_interval(secs => g), 1
           FROM generate_series($1::int + 1, $3::int) AS g,
                LATERAL (SELECT ARRAY[($4::text[])[1 + g % 20], ($4::text[])[1 + (g * 3 + 1) % 20], ($4::text[])[1 + (g * 7 + 2) % 20]] AS sk) AS s`,
        [n, regions, count, SKILLS],
      );
      await db.query('ANALYZE matching.candidate_profile');
    }
    await db.query('ANALYZE matching.opportunity_copy');
    const [{ total }] = await db.query('SELECT count(*)::int AS total FROM matching.candidate_profile');
    log(`candidates: ${total}`);
    return total;
  }
}
