import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { graphCounts } from '../../src/graph/seed.js';
import { SEED_DIR, seedFromFiles } from '../../src/seed/load.js';
import { SeedValidationError } from '../../src/seed/validate.js';
import { count, idsDefinedBy, referenceDocument, testExecutor } from '../helpers/graph.js';

const executor = testExecutor();
const SOURCE = 'article-001';

afterAll(async () => {
  await executor.close();
});

/** Writes a copy of the reference document (changed by `mutate`) and its text into a temp folder. */
function writeVariant(mutate: (doc: ReturnType<typeof referenceDocument>['document']) => void): { file: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kg-seed-'));
  const { document } = referenceDocument();
  mutate(document);
  copyFileSync(join(SEED_DIR, document.source.file), join(dir, document.source.file));
  const file = join(dir, 'variant.json');
  writeFileSync(file, JSON.stringify(document));
  return { file, dir };
}

describe('loading the article', () => {
  const { document, text } = referenceDocument();

  it('writes exactly what the document describes, per label', async () => {
    for (const kind of ['Country', 'Person', 'Organization', 'Agreement', 'Event']) {
      const expected = document.entities.filter((entity) => entity.kind === kind).length;
      expect(
        await count(executor, `${idsDefinedBy('source')} MATCH (e:${kind} {id: id}) RETURN count(e) AS n`, { source: SOURCE }),
        kind,
      ).toBe(expected);
    }
    expect(await count(executor, 'MATCH (s:Statement {sourceId: $source}) RETURN count(s) AS n', { source: SOURCE })).toBe(
      document.statements.length,
    );
    expect(await count(executor, 'MATCH (c:Claim {sourceId: $source}) RETURN count(c) AS n', { source: SOURCE })).toBe(
      document.claims.length,
    );
    expect(await count(executor, 'MATCH (s:Source {id: $source}) RETURN count(s) AS n', { source: SOURCE })).toBe(1);
    expect(document.entities.filter((e) => e.kind === 'Country').length).toBeGreaterThanOrEqual(5);
  });

  it('writes exactly what the document describes, per relationship type', async () => {
    for (const type of new Set(document.relationships.map((rel) => rel.type))) {
      const expected = document.relationships.filter((rel) => rel.type === type).length;
      expect(await count(executor, `MATCH ()-[r:${type} {sourceId: $source}]->() RETURN count(r) AS n`, { source: SOURCE }), type).toBe(
        expected,
      );
    }
    const said = document.statements.reduce((sum, s) => sum + s.speakers.length, 0);
    expect(
      await count(executor, 'MATCH (:Entity)-[r:SAID]->(:Statement {sourceId: $source}) RETURN count(r) AS n', { source: SOURCE }),
    ).toBe(said);
    const stances = document.statements.reduce((sum, s) => sum + s.stances.length, 0);
    expect(
      await count(executor, 'MATCH (:Statement {sourceId: $source})-[r:TAKES_STANCE]->() RETURN count(r) AS n', { source: SOURCE }),
    ).toBe(stances);
    const via = document.statements.filter((s) => s.via !== null).length;
    expect(await count(executor, 'MATCH (:Statement {sourceId: $source})-[r:VIA]->() RETURN count(r) AS n', { source: SOURCE })).toBe(via);
    const mentions = new Set(document.entities.flatMap((e) => e.mentions.map((m) => `${e.id}@${m.start}-${m.end}`))).size;
    expect(
      await count(executor, 'MATCH (:Entity)-[r:MENTIONED_IN]->(:Evidence {sourceId: $source}) RETURN count(r) AS n', { source: SOURCE }),
    ).toBe(mentions);
  });

  it('links the two troop estimates that disagree', async () => {
    const rows = await executor.readRows<{ a: number; b: number }>(
      `MATCH (a:Claim {sourceId: $source})-[:CONFLICTS_WITH]->(b:Claim) RETURN a.value AS a, b.value AS b`,
      { source: SOURCE },
    );
    expect(rows.map((row) => [row.a, row.b].sort((x, y) => x - y))).toContainEqual([3000, 12000]);
  });

  it('gives every statement, claim, mention and relationship evidence that matches the article', async () => {
    const spans = await executor.readRows<{ id: string; start: number; end: number; quote: string; text: string }>(
      `MATCH (ev:Evidence {sourceId: $source})-[:IN_SOURCE]->(s:Source) RETURN ev.id AS id, ev.start AS start, ev.end AS end, ev.quote AS quote, s.text AS text`,
      { source: SOURCE },
    );
    expect(spans.length).toBeGreaterThan(50);
    for (const span of spans) {
      expect(span.text).toBe(text);
      expect(text.slice(span.start, span.end), span.id).toBe(span.quote);
    }
    const unevidenced = await executor.readRows<{ id: string }>(
      `MATCH (n:Statement|Claim {sourceId: $source}) WHERE NOT EXISTS { (n)-[:EVIDENCED_BY]->(:Evidence) } RETURN n.id AS id
       UNION
       ${idsDefinedBy('source')}
       MATCH (e:Entity {id: id}) WHERE NOT EXISTS { (e)-[:MENTIONED_IN]->(:Evidence) } RETURN e.id AS id
       UNION
       MATCH (:Entity)-[r {sourceId: $source}]->(:Entity) WHERE r.basis <> 'BACKGROUND' AND size(r.evidenceIds) = 0 RETURN r.id AS id`,
      { source: SOURCE },
    );
    expect(unevidenced).toEqual([]);
    const dangling = await count(
      executor,
      `MATCH ()-[r {sourceId: $source}]->() UNWIND r.evidenceIds AS evidenceId
       WITH evidenceId WHERE NOT EXISTS { MATCH (:Evidence {id: evidenceId}) } RETURN count(*) AS n`,
      { source: SOURCE },
    );
    expect(dangling).toBe(0);
  });

  it('stores "Oct. 25" as month-day with the year only inferred', async () => {
    const [row] = await executor.readRows<Record<string, unknown>>(
      `MATCH (s:Statement {id: 'a001-stmt-nk-foreign-ministry-oct25'})
       RETURN s.dateText AS text, s.dateYear AS year, s.dateMonth AS month, s.dateDay AS day, s.datePrecision AS precision,
              s.dateInferredYear AS inferredYear, s.dateInferredYearBasis AS basis`,
    );
    expect(row).toMatchObject({ text: 'Oct. 25', year: null, month: 10, day: 25, precision: 'MONTH_DAY', inferredYear: 2024 });
    expect(String(row?.basis)).not.toBe('');
  });

  it('is idempotent: a second run leaves identical counts', async () => {
    const before = await graphCounts(executor);
    await seedFromFiles(executor);
    expect(await graphCounts(executor)).toEqual(before);
  });

  it('rejects a file whose quote differs from the text, naming the path, and writes nothing', async () => {
    const before = await graphCounts(executor);
    const { file, dir } = writeVariant((doc) => {
      const span = doc.claims[0]?.evidence[0];
      if (span) span.quote = span.quote.toUpperCase();
      doc.statements.pop(); // would change counts if anything were written
    });
    try {
      const attempt = seedFromFiles(executor, [file]);
      await expect(attempt).rejects.toBeInstanceOf(SeedValidationError);
      await expect(attempt).rejects.toThrow('variant.json: $.claims[0].evidence[0].quote: differs from text.slice(');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(await graphCounts(executor)).toEqual(before);
  });

  it('rolls back the whole document when the database refuses part of it', async () => {
    const before = await graphCounts(executor);
    // Valid on its own, but "russia" is a Country in the graph: the transaction must abort midway and leave nothing.
    const { file, dir } = writeVariant((doc) => {
      doc.source.id = 'article-rollback';
      const walk = (value: unknown): void => {
        if (Array.isArray(value)) value.forEach(walk);
        else if (value && typeof value === 'object') {
          const record = value as Record<string, unknown>;
          if (record.source === 'article-001') record.source = 'article-rollback';
          Object.values(record).forEach(walk);
        }
      };
      walk(doc);
      for (const list of [doc.statements, doc.claims, doc.relationships])
        for (const item of list) item.id = item.id.replace(/^a001-/, 'rb-');
      for (const s of doc.statements) for (const t of s.stances) t.claim = t.claim.replace(/^a001-/, 'rb-');
      for (const r of doc.relationships) if (r.claimId) r.claimId = r.claimId.replace(/^a001-/, 'rb-');
      for (const c of doc.claims) for (const other of c.contradicts ?? []) other.claim = other.claim.replace(/^a001-/, 'rb-');
      const russia = doc.entities.find((e) => e.id === 'russia');
      if (russia) russia.kind = 'Organization';
    });
    try {
      await expect(seedFromFiles(executor, [file])).rejects.toThrow('Entity "russia" is already a Country in the graph');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(await graphCounts(executor)).toEqual(before);
  });
});
