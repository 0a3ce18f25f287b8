import { createHash, randomBytes } from 'node:crypto';

/**
 * The auditable lottery (see LOTTERY.md): a seeded Fisher–Yates shuffle of the applicants'
 * account ids sorted ascending, driven by SHA-256 in counter mode. Pure: the same seed and
 * the same set of applicants give the same order on any machine.
 */

/** Which algorithm drew; recorded so a later change of algorithm never rewrites history. */
export const LOTTERY_ALGORITHM = 'minato-lottery-v1: sha256-ctr + fisher-yates';

const WORD_SPACE = 2 ** 32;

/**
 * SHA-256 in counter mode: block i is SHA-256(key ‖ uint64be(i)) with key = SHA-256(seed
 * as UTF-8); the stream is the blocks one after another, read as big-endian 32-bit words.
 */
export class Sha256CounterStream {
  private readonly key: Buffer;
  private counter = 0n;
  private block = Buffer.alloc(0);
  private offset = 0;

  constructor(seed: string) {
    this.key = createHash('sha256').update(seed, 'utf8').digest();
  }

  /** The next 32-bit word of the stream, 0 to 2^32 - 1. */
  nextUint32(): number {
    if (this.offset >= this.block.length) {
      const counter = Buffer.alloc(8);
      counter.writeBigUInt64BE(this.counter);
      this.counter += 1n;
      this.block = createHash('sha256').update(this.key).update(counter).digest();
      this.offset = 0;
    }
    const word = this.block.readUInt32BE(this.offset);
    this.offset += 4;
    return word;
  }

  /**
   * A uniform integer in [0, n): rejection sampling drops the top words that would make
   * `word mod n` favour small values (no modulo bias).
   */
  below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > WORD_SPACE) throw new RangeError(`below(n) needs 1 <= n <= 2^32, got ${n}`);
    const limit = WORD_SPACE - (WORD_SPACE % n);
    for (;;) {
      const word = this.nextUint32();
      if (word < limit) return word % n;
    }
  }
}

/** The applicants as the draw sees them: each account id once, sorted ascending (by UTF-16 code units, = byte order for ids). */
export function canonicalApplicants(accountIds: readonly string[]): string[] {
  return [...new Set(accountIds)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The outcome of a draw: everything needed to check it. */
export interface LotteryOutcome {
  seed: string;
  /** The applicants in drawn order: the first `capacity` win, the rest queue in this order. */
  drawn: string[];
  applicantCount: number;
  /** Hex SHA-256 of the drawn account ids joined by "\n". */
  resultDigest: string;
}

/** Hex SHA-256 of the drawn account ids joined by "\n" (UTF-8). */
export function resultDigest(drawn: readonly string[]): string {
  return createHash('sha256').update(drawn.join('\n'), 'utf8').digest('hex');
}

/**
 * The draw: Fisher–Yates from the last position down, j = below(i + 1), over the sorted
 * applicants. Depends only on the seed and the set of applicant ids.
 */
export function drawLottery(seed: string, accountIds: readonly string[]): LotteryOutcome {
  const drawn = canonicalApplicants(accountIds);
  const stream = new Sha256CounterStream(seed);
  for (let i = drawn.length - 1; i >= 1; i--) {
    const j = stream.below(i + 1);
    [drawn[i], drawn[j]] = [drawn[j], drawn[i]];
  }
  return { seed, drawn, applicantCount: drawn.length, resultDigest: resultDigest(drawn) };
}

/** A seed nobody can predict, for a draw where staff gave none: 32 random bytes as hex. */
export function unpredictableSeed(): string {
  return randomBytes(32).toString('hex');
}

export const MAX_SEED_LENGTH = 200;
