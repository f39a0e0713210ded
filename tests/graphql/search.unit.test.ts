import { describe, expect, it } from 'vitest';
import { queryTerms } from '../../src/graph/search.js';
import { searchText } from '../../src/schema/args.js';
import { highlight } from '../../src/schema/highlight.js';

describe('search text', () => {
  it('is split into lower-case terms without Lucene operators or one-letter words', () => {
    expect(queryTerms('Kim AND "Jong Un" -a OR troops~')).toEqual(['kim', 'jong', 'un', 'troops']);
  });

  it('is refused when empty, too long, or with too many terms', () => {
    const limits = { maxSearchLength: 20, maxSearchTerms: 3 };
    expect(searchText('Kim Jong Un', limits, 'text')).toBe('Kim Jong Un');
    expect(() => searchText('   ', limits, 'text')).toThrow('"text" must not be empty');
    expect(() => searchText('x'.repeat(21), limits, 'text')).toThrow('"text" is too long: 21 characters, at most 20 (MAX_SEARCH_LENGTH)');
    expect(() => searchText('a b c d', limits, 'text')).toThrow('"text" has 4 terms, at most 3 (MAX_SEARCH_TERMS)');
  });
});

describe('highlighting', () => {
  it('marks every term, case-insensitively, keeping the text as it is', () => {
    expect(highlight('Kim Jong Un met KIM Yo Jong.', 'kim jong')).toBe(
      '<mark>Kim</mark> <mark>Jong</mark> Un met <mark>KIM</mark> Yo <mark>Jong</mark>.',
    );
  });

  it('treats regular-expression characters in the query as text', () => {
    expect(highlight('costs $5 (approx.)', 'approx.* $5')).toBe('costs <mark>$5</mark> (<mark>approx.</mark>)');
    // "." is a dot, not any character.
    expect(highlight('approxX', 'approx.')).toBe('approxX');
  });
});
