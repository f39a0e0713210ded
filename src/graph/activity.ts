// Activity over time: counts per date key grouped into day, week, month or year buckets. A date is
// counted only in buckets as fine as its precision (a month-only date is not spread over days), and
// a date whose year is inferred is counted in that year and flagged.

/** Statements and events dated with one date key (YYYY-MM-DD, 00 for a missing part; the inferred year stands in). */
export interface DateCount {
  key: string;
  statements: number;
  events: number;
  /** How many of them are dated by an inferred year. */
  inferred: number;
}

export type ActivityInterval = 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';
export type BucketPrecision = 'DAY' | 'MONTH' | 'YEAR';

/** One period's counts. */
export interface ActivityBucket {
  /** First day of the period (YYYY-MM-DD). */
  start: string;
  /** The period as people write it: 2024-10-24, 2024-W43, 2024-10, 2024. */
  label: string;
  precision: BucketPrecision;
  statements: number;
  events: number;
  /** Items counted here by an inferred year. */
  inferredYear: number;
}

/** Buckets of the chosen interval (gaps filled with zeros), the items too coarse for it, and items with no year at all. */
export interface Activity {
  interval: ActivityInterval;
  buckets: ActivityBucket[];
  lessPrecise: ActivityBucket[];
  withoutYear: number;
}

/** Most buckets one answer holds (gaps included). */
export const MAX_BUCKETS = 1_000;

const DAY_MS = 86_400_000;
const RANK: Record<BucketPrecision, number> = { YEAR: 0, MONTH: 1, DAY: 2 };
const NEEDS: Record<ActivityInterval, BucketPrecision> = { DAY: 'DAY', WEEK: 'DAY', MONTH: 'MONTH', YEAR: 'YEAR' };

function parts(key: string): { year: number; month: number; day: number } {
  const [year = 0, month = 0, day = 0] = key.split('-').map(Number);
  return { year, month, day };
}

function precisionOf(key: string): BucketPrecision {
  const { month, day } = parts(key);
  return day > 0 ? 'DAY' : month > 0 ? 'MONTH' : 'YEAR';
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10);

/** ISO week of a UTC date: its Monday and its label (2024-W43, the week-year may differ from the calendar year). */
function isoWeek(time: number): { monday: number; label: string } {
  const weekday = (new Date(time).getUTCDay() + 6) % 7;
  const monday = time - weekday * DAY_MS;
  const thursday = monday + 3 * DAY_MS;
  const weekYear = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(weekYear, 0, 1)) / (7 * DAY_MS)) + 1;
  return { monday, label: `${weekYear}-W${pad(week)}` };
}

/** The bucket of `interval` a date key of enough precision falls in. */
function periodOf(key: string, interval: ActivityInterval): { start: string; label: string } {
  const { year, month, day } = parts(key);
  switch (interval) {
    case 'DAY':
      return { start: key, label: key };
    case 'WEEK': {
      const week = isoWeek(Date.UTC(year, month - 1, day));
      return { start: isoDate(week.monday), label: week.label };
    }
    case 'MONTH':
      return { start: `${pad(year, 4)}-${pad(month)}-01`, label: `${pad(year, 4)}-${pad(month)}` };
    case 'YEAR':
      return { start: `${pad(year, 4)}-01-01`, label: pad(year, 4) };
  }
}

/** The period after the one starting at `start`. */
function nextStart(start: string, interval: ActivityInterval): string {
  const { year, month, day } = parts(start);
  const time = Date.UTC(year, month - 1, day);
  switch (interval) {
    case 'DAY':
      return isoDate(time + DAY_MS);
    case 'WEEK':
      return isoDate(time + 7 * DAY_MS);
    case 'MONTH':
      return isoDate(Date.UTC(year, month, 1));
    case 'YEAR':
      return isoDate(Date.UTC(year + 1, 0, 1));
  }
}

function addTo(map: Map<string, ActivityBucket>, bucket: Omit<ActivityBucket, 'statements' | 'events' | 'inferredYear'>, count: DateCount) {
  const found = map.get(bucket.start) ?? { ...bucket, statements: 0, events: 0, inferredYear: 0 };
  found.statements += count.statements;
  found.events += count.events;
  found.inferredYear += count.inferred;
  map.set(bucket.start, found);
}

/** Groups per-date counts into buckets of `interval`; throws RangeError when more than `maxBuckets` would be needed. */
export function bucketActivity(counts: DateCount[], interval: ActivityInterval, maxBuckets = MAX_BUCKETS): Activity {
  const buckets = new Map<string, ActivityBucket>();
  const lessPrecise = new Map<string, ActivityBucket>();
  let withoutYear = 0;
  for (const count of counts) {
    if (parts(count.key).year === 0) {
      withoutYear += count.statements + count.events;
      continue;
    }
    const precision = precisionOf(count.key);
    if (RANK[precision] >= RANK[NEEDS[interval]]) {
      addTo(buckets, { ...periodOf(count.key, interval), precision: NEEDS[interval] }, count);
    } else {
      const own = periodOf(count.key, precision === 'MONTH' ? 'MONTH' : 'YEAR');
      addTo(lessPrecise, { ...own, precision }, count);
    }
  }
  const sorted = [...buckets.values()].sort((a, b) => (a.start < b.start ? -1 : 1));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const filled: ActivityBucket[] = [];
  if (first && last) {
    for (let start = first.start; start <= last.start; start = nextStart(start, interval)) {
      if (filled.length >= maxBuckets) {
        throw new RangeError(`more than ${maxBuckets} ${interval.toLowerCase()} buckets from ${first.start} to ${last.start}`);
      }
      const key = periodOf(start, interval);
      filled.push(buckets.get(start) ?? { ...key, precision: NEEDS[interval], statements: 0, events: 0, inferredYear: 0 });
    }
  }
  return { interval, buckets: filled, lessPrecise: [...lessPrecise.values()].sort((a, b) => (a.start < b.start ? -1 : 1)), withoutYear };
}

/** How a MONTH or YEAR answer over [from, to] reads the date tallies (see tallyReads). */
export interface TallyReads {
  /** A coarse tally with key k covers the keys up to `k.slice(0, keep) + fill`. */
  keep: number;
  fill: string;
  /** Ranges of day keys at the ends of [from, to] that cover part of a period. */
  dayRanges: [string, string][];
}

/**
 * Which date tallies an answer by month or year reads: the tally of every period wholly inside
 * [from, to] (date keys, '' and '9999-99-99' when open), and the day tallies of the periods that
 * the bounds cut, so that it costs one read per bucket, not one per dated day.
 */
export function tallyReads(interval: 'MONTH' | 'YEAR', from: string, to: string): TallyReads {
  const [keep, fill] = interval === 'MONTH' ? [8, '99'] : [5, '99-99'];
  const start = (key: string) => key.slice(0, keep) + (interval === 'MONTH' ? '00' : '00-00');
  const end = (key: string) => key.slice(0, keep) + fill;
  const ranges: [string, string][] = [];
  if (from <= to) {
    const cutAtStart = from !== '' && from > start(from);
    const cutAtEnd = to < end(to);
    if (cutAtStart && cutAtEnd && start(from) === start(to)) ranges.push([from, to]);
    else {
      if (cutAtStart) ranges.push([from, end(from) < to ? end(from) : to]);
      if (cutAtEnd) ranges.push([start(to) > from ? start(to) : from, to]);
    }
  }
  return { keep, fill, dayRanges: ranges };
}
