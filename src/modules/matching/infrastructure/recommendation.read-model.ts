import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../../libs/messaging/unit-of-work.js';
import {
  admitsEverything,
  prefilterFor,
  sideOfCandidate,
  sideOfOpportunity,
  thresholdGuesses,
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

/** A ranked candidate profile, and whether the candidate attended an event in the opportunity's region. */
export type RankedCandidateRow = ProfileRow & { score: number; attended: boolean };

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
   * Tries thresholds from high to low. The rows of a threshold's terms are the answer when
   * the `first`-th of them scores at least the threshold (every row left out scores less).
   * When enough rows came back but the last scores less, that score is itself a threshold
   * at least `first` rows reach: one more statement with its terms. Otherwise a lower guess,
   * and in the end every row.
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
      return this.uow.manager.query(text, values);
    };
    const reaches = (rows: T[], threshold: number) => rows.length === first && rows[first - 1].score >= threshold;
    if (mode === 'narrowed') {
      for (const guess of thresholdGuesses(side)) {
        let threshold = guess;
        let terms = prefilterFor(threshold, side);
        if (admitsEverything(terms)) break;
        let rows = await run(terms);
        if (rows.length === first && !reaches(rows, threshold)) {
          threshold = rows[first - 1].score;
          terms = prefilterFor(threshold, side);
          if (admitsEverything(terms)) break;
          rows = await run(terms);
        }
        if (reaches(rows, threshold)) return { rows, threshold, statements };
      }
    }
    return { rows: await run(null), threshold: null, statements };
  }
}
