import fc from 'fast-check';
import { canonicalApplicants, drawLottery, resultDigest, Sha256CounterStream, unpredictableSeed } from './lottery.js';

const uuid = fc.uuid().map((u) => u.toLowerCase());
const applicantSet = (min: number, max: number) => fc.uniqueArray(uuid, { minLength: min, maxLength: max });

describe('drawLottery', () => {
  it('reproduces a recorded draw from its seed and applicants (pinned, see LOTTERY.md)', () => {
    const ids = [3, 1, 5, 2, 4].map((n) => `00000000-0000-4000-8000-00000000000${n}`);
    const outcome = drawLottery('kesennuma-2027-spring', ids);
    expect(outcome.drawn).toEqual([3, 2, 1, 4, 5].map((n) => `00000000-0000-4000-8000-00000000000${n}`));
    expect(outcome.applicantCount).toBe(5);
    expect(outcome.resultDigest).toBe('87d900f1cf89fecdfa294ec6b549df2a0b0682573c000029d7d9aca5702fc913');
  });

  it('pins a larger draw too, so any change to the stream or the shuffle is caught', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const outcome = drawLottery('気仙沼 2027 春ツアー', ids);
    expect(outcome.resultDigest).toBe(resultDigest(outcome.drawn));
    expect(outcome.resultDigest).toBe('984e324297a078d68056f468d224662674d495f5a490042cfdcf26be265ec186');
  });

  it('draws a permutation of the applicants', () => {
    fc.assert(
      fc.property(fc.string(), applicantSet(0, 60), (seed, ids) => {
        const { drawn, applicantCount } = drawLottery(seed, ids);
        expect(applicantCount).toBe(ids.length);
        expect([...drawn].sort()).toEqual([...ids].sort());
      }),
    );
  });

  it('depends only on the seed and the applicant set, not on their order or repeats', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        applicantSet(1, 40).chain((ids) => fc.tuple(fc.constant(ids), fc.shuffledSubarray(ids, { minLength: ids.length }), fc.subarray(ids))),
        (seed, [ids, shuffled, repeats]) => {
          const a = drawLottery(seed, ids);
          const b = drawLottery(seed, [...shuffled, ...repeats]);
          expect(b.drawn).toEqual(a.drawn);
          expect(b.resultDigest).toBe(a.resultDigest);
        },
      ),
    );
  });

  it('gives different orders for different seeds (almost always, for 10 applicants)', () => {
    fc.assert(
      fc.property(applicantSet(10, 10), fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 2, maxLength: 2 }), (ids, [s1, s2]) => {
        // 10! orders: two seeds agree with probability 1/3628800.
        expect(drawLottery(s1, ids).resultDigest).not.toBe(drawLottery(s2, ids).resultDigest);
      }),
    );
  });

  it('makes every order about equally likely (3 applicants, 6000 seeds)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const key = drawLottery(`seed-${i}`, ['a', 'b', 'c']).drawn.join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    // Expected 1000 each; chi-square with 5 degrees of freedom, 20.5 is p < 0.001.
    const chi = [...counts.values()].reduce((sum, n) => sum + (n - 1000) ** 2 / 1000, 0);
    expect(chi).toBeLessThan(20.5);
  });

  it('digests the drawn ids joined by newlines', () => {
    const outcome = drawLottery('x', ['b', 'a']);
    expect(outcome.resultDigest).toBe(resultDigest(outcome.drawn));
    // sha256("a\nb"), as `printf 'a\nb' | sha256sum` gives it.
    expect(resultDigest(['a', 'b'])).toBe('7e18f737311b2dc3b2f269dd78396b0351f14fb66efa879f768cb23181883c78');
  });

  it('handles no and one applicant', () => {
    expect(drawLottery('s', []).drawn).toEqual([]);
    expect(drawLottery('s', ['only']).drawn).toEqual(['only']);
  });

  it('sorts and de-duplicates applicants canonically', () => {
    expect(canonicalApplicants(['c', 'a', 'b', 'a'])).toEqual(['a', 'b', 'c']);
  });

  it('picks unpredictable 64-hex seeds', () => {
    const a = unpredictableSeed();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(unpredictableSeed()).not.toBe(a);
  });
});

describe('Sha256CounterStream.below', () => {
  /** A stream that returns scripted words, to watch the rejection step. */
  class Scripted extends Sha256CounterStream {
    constructor(private readonly words: number[]) {
      super('unused');
    }
    override nextUint32(): number {
      const w = this.words.shift();
      if (w === undefined) throw new Error('out of words');
      return w;
    }
  }

  it('rejects the top words that would bias the modulo, and keeps the rest', () => {
    // 2^32 mod 3 = 1, so only 2^32 - 1 is rejected for n = 3.
    expect(new Scripted([2 ** 32 - 1, 7]).below(3)).toBe(1);
    expect(new Scripted([2 ** 32 - 2]).below(3)).toBe((2 ** 32 - 2) % 3);
    // 2^32 mod 10 = 6: the 6 top words are rejected.
    expect(new Scripted([2 ** 32 - 6, 2 ** 32 - 1, 2 ** 32 - 7]).below(10)).toBe((2 ** 32 - 7) % 10);
  });

  it('stays in range', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 2 ** 32 }), (seed, n) => {
        const value = new Sha256CounterStream(seed).below(n);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThan(n);
      }),
    );
  });

  it('is the SHA-256 counter stream of LOTTERY.md', () => {
    // key = SHA-256("abc"); block 0 = SHA-256(key ‖ 0x0000000000000000).
    const stream = new Sha256CounterStream('abc');
    const first = stream.nextUint32();
    // (computed independently with Python's hashlib)
    expect(first).toBe(3014207447);
  });
});
