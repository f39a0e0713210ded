import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupMany } from '../../src/graph/batch.js';
import { graphCounts } from '../../src/graph/seed.js';
import { listStatements } from '../../src/graph/statements.js';
import type { SeedDocument } from '../../src/seed/format.js';
import { seedFromFiles } from '../../src/seed/load.js';
import { evidenceSpans } from '../../src/seed/validate.js';
import { count, removeSource, testExecutor } from '../helpers/graph.js';

const FIXTURE = 'tests/fixtures/example-001.json';
const executor = testExecutor();
let countsWithoutFixture: Awaited<ReturnType<typeof graphCounts>>;

beforeAll(async () => {
  await removeSource(executor, 'example-001');
  countsWithoutFixture = await graphCounts(executor);
});
afterAll(async () => {
  await removeSource(executor, 'example-001');
  expect(await graphCounts(executor)).toEqual(countsWithoutFixture);
  await executor.close();
});

// The README's seed-format example is this fixture: a second document loads beside the article.
describe('further documents', () => {
  it('load beside the article without touching its facts', async () => {
    const articleStatements = await count(executor, "MATCH (s:Statement {sourceId: 'article-001'}) RETURN count(s) AS n");
    const [summary] = await seedFromFiles(executor, [FIXTURE]);
    expect(summary).toMatchObject({ sourceId: 'example-001', entities: 3, statements: 1, claims: 1 });
    expect(await count(executor, "MATCH (s:Statement {sourceId: 'article-001'}) RETURN count(s) AS n")).toBe(articleStatements);
    const page = await listStatements(executor, { speakerAffiliationId: 'freedonia' }, { first: 10, after: null, withTotal: true });
    expect(page.rows.map((s) => s.id)).toEqual(['ex1-stmt-ministry-denial']);
    expect(page.rows[0]?.date).toMatchObject({ text: 'March 3', precision: 'MONTH_DAY', inferredYear: null, sortKey: '0000-03-03' });
    const [claim] = await lookupMany(executor, 'claim', ['ex1-claim-troops-in-sylvania']);
    expect(claim?.stances).toEqual([expect.objectContaining({ statementId: 'ex1-stmt-ministry-denial', stance: 'DENIES' })]);
  });

  it('re-loading a changed document leaves nothing stale', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-doc-'));
    try {
      const document = JSON.parse(readFileSync(FIXTURE, 'utf8')) as SeedDocument;
      const statement = document.statements[0];
      if (statement) statement.stances = [];
      document.relationships = [];
      copyFileSync('tests/fixtures/example-001.txt', join(dir, 'example-001.txt'));
      writeFileSync(join(dir, 'example-001.json'), JSON.stringify(document));
      await seedFromFiles(executor, [join(dir, 'example-001.json')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const [claim] = await lookupMany(executor, 'claim', ['ex1-claim-troops-in-sylvania']);
    expect(claim?.stances).toEqual([]);
    const [edges] = await lookupMany(executor, 'relationships', ['freedonia-foreign-ministry'], {
      types: null,
      direction: null,
      basis: null,
      first: 100,
      afterKey: null,
      afterId: null,
      withTotal: true,
    });
    expect(edges).toEqual({ rows: [], total: 0 });
  });

  it('shares a span a curated fact already cites instead of writing it again', async () => {
    await removeSource(executor, 'example-001');
    // As a curated fact leaves it (writeCuratedSpans): one of the document's spans, marked curated.
    await executor.writeRows(
      "CREATE (:Evidence {id: 'example-001:0-9', sourceId: 'example-001', start: 0, end: 9, quote: 'Freedonia', curated: true})",
    );
    await seedFromFiles(executor, [FIXTURE]);
    const [span] = await executor.readRows<{ copies: number; curated: boolean; sources: number; mentionedBy: string[] }>(
      `MATCH (ev:Evidence {id: 'example-001:0-9'})
       RETURN count(*) AS copies, ev.curated AS curated, COUNT { (ev)-[:IN_SOURCE]->(:Source {id: 'example-001'}) } AS sources,
              COLLECT { MATCH (e:Entity)-[:MENTIONED_IN]->(ev) RETURN e.id } AS mentionedBy`,
    );
    expect(span).toEqual({ copies: 1, curated: true, sources: 1, mentionedBy: ['freedonia'] });
    // Every other span is new, written once, with its one link to the source.
    const document = JSON.parse(readFileSync(FIXTURE, 'utf8')) as SeedDocument;
    const spans = new Set([...evidenceSpans(document)].map(([, s]) => `${s.source}:${s.start}-${s.end}`));
    const [stored] = await executor.readRows<{ nodes: number; ids: number; links: number }>(
      `MATCH (ev:Evidence {sourceId: 'example-001'})
       RETURN count(ev) AS nodes, count(DISTINCT ev.id) AS ids, sum(COUNT { (ev)-[:IN_SOURCE]->() }) AS links`,
    );
    expect(stored).toEqual({ nodes: spans.size, ids: spans.size, links: spans.size });
  });
});
