import { describe, expect, it } from 'vitest';
import {
  growthVerdicts,
  median,
  pairedP99Excess,
  pairedRatio,
  ratioVerdicts,
  slicedP50,
  targetsTable,
  type LoadTiming,
  type SizeNumbers,
} from '../../bench/targets.js';

/** A server's timing from its per-round rates and p99s (one p99 for every round, or one each), with medians as the bench computes them. */
function timing(rates: number[], p99: number | number[] = 50): LoadTiming {
  const p99s = rates.map((_, index) => (typeof p99 === 'number' ? p99 : (p99[index] ?? 0)));
  return { rps: median(rates), p99: median(p99s), rounds: rates.map((rps, index) => ({ rps, p99: p99s[index] ?? 0 })) };
}

function size(name: string, load: SizeNumbers['load'], single: SizeNumbers['single'] = {}): SizeNumbers {
  return { size: name, load, single };
}

describe('pairedRatio', () => {
  it('takes the median of the per-round ratios, not the ratio of the medians', () => {
    // The machine halves every rate in round 2: the pairs still say 1.6, 1.6 and 1.2.
    const ours = [{ rps: 800 }, { rps: 400 }, { rps: 600 }];
    const theirs = [{ rps: 500 }, { rps: 250 }, { rps: 500 }];
    expect(pairedRatio(ours, theirs)).toBeCloseTo(1.6, 10);
    // Medians 600 / 500 would say 1.2.
  });

  it('skips rounds the other server did not run or answered nothing in', () => {
    expect(pairedRatio([{ rps: 300 }, { rps: 900 }], [{ rps: 100 }])).toBe(3);
    expect(pairedRatio([{ rps: 300 }], [{ rps: 0 }])).toBe(0);
  });
});

describe('slicedP50', () => {
  it("takes the median of the slices' medians, so one disturbed slice does not move it", () => {
    // Pooled, the 12 samples' median would be 2.5 (the disturbed slice holds a third of them).
    const slices = [
      [1, 1, 2, 9],
      [9, 9, 9, 9],
      [1, 2, 2, 3],
    ];
    expect(slicedP50(slices)).toBe(2);
  });

  it('averages the middle two of an even count, at both levels, and leaves empty slices out', () => {
    expect(slicedP50([[1, 3], [], [5, 7]])).toBe(4);
    expect(slicedP50([[4]])).toBe(4);
    expect(slicedP50([])).toBe(0);
    expect(slicedP50([[]])).toBe(0);
  });
});

describe('pairedP99Excess', () => {
  it('takes the median of the per-round differences', () => {
    // Medians 43 against 39 would say worse; round by round ours is worse once and better twice.
    expect(pairedP99Excess([{ p99: 43 }, { p99: 45 }, { p99: 33 }], [{ p99: 39 }, { p99: 79 }, { p99: 37 }])).toBe(-4);
    expect(pairedP99Excess([{ p99: 60 }, { p99: 70 }], [{ p99: 50 }])).toBe(10);
  });
});

describe('ratioVerdicts', () => {
  const load = {
    entity: { ours: timing([800, 400, 600], 40), 'neo4j-graphql': timing([500, 250, 500], 60), raw: timing([1000, 500, 900], 30) },
    hub: { ours: timing([900, 900, 900], 70), 'neo4j-graphql': timing([500, 500, 500], 60), raw: timing([1000, 1000, 1000], 30) },
  };

  it('judges each workload against both servers on the paired ratio', () => {
    const verdicts = ratioVerdicts([size('article', load)]);
    expect(verdicts).toHaveLength(4);
    const entityLibrary = verdicts.find((v) => v.workload === 'entity' && v.against === 'neo4j-graphql');
    expect(entityLibrary).toMatchObject({ size: 'article', met: true, p99: { ours: 40, theirs: 60, excess: -20 } });
    expect(entityLibrary?.paired).toBeCloseTo(1.6, 10);
    expect(entityLibrary?.ofMedians).toBeCloseTo(1.2, 10);
    const entityRaw = verdicts.find((v) => v.workload === 'entity' && v.against === 'raw');
    expect(entityRaw?.paired).toBeCloseTo(0.8, 10);
    expect(entityRaw?.met).toBe(true);
  });

  it('fails the @neo4j/graphql target when ours p99 is worse, however fast it is', () => {
    const hub = ratioVerdicts([size('article', load)]).find((v) => v.workload === 'hub' && v.against === 'neo4j-graphql');
    expect(hub?.paired).toBeCloseTo(1.8, 10);
    expect(hub?.met).toBe(false);
  });

  it('reads p99 round by round, as the rates', () => {
    const noisy = {
      claims: { ours: timing([900, 900, 900], [43, 45, 33]), 'neo4j-graphql': timing([500, 500, 500], [39, 79, 37]), raw: timing([1000]) },
    };
    const [library] = ratioVerdicts([size('article', noisy)]);
    expect(library).toMatchObject({ against: 'neo4j-graphql', met: true, p99: { ours: 43, theirs: 39, excess: -4 } });
  });

  it('fails the raw target below 0.75', () => {
    const slow = { entity: { ours: timing([700]), 'neo4j-graphql': timing([100]), raw: timing([1000]) } };
    const [library, raw] = ratioVerdicts([size('10k', slow)]);
    expect(library?.met).toBe(true);
    expect(raw).toMatchObject({ against: 'raw', met: false });
    expect(raw?.paired).toBeCloseTo(0.7, 10);
  });
});

describe('growthVerdicts', () => {
  const small = size('article', {}, { entity: { ours: { p50: 2 }, 'neo4j-graphql': { p50: 4 }, raw: { p50: 3 } } });
  const large = size(
    '1m',
    {},
    {
      entity: { ours: { p50: 3.2 }, 'neo4j-graphql': { p50: 9 }, raw: { p50: 3.3 } },
      paths: { ours: { p50: 30 }, 'neo4j-graphql': { p50: 30 }, raw: { p50: 30 } },
    },
  );

  it('compares the first size with the last, for the shapes the target covers', () => {
    const verdicts = growthVerdicts([small, size('10k', {}), large]);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({
      shape: 'entity',
      from: { size: 'article', ours: 2, raw: 3 },
      to: { size: '1m', ours: 3.2, raw: 3.3 },
    });
    expect(verdicts[0]?.growth).toBeCloseTo(1.6, 10);
    expect(verdicts[0]?.met).toBe(false);
  });

  it('has nothing to judge with one size', () => {
    expect(growthVerdicts([small])).toEqual([]);
  });

  it("reads the side-by-side p50s when given, not the sizes' own", () => {
    const sideBySide = {
      from: { size: 'article', single: { entity: { ours: { p50: 2.5 }, raw: { p50: 2.4 } } } },
      to: { size: '1m', single: { entity: { ours: { p50: 3 }, raw: { p50: 3.1 } } } },
    };
    const verdicts = growthVerdicts([small, large], sideBySide);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({
      shape: 'entity',
      from: { size: 'article', ours: 2.5, raw: 2.4 },
      to: { size: '1m', ours: 3, raw: 3.1 },
      sideBySide: true,
      met: true,
    });
    expect(verdicts[0]?.growth).toBeCloseTo(1.2, 10);
    expect(growthVerdicts([small, large])[0]?.sideBySide).toBe(false);
    expect(targetsTable([small, large], sideBySide)).toContain(
      '| shape | single-request p50 ours article → 1m, side by side (ms) | growth (≤ 1.5×) | raw (ms) |',
    );
  });
});

describe('targetsTable', () => {
  it('prints a row per workload with the sizes side by side and counts what is met', () => {
    const article = size('article', { entity: { ours: timing([800]), 'neo4j-graphql': timing([500]), raw: timing([1000]) } });
    const large = size('1m', { entity: { ours: timing([700], 80), 'neo4j-graphql': timing([400], 60), raw: timing([1000]) } });
    const lines = targetsTable([article, large]);
    expect(lines).toContain('| entity | ✓ 1.60 / ✗ 1.75 (p99 +20 ms; medians 80 vs 60) | ✓ 0.80 / ✗ 0.70 |');
    expect(lines).toContain('Met: against @neo4j/graphql 1 of 2, against raw 1 of 2.');
  });

  it('shows a third decimal where two would round a miss onto the threshold', () => {
    const close = size('10k', { hub: { ours: timing([1497]), 'neo4j-graphql': timing([1000]), raw: timing([1000]) } });
    expect(targetsTable([close])).toContain('| hub | ✗ 1.497 | ✓ 1.50 |');
  });
});
