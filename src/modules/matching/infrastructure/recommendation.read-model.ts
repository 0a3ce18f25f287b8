import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '#libs/messaging/unit-of-work.js';
import {
  admitsEverything,
  firstGuess,
  prefilterFor,
  seedsOf,
  sideOfCandidate,
  sideOfOpportunity,
  type RankingSide,
  type Term,
} from '../domain/score-bound.js';
import type { ProfileRow } from './matching.repository.js';
import {
  rankCandidatesSql,
  rankOpportunitiesSql,
  type CandidateRanking,
  type OpportunityRanking,
  type RankedOpportunityRow,
  type Sql,
} from './recommendation.sql.js';

/** How a ranking was answered: rows, and whether they came from the narrowed rows (and at which threshold) or all of them. */
export interface Ranked<T> {
  rows: T[];
  /** The threshold whose terms selected the rows; null when every row was scored. */
  threshold: number | null;
  /** Statements run. */
  statements: number;
}

/** `narrowed` (the default) or `full`: score every row, the reference the narrowed answer must equal. */
export type RankingMode = 'narrowed' | 'full';

/** A ranked candidate profile, and whether the candidate attended an event, or completed a stay, in the opportunity's region. */
export type RankedCandidateRow = ProfileRow & { score: number; attended: boolean; stayed: boolean };

/**
 * The rankings behind recommendedOpportunities and recommendedCandidates: the top `first`
 * by score, exactly as scoring every row would give them (same rows, order and scores),
 * found by scoring only the rows that can reach a threshold (domain/score-bound.ts).
 */
@Injectable()
export class RecommendationReadModel {
  constructor(private readonly uow: UnitOfWork) {}

  rankOpportunities(r: OpportunityRanking, first: number, mode: RankingMode = 'narrowed'): Promise<Ranked<RankedOpportunityRow>> {
    const side = sideOfCandidate(r);
    return this.rank(side, first, mode, (terms) => rankOpportunitiesSql(r, terms, first));
  }

  rankCandidates(r: CandidateRanking, first: number, mode: RankingMode = 'narrowed'): Promise<Ranked<RankedCandidateRow>> {
    const side = sideOfOpportunity(r);
    return this.rank(side, first, mode, (terms) => rankCandidatesSql(r, terms, first));
  }

  /**
   * One statement finds the rows of the first guess's terms, and the first seed's with them
   * (more rows never make an answer wrong, only slower): the answer when the `first`-th
   * scores at least the guess (every row left out scores less). Otherwise a threshold
   * `first` rows are known to reach — the `first`-th score among those rows, or among the
   * next seed's rows that are enough — whose terms give the answer in one more statement,
   * checked the same way. When even that fails (too few rows of any kind, or rows changed
   * between statements), every row is scored.
   */
  private async rank<T extends { score: number }>(
    side: RankingSide,
    first: number,
    mode: RankingMode,
    sql: (terms: readonly Term[] | null) => Sql,
  ): Promise<Ranked<T>> {
    let statements = 0;
    const run = async (terms: readonly Term[] | null): Promise<T[]> => {
      statements++;
      const { text, values } = sql(terms);
      return this.uow.query(text, values);
    };
    const reaches = (rows: T[], threshold: number) => rows.length === first && rows[first - 1].score >= threshold;
    if (mode === 'narrowed') {
      const guess = firstGuess(side);
      const [seed, ...seeds] = seedsOf(side);
      let terms = prefilterFor(guess, side);
      if (!admitsEverything(terms)) {
        let rows = await run(seed ? [...terms, seed] : terms);
        if (reaches(rows, guess)) return { rows, threshold: guess, statements };
        for (const next of seeds) {
          if (rows.length === first) break;
          rows = await run([next]);
        }
        if (rows.length === first) {
          const threshold = rows[first - 1].score;
          terms = prefilterFor(threshold, side);
          if (!admitsEverything(terms)) {
            rows = await run(terms);
            if (reaches(rows, threshold)) return { rows, threshold, statements };
          }
        }
      }
    }
    return { rows: await run(null), threshold: null, statements };
  }
}
