import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { bucketActivity, type ActivityInterval } from '../../src/graph/activity.js';
import { countByDate } from '../../src/graph/aggregates.js';
import { ensureGraphSchema } from '../../src/graph/setup.js';
import { seedDocuments } from '../../src/seed/load.js';
import { validateDocument } from '../../src/seed/validate.js';
import { planOperators, removeSource, testExecutor } from '../helpers/graph.js';
import { graphql, startTestServer } from '../helpers/server.js';
import { recountFromScratch, storedTallies } from '../helpers/tallies.js';
import { smallDocument } from '../helpers/writes.js';

const executor = testExecutor();
const SOURCE = 'activity-test-src';
/** Sources of their own, loaded at once, each with one statement on the same day. */
const AT_ONCE = Array.from({ length: 8 }, (_, i) => `activity-test-at-once-${i}`);
let app: RunningApp;

/** Statements of the test's source, dated to the day, to the month and to the year, over three years. */
const DATED = [
  { key: '2021-00-00', date: { year: 2021, month: null, day: null, precision: 'YEAR' } },
  { key: '2023-00-00', date: { year: 2023, month: null, day: null, precision: 'YEAR' } },
  { key: '2023-07-00', date: { year: 2023, month: 7, day: null, precision: 'MONTH' } },
  { key: '2023-07-14', date: { year: 2023, month: 7, day: 14, precision: 'DAY' } },
  { key: '2023-07-30', date: { year: 2023, month: 7, day: 30, precision: 'DAY' } },
  { key: '2023-12-31', date: { year: 2023, month: 12, day: 31, precision: 'DAY' } },
  { key: '2024-01-02', date: { year: 2024, month: 1, day: 2, precision: 'DAY' } },
];

function datedDocument() {
  const doc = smallDocument(SOURCE);
  const { text } = doc;
  const at = (quote: string) => ({ source: SOURCE, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, quote });
  const statements = (doc.document as { statements: Record<string, unknown>[] }).statements;
  const [template] = statements;
  statements.splice(
    0,
    statements.length,
    ...DATED.map(({ date }, i) => ({
      ...template,
      id: `${SOURCE}-stmt-${i}`,
      date: {
        ...date,
        text: 'March 3, 2025',
        inferredYear: null,
        inferredYearBasis: null,
        inferred: false,
        inferenceBasis: null,
        evidence: [at('March 3, 2025')],
      },
    })),
  );
  return validateDocument(`${SOURCE}.json`, doc.document, doc.text);
}

beforeAll(async () => {
  app = await startTestServer();
  await seedDocuments(executor, [datedDocument()]);
});

afterAll(async () => {
  await app.close();
  for (const source of [SOURCE, ...AT_ONCE]) await removeSource(executor, source);
  await executor.close();
});

/** What an answer of `interval` holds when it is counted from the day tallies. */
async function fromDays(interval: ActivityInterval, from: string | null, to: string | null) {
  return bucketActivity(await countByDate(executor, { from, to, entityId: null }), interval);
}

describe('activity by month and by year', () => {
  it('keeps month and year tallies equal to a recount of the items after a load', async () => {
    const keys = DATED.map((item) => item.key);
    const stored = await storedTallies(executor, [], keys);
    expect(Object.keys(stored['statement-month'] ?? {}).sort()).toEqual(['2023-07-00', '2023-12-00', '2024-01-00']);
    expect(Object.keys(stored['statement-year'] ?? {}).sort()).toEqual(['2021-00-00', '2023-00-00', '2024-00-00']);
    expect(stored['statement-month']?.['2023-07-00']).toBeGreaterThanOrEqual(3);
    expect(stored).toEqual(await recountFromScratch(executor, [], keys));
  });

  it('builds the month and year tallies of a graph counted before they existed, once (a migration)', async () => {
    const keys = DATED.map((item) => item.key);
    const before = await storedTallies(executor, [], keys);
    const COARSE = "['statement-month', 'statement-year', 'event-month', 'event-year']";
    await executor.writeRows(`MATCH (t:Tally) WHERE t.group IN ${COARSE} DELETE t`);
    await executor.writeRows(`MATCH (m:Migration {id: 'coarse-date-tallies'}) DELETE m`);
    expect((await storedTallies(executor, [], keys))['statement-year']).toBeUndefined();
    await ensureGraphSchema(executor);
    expect(await storedTallies(executor, [], keys)).toEqual(before);
    const [migrated] = await executor.readRows<{ done: number }>(`MATCH (m:Migration {id: 'coarse-date-tallies'}) RETURN count(m) AS done`);
    expect(migrated?.done).toBe(1);
  });

  it('answers from month and year tallies what the day tallies answer, whole and cut by any bounds', async () => {
    const ranges: [string | null, string | null][] = [
      [null, null],
      ['2023-00-00', null],
      ['2023-07-00', '2024-99-99'],
      ['2023-07-15', '2024-01-01'],
      ['2023-07-14', '2023-07-14'],
      ['2021-00-00', '2023-07-99'],
      ['2023-12-31', '2024-01-02'],
      ['2024-10-24', '2024-10-25'],
    ];
    for (const interval of ['MONTH', 'YEAR'] as const) {
      for (const [from, to] of ranges) {
        const coarse = await countByDate(executor, { from, to, entityId: null, interval });
        expect(bucketActivity(coarse, interval), `${interval} ${from} ${to}`).toEqual(await fromDays(interval, from, to));
      }
    }
    // The whole timeline by year is one row per year and kind: no day is read.
    const byYear = await countByDate(executor, { from: null, to: null, entityId: null, interval: 'YEAR' });
    expect(byYear.length).toBeGreaterThanOrEqual(3);
    for (const row of byYear) expect(row.key, row.key).toMatch(/^\d{4}-00-00$/);
  });

  it('serves activity(interval: MONTH) through the API from the month tallies, the year-only dates apart', async () => {
    const answer = await graphql<{
      activity: { buckets: { label: string; statements: number }[]; lessPrecise: { label: string; statements: number }[] };
    }>(
      app.url,
      '{ activity(interval: MONTH, from: "2023", to: "2023-07") { buckets { label statements } lessPrecise { label statements } } }',
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.activity.buckets).toEqual([{ label: '2023-07', statements: 3 }]);
    expect(answer.data?.activity.lessPrecise).toEqual([{ label: '2023', statements: 1 }]);
  });

  it('reads index ranges with a limit and sorts nothing', async () => {
    const sent: string[] = [];
    const stop = executor.onQuery((cypher) => sent.push(cypher));
    await countByDate(executor, { from: '2023-07-15', to: null, entityId: null, interval: 'MONTH' });
    stop();
    expect(sent).toHaveLength(1);
    const plan = await planOperators(sent[0] ?? '', {
      from: '2023-07-15',
      to: '9999-99-99',
      yearFrom: '2023-',
      keep: neo4j.int(8),
      fill: '99',
      dayRanges: [['2023-07-15', '2023-07-99']],
      keys: neo4j.int(5001),
    });
    expect(plan.filter((name) => name === 'NodeIndexSeek' || name === 'NodeIndexSeekByRange').length).toBeGreaterThan(0);
    expect(plan).toContain('Limit');
    for (const scan of ['NodeByLabelScan', 'AllNodesScan', 'Sort', 'PartialSort']) expect(plan).not.toContain(scan);
  });

  it('keeps the date and stance tallies right when documents dated on one day, each asserting a claim, load at once', async () => {
    const before = (await storedTallies(executor, [], [])).stance?.ASSERTS ?? 0;
    const documents = AT_ONCE.map((source) => {
      const doc = smallDocument(source);
      const at = (quote: string) => ({ source, start: doc.text.indexOf(quote), end: doc.text.indexOf(quote) + quote.length, quote });
      const parts = doc.document as { statements: Record<string, unknown>[]; claims: Record<string, unknown>[] };
      const claim = `${source}-claim`;
      parts.claims.push({
        id: claim,
        proposition: 'The trial has ended',
        topic: `${source}-topic`,
        about: [`${source}-ministry`],
        quantity: null,
        evidence: [at('the trial had ended')],
      });
      const [statement] = parts.statements;
      if (statement) {
        statement.date = { ...(statement.date as Record<string, unknown>), year: 2019, month: 5, day: 7 };
        statement.stances = [{ claim, stance: 'ASSERTS', evidence: [at('the trial had ended')] }];
      }
      return validateDocument(`${source}.json`, doc.document, doc.text);
    });
    await Promise.all(documents.map((document) => seedDocuments(executor, [document])));
    const stored = await storedTallies(executor, [], ['2019-05-07']);
    expect(stored.stance?.ASSERTS).toBe(before + AT_ONCE.length);
    expect(stored['statement-date']).toEqual({ '2019-05-07': AT_ONCE.length });
    expect(stored['statement-month']).toEqual({ '2019-05-00': AT_ONCE.length });
    expect(stored).toEqual(await recountFromScratch(executor, [], ['2019-05-07']));
  });
});
