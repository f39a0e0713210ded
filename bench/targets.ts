// Issue 8's targets, judged from one run's numbers, so that the verdicts in docs/benchmarks.md come
// from a command anyone can run instead of from reading the tables by hand.
//
// Ratios are paired per round: the three servers of a round run one shape back to back, seconds
// apart, so a round's ratio cancels the machine's drift between rounds, which a ratio of medians
// keeps (on a noisy machine one server's rate on one shape moved 2× between rounds, and three
// servers' good rounds need not fall at the same time). Both are reported; the verdict takes the
// paired one, and compares p99s the same way (the median over rounds of ours minus theirs).
import type { ServerName, ShapeName } from './contract.js';

/** What one server measured on one workload: its rounds, and the medians over them. */
export interface LoadTiming {
  rps: number;
  p99: number;
  rounds: { rps: number; p99: number }[];
}

/** One size's numbers the targets read. */
export interface SizeNumbers {
  size: string;
  load: Record<string, Record<ServerName, LoadTiming>>;
  single: Partial<Record<ShapeName, Record<ServerName, { p50: number }>>>;
}

/** One size's single-request p50s, as the growth target reads them. */
export interface SingleP50s {
  size: string;
  single: Partial<Record<ShapeName, Partial<Record<ServerName, { p50: number }>>>>;
}

/** The first and last size's single-request p50s taken side by side (bench/single.ts), which the growth target reads when given. */
export interface SideBySide {
  from: SingleP50s;
  to: SingleP50s;
}

/** At least this many times @neo4j/graphql's req/s, with ours' p99 no worse. */
export const VERSUS_LIBRARY = 1.5;
/** At least this fraction of the raw endpoint's req/s. */
export const VERSUS_RAW = 0.75;
/** Single-request p50 may grow at most this much from the smallest size to the largest. */
export const GROWTH_LIMIT = 1.5;
/** Shapes the growth target covers: lookups, lists, search and claims (paths are none of these). */
export const GROWTH_SHAPES: readonly ShapeName[] = ['entity', 'hub', 'entities20', 'affiliation', 'claims', 'search'];

/** The middle value (the upper one of an even count), 0 for none. */
export const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;

/**
 * The single-request p50 of latencies taken in slices spread over a size's timing: the median of
 * the slices' own medians (the mean of the middle two for an even count), so that a disturbance of
 * the machine during one slice moves that slice and not the result. Empty slices are left out.
 */
export function slicedP50(slices: number[][]): number {
  const medians = slices.filter((slice) => slice.length > 0).map((slice) => middleOf(slice));
  return middleOf(medians);
}

/** The median with an even count's two middle values averaged; 0 for none. */
function middleOf(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1 ? (sorted[half] ?? 0) : ((sorted[half - 1] ?? 0) + (sorted[half] ?? 0)) / 2;
}

/** The median, over the rounds both servers ran, of what `combine` makes of each round's pair (null: the round is left out). */
function pairedMedian<Round>(ours: Round[], theirs: Round[], combine: (ours: Round, theirs: Round) => number | null): number {
  return median(
    ours.flatMap((round, index) => {
      const other = theirs[index];
      const value = other === undefined ? null : combine(round, other);
      return value === null ? [] : [value];
    }),
  );
}

/** The median over rounds of ours' p99 minus theirs in the same round, in ms: above 0, ours is worse. */
export function pairedP99Excess(ours: { p99: number }[], theirs: { p99: number }[]): number {
  return pairedMedian(ours, theirs, (mine, other) => mine.p99 - other.p99);
}

/** The median over rounds of ours' rate divided by theirs in the same round (a round they answered nothing in is left out). */
export function pairedRatio(ours: { rps: number }[], theirs: { rps: number }[]): number {
  return pairedMedian(ours, theirs, (mine, other) => (other.rps > 0 ? mine.rps / other.rps : null));
}

/** One workload at one size against one other server. */
export interface RatioVerdict {
  size: string;
  workload: string;
  against: 'neo4j-graphql' | 'raw';
  /** Median over rounds of the per-round ratios: what the verdict reads. */
  paired: number;
  /** Ratio of the two medians, as the tables show it. */
  ofMedians: number;
  /** Median p99s in ms, and the median over rounds of ours' p99 minus theirs: the @neo4j/graphql target needs it at most 0. */
  p99: { ours: number; theirs: number; excess: number };
  met: boolean;
}

/** The single-request p50 of one shape from the first size to the last. */
export interface GrowthVerdict {
  shape: ShapeName;
  from: { size: string; ours: number; raw: number };
  to: { size: string; ours: number; raw: number };
  growth: number;
  met: boolean;
  /** Whether the p50s were taken side by side, not each during its own size's timing. */
  sideBySide: boolean;
}

/** Every ratio target of every workload at every size. */
export function ratioVerdicts(sizes: SizeNumbers[]): RatioVerdict[] {
  return sizes.flatMap((size) =>
    Object.entries(size.load).flatMap(([workload, timing]) =>
      (['neo4j-graphql', 'raw'] as const).map((against): RatioVerdict => {
        const ours = timing.ours;
        const theirs = timing[against];
        const paired = pairedRatio(ours.rounds, theirs.rounds);
        const p99 = { ours: ours.p99, theirs: theirs.p99, excess: pairedP99Excess(ours.rounds, theirs.rounds) };
        const met = against === 'raw' ? paired >= VERSUS_RAW : paired >= VERSUS_LIBRARY && p99.excess <= 0;
        return { size: size.size, workload, against, paired, ofMedians: theirs.rps > 0 ? ours.rps / theirs.rps : 0, p99, met };
      }),
    ),
  );
}

/**
 * The growth target, from the first size measured to the last (from the side-by-side p50s when
 * given, else from each size's own); none with fewer than two sizes.
 */
export function growthVerdicts(sizes: SizeNumbers[], sideBySide: SideBySide | null = null): GrowthVerdict[] {
  const first: SingleP50s | undefined = sideBySide?.from ?? sizes[0];
  const last: SingleP50s | undefined = sideBySide?.to ?? sizes[sizes.length - 1];
  if (!first || !last || first === last) return [];
  return GROWTH_SHAPES.flatMap((shape) => {
    const from = first.single[shape];
    const to = last.single[shape];
    if (!from?.ours || !to?.ours || from.ours.p50 <= 0) return [];
    const growth = to.ours.p50 / from.ours.p50;
    return [
      {
        shape,
        from: { size: first.size, ours: from.ours.p50, raw: from.raw?.p50 ?? 0 },
        to: { size: last.size, ours: to.ours.p50, raw: to.raw?.p50 ?? 0 },
        growth,
        met: growth <= GROWTH_LIMIT,
        sideBySide: sideBySide !== null,
      },
    ];
  });
}

const mark = (met: boolean) => (met ? '✓' : '✗');
const fixed = (value: number) => value.toFixed(2);
/** Two decimals, three where two would round a value onto its threshold (1.497 is not 1.50). */
const ratioText = (value: number, threshold: number) =>
  Math.abs(value - threshold) < 0.005 && value !== threshold ? value.toFixed(3) : fixed(value);

/** The verdicts as Markdown: one row per workload, sizes side by side, then the growth table and the counts. */
export function targetsTable(sizes: SizeNumbers[], sideBySide: SideBySide | null = null): string[] {
  const verdicts = ratioVerdicts(sizes);
  const growth = growthVerdicts(sizes, sideBySide);
  const names = sizes.map((size) => size.size).join(' / ');
  const cell = (verdict: RatioVerdict | undefined) => {
    if (!verdict) return '–';
    const worse = verdict.against === 'neo4j-graphql' && verdict.p99.excess > 0;
    const p99 = worse ? ` (p99 +${verdict.p99.excess} ms; medians ${verdict.p99.ours} vs ${verdict.p99.theirs})` : '';
    return `${mark(verdict.met)} ${ratioText(verdict.paired, verdict.against === 'raw' ? VERSUS_RAW : VERSUS_LIBRARY)}${p99}`;
  };
  const workloads = [...new Set(verdicts.map((verdict) => verdict.workload))];
  const find = (size: string, workload: string, against: RatioVerdict['against']) =>
    verdicts.find((verdict) => verdict.size === size && verdict.workload === workload && verdict.against === against);
  const met = (against: RatioVerdict['against']) => {
    const mine = verdicts.filter((verdict) => verdict.against === against);
    return `${mine.filter((verdict) => verdict.met).length} of ${mine.length}`;
  };
  const lines = [
    '',
    `Targets (paired ratios: the median over rounds of each round's ratio; ${names}):`,
    '',
    `| workload | ≥ ${VERSUS_LIBRARY}× @neo4j, p99 no worse | ≥ ${VERSUS_RAW}× raw |`,
    '|---|---|---|',
    ...workloads.map(
      (workload) =>
        `| ${workload} | ${sizes.map((size) => cell(find(size.size, workload, 'neo4j-graphql'))).join(' / ')} | ${sizes
          .map((size) => cell(find(size.size, workload, 'raw')))
          .join(' / ')} |`,
    ),
    '',
    `Met: against @neo4j/graphql ${met('neo4j-graphql')}, against raw ${met('raw')}.`,
  ];
  if (growth.length > 0) {
    lines.push(
      '',
      `| shape | single-request p50 ours ${growth[0]?.from.size} → ${growth[0]?.to.size}${growth[0]?.sideBySide ? ', side by side' : ''} (ms) | growth (≤ ${GROWTH_LIMIT}×) | raw (ms) |`,
      '|---|---|---|---|',
      ...growth.map(
        (verdict) =>
          `| ${verdict.shape} | ${verdict.from.ours} → ${verdict.to.ours} | ${mark(verdict.met)} ${fixed(verdict.growth)}× | ${verdict.from.raw} → ${verdict.to.raw} |`,
      ),
      '',
      `Met: growth ${growth.filter((verdict) => verdict.met).length} of ${growth.length}.`,
    );
  }
  return lines;
}
