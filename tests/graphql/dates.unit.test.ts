import { describe, expect, it } from 'vitest';
import { dateSortKey } from '../../src/graph/seed.js';
import type { DateRecord } from '../../src/graph/records.js';
import { dateBound } from '../../src/schema/args.js';
import { describeDate } from '../../src/schema/provenance.js';

const date = (parts: Partial<DateRecord>): DateRecord => ({
  text: null,
  year: null,
  month: null,
  day: null,
  precision: 'DAY',
  inferredYear: null,
  inferredYearBasis: null,
  inferred: false,
  inferenceBasis: null,
  evidenceIds: [],
  sortKey: '',
  ...parts,
});

describe('partial dates', () => {
  it('read as the source states them, saying what was inferred', () => {
    expect(describeDate(date({ year: 2025, month: 3, day: 3 }))).toBe('March 3 2025');
    expect(describeDate(date({ month: 10, day: 25, inferredYear: 2024, precision: 'MONTH_DAY' }))).toBe('Oct. 25 (year 2024 inferred)');
    expect(describeDate(date({ year: 2024, precision: 'YEAR', inferred: true }))).toBe('2024 [date inferred from context]');
  });

  it('sort by year (the inferred one when none is stated), month and day, unknown parts as zeros', () => {
    const spec = (parts: { year: number | null; month: number | null; day: number | null; inferredYear?: number | null }) =>
      dateSortKey({
        text: null,
        precision: 'DAY',
        inferredYearBasis: null,
        inferred: false,
        inferenceBasis: null,
        evidence: [],
        inferredYear: null,
        ...parts,
      });
    expect(spec({ year: 2024, month: 10, day: 5 })).toBe('2024-10-05');
    expect(spec({ year: null, month: 10, day: 25, inferredYear: 2024 })).toBe('2024-10-25');
    expect(spec({ year: 2024, month: null, day: null })).toBe('2024-00-00');
    expect(spec({ year: null, month: 3, day: null })).toBe('0000-03-00');
  });
});

describe('date arguments', () => {
  it('become inclusive bounds on the sort key', () => {
    expect([dateBound('2024', 'from', 'from'), dateBound('2024', 'to', 'to')]).toEqual(['2024-00-00', '2024-99-99']);
    expect([dateBound('2024-10', 'from', 'from'), dateBound('2024-10-25', 'to', 'to'), dateBound(null, 'from', 'from')]).toEqual([
      '2024-10-00',
      '2024-10-25',
      null,
    ]);
  });

  it('must be real calendar dates', () => {
    expect(() => dateBound('2024-13', 'from', 'from')).toThrow(
      '"from" must be a date like 2024, 2024-10 or 2024-10-25 (got "2024-13": there is no month 13)',
    );
    expect(() => dateBound('2023-02-29', 'to', 'to')).toThrow('(got "2023-02-29": 2023-02 has no day 29)');
    expect(dateBound('2024-02-29', 'to', 'to')).toBe('2024-02-29');
    expect(() => dateBound('25 Oct 2024', 'from', 'since')).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'since' } }),
    );
  });
});
