import { describe, expect, it } from 'vitest';
import { bucketActivity, tallyReads, type DateCount } from '../../src/graph/activity.js';

const count = (key: string, statements: number, events = 0, inferred = 0): DateCount => ({ key, statements, events, inferred });

describe('activity buckets', () => {
  it('counts days, fills the gaps between them, and keeps coarser dates apart', () => {
    const activity = bucketActivity(
      [count('2024-10-00', 2), count('2024-10-24', 1, 1, 2), count('2024-10-26', 3), count('2024-00-00', 1)],
      'DAY',
    );
    expect(activity.buckets).toEqual([
      { start: '2024-10-24', label: '2024-10-24', precision: 'DAY', statements: 1, events: 1, inferredYear: 2 },
      { start: '2024-10-25', label: '2024-10-25', precision: 'DAY', statements: 0, events: 0, inferredYear: 0 },
      { start: '2024-10-26', label: '2024-10-26', precision: 'DAY', statements: 3, events: 0, inferredYear: 0 },
    ]);
    expect(activity.lessPrecise).toEqual([
      { start: '2024-01-01', label: '2024', precision: 'YEAR', statements: 1, events: 0, inferredYear: 0 },
      { start: '2024-10-01', label: '2024-10', precision: 'MONTH', statements: 2, events: 0, inferredYear: 0 },
    ]);
    expect(activity.withoutYear).toBe(0);
  });

  it('groups days into ISO weeks, across a year boundary', () => {
    const activity = bucketActivity([count('2024-12-30', 1), count('2025-01-05', 2), count('2025-01-06', 4)], 'WEEK');
    expect(activity.buckets.map((b) => [b.label, b.start, b.statements])).toEqual([
      ['2025-W01', '2024-12-30', 3],
      ['2025-W02', '2025-01-06', 4],
    ]);
  });

  it('counts days and months in their month, years apart, and dates without a year nowhere', () => {
    const activity = bucketActivity(
      [count('2024-10-24', 1), count('2024-10-00', 2), count('2024-12-03', 1, 2), count('2024-00-00', 5), count('0000-10-25', 7)],
      'MONTH',
    );
    expect(activity.buckets.map((b) => [b.label, b.statements, b.events])).toEqual([
      ['2024-10', 3, 0],
      ['2024-11', 0, 0],
      ['2024-12', 1, 2],
    ]);
    expect(activity.lessPrecise.map((b) => [b.label, b.precision, b.statements])).toEqual([['2024', 'YEAR', 5]]);
    expect(activity.withoutYear).toBe(7);
    expect(bucketActivity([count('2023-05-00', 1), count('2025-00-00', 1)], 'YEAR').buckets.map((b) => [b.label, b.statements])).toEqual([
      ['2023', 1],
      ['2024', 0],
      ['2025', 1],
    ]);
  });

  it('refuses more buckets than allowed instead of building them', () => {
    expect(() => bucketActivity([count('2000-01-01', 1), count('2024-01-01', 1)], 'DAY', 1_000)).toThrow(RangeError);
    expect(bucketActivity([count('2000-01-01', 1), count('2024-01-01', 1)], 'YEAR').buckets).toHaveLength(25);
  });
});

describe('which date tallies an answer by month or year reads', () => {
  it('reads only whole periods when the bounds are open or fall on period bounds', () => {
    expect(tallyReads('MONTH', '', '9999-99-99')).toEqual({ keep: 8, fill: '99', dayRanges: [] });
    expect(tallyReads('MONTH', '2023-07-00', '2024-99-99').dayRanges).toEqual([]);
    expect(tallyReads('YEAR', '2023-00-00', '2024-99-99')).toEqual({ keep: 5, fill: '99-99', dayRanges: [] });
  });

  it('reads the days of a period a bound cuts, from the bound to the end of its period', () => {
    expect(tallyReads('MONTH', '2023-07-15', '2024-01-02').dayRanges).toEqual([
      ['2023-07-15', '2023-07-99'],
      ['2024-01-00', '2024-01-02'],
    ]);
    expect(tallyReads('YEAR', '2023-07-15', '2024-10-99').dayRanges).toEqual([
      ['2023-07-15', '2023-99-99'],
      ['2024-00-00', '2024-10-99'],
    ]);
  });

  it('reads one range when both bounds cut the same period, and none when the range is empty', () => {
    expect(tallyReads('MONTH', '2023-07-14', '2023-07-20').dayRanges).toEqual([['2023-07-14', '2023-07-20']]);
    expect(tallyReads('YEAR', '2023-02-00', '2023-05-99').dayRanges).toEqual([['2023-02-00', '2023-05-99']]);
    expect(tallyReads('MONTH', '2024-01-05', '2023-12-31').dayRanges).toEqual([]);
  });
});
