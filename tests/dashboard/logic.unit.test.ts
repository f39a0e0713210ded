import { describe, expect, it } from 'vitest';
import { conflictGroups } from '../../dashboard/src/claims.js';
import { toGraphML, xmlEscape } from '../../dashboard/src/export.js';
import { formatDate } from '../../dashboard/src/format.js';
import { hashOf, parseRoute } from '../../dashboard/src/router.js';
import { searchQuery } from '../../dashboard/src/search.js';
import { paragraphAround } from '../../dashboard/src/statements.js';
import type { ClaimView, PartialDate } from '../../dashboard/src/types.js';

describe('hash routes', () => {
  it('reads each view from the hash, and writes the same hash back', () => {
    expect(parseRoute('')).toEqual({ view: 'overview' });
    expect(parseRoute('#/')).toEqual({ view: 'overview' });
    expect(parseRoute('#/entity/kim-jong-gyu')).toEqual({ view: 'entity', slug: 'kim-jong-gyu', statement: undefined });
    expect(parseRoute('#/path?from=kim-jong-gyu&to=Volodymyr%20Zelensky&k=3')).toEqual({
      view: 'path',
      from: 'kim-jong-gyu',
      to: 'Volodymyr Zelensky',
      k: 3,
      basis: [],
    });
    expect(parseRoute('#/timeline?from=2024-10')).toEqual({ view: 'timeline', from: '2024-10', to: '', entity: '' });
    for (const hash of [
      '#/',
      '#/entity/north-korea?statement=a001-stmt',
      '#/path?from=a&to=b&k=5&basis=STATED%2CALLEGED',
      '#/timeline?entity=kcna',
      '#/claims?measure=nk-troops-in-russia',
    ]) {
      expect(hashOf(parseRoute(hash))).toBe(hash);
    }
  });

  it('keeps k within 1 to 10, drops unknown bases and calls anything else unknown', () => {
    expect(parseRoute('#/path?from=a&to=b&k=99&basis=STATED,MADE_UP')).toMatchObject({ k: 10, basis: ['STATED'] });
    expect(parseRoute('#/path?from=a&to=b&k=x')).toMatchObject({ k: 3 });
    expect(parseRoute('#/nowhere').view).toBe('unknown');
    expect(parseRoute('#/entity/a/b').view).toBe('unknown');
  });
});

describe('search as you type', () => {
  it('makes the last word a prefix and removes what Lucene would read as syntax', () => {
    expect(searchQuery('Zel')).toBe('Zel*');
    expect(searchQuery('kim jong')).toBe('kim jong*');
    expect(searchQuery('a( "b')).toBe('a b*');
    expect(searchQuery('troops AND')).toBe('troops*');
    expect(searchQuery('  ')).toBe('');
  });
});

const date = (parts: Partial<PartialDate>): PartialDate => ({
  display: 'shown by the API',
  text: null,
  precision: 'DAY',
  inferred: false,
  inferenceBasis: null,
  inferredYear: null,
  inferredYearBasis: null,
  year: null,
  month: null,
  day: null,
  sortKey: '0000-00-00',
  ...parts,
});

describe('dates', () => {
  it('shows an inferred year as inferred, and only the parts the source gives', () => {
    expect(formatDate(date({ precision: 'MONTH_DAY', month: 10, day: 24, inferredYear: 2024 }))).toBe('24 Oct (year 2024 inferred)');
    expect(formatDate(date({ month: 3, day: 3, year: 2025 }))).toBe('3 Mar 2025');
    expect(formatDate(date({ precision: 'MONTH', month: 6, year: 2024 }))).toBe('Jun 2024');
    expect(formatDate(date({ precision: 'YEAR', year: 2022 }))).toBe('2022');
    expect(formatDate(date({}))).toBe('shown by the API');
  });
});

describe('quotes in context', () => {
  it('cuts the paragraph around a span, and shortens a long one at word boundaries', () => {
    const text = 'First paragraph.\nSecond one, where the quote sits, and more.\nThird.';
    const start = text.indexOf('the quote');
    expect(paragraphAround(text, start, start + 'the quote'.length)).toEqual(['Second one, where ', 'the quote', ' sits, and more.']);
    const long = `${'word '.repeat(200)}QUOTE${' word'.repeat(200)}`;
    const [before, quote, after] = paragraphAround(long, 1000, 1005);
    expect(quote).toBe('QUOTE');
    expect(before.startsWith('…word')).toBe(true);
    expect(after.endsWith('word…')).toBe(true);
    expect(before.length).toBeLessThan(300);
  });
});

const claim = (slug: string, value: number | null, conflictsWith: string[]): ClaimView => ({
  slug,
  proposition: slug,
  topic: 't',
  contested: conflictsWith.length > 0,
  quantity: value === null ? null : { measure: 'm', value, unit: 'troops', approximate: false, qualifiers: [] },
  conflictsWith: conflictsWith.map((other) => ({ slug: other })),
  evidence: [],
  stances: [],
});

describe('conflicting claims', () => {
  it('groups claims linked by conflictsWith, largest number first, and leaves the rest out', () => {
    const groups = conflictGroups([
      claim('a', 3000, ['b']),
      claim('b', 12000, ['a']),
      claim('c', null, []),
      claim('d', null, ['e']),
      claim('e', null, ['d', 'x']),
    ]);
    expect(groups.map((group) => group.map((each) => each.slug))).toEqual([
      ['b', 'a'],
      ['d', 'e'],
    ]);
  });
});

describe('GraphML', () => {
  it('declares its keys before the graph and escapes what XML cannot carry', () => {
    expect(xmlEscape(`<a & "b" 'c'>\u0001`)).toBe('&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;');
    const xml = toGraphML(
      {
        nodes: [
          { id: 'kim-jong-gyu', name: 'Kim Jong Gyu', kind: 'PERSON' },
          { id: 'ministry', name: 'Ministry of <Tests> & Co', kind: 'ORGANIZATION' },
        ],
        edges: [
          {
            id: 'rel-1',
            source: 'kim-jong-gyu',
            target: 'ministry',
            type: 'HOLDS_ROLE',
            basis: 'BACKGROUND',
            role: 'Vice Foreign Minister',
          },
        ],
      },
      'Neighbourhood of Kim Jong Gyu',
    );
    expect(xml).toContain('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"');
    expect(xml.indexOf('<key id="kind" for="node" attr.name="kind" attr.type="string"/>')).toBeLessThan(xml.indexOf('<graph '));
    expect(xml).toContain('<data key="name">Ministry of &lt;Tests&gt; &amp; Co</data>');
    expect(xml).toContain('<edge id="rel-1" source="kim-jong-gyu" target="ministry">');
    expect(xml).toContain('<data key="basis">BACKGROUND</data>');
    expect(xml.match(/<node /g)).toHaveLength(2);
    expect(xml.match(/<edge /g)).toHaveLength(1);
  });
});
