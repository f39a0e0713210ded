import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { upsertEntity } from '../../src/graph/curation.js';
import { seedDocuments } from '../../src/seed/load.js';
import { SeedValidationError } from '../../src/seed/validate.js';
import { draftDocument as document } from '../helpers/drafts.js';
import { count, ownCounts, removeSource, sourcesDefining, testExecutor } from '../helpers/graph.js';

const executor = testExecutor();
const SOURCES = ['refs-test-a', 'refs-test-b', 'refs-test-c', 'refs-test-d', 'refs-test-e', 'refs-test-diff'];

afterEach(async () => {
  for (const source of SOURCES) await removeSource(executor, source);
  // Entities created for a reference before their defining document loaded belong to no source.
  await executor.writeRows("MATCH (e:Entity) WHERE e.id STARTS WITH 'refs-test-' DETACH DELETE e");
});

afterAll(async () => {
  await executor.close();
});

const ALPHA = 'refs-test-alpha';
const BETA = 'refs-test-beta';

// A refers to Beta, which only B defines; loading A first used to drop the relationship silently.
const A = document({
  source: 'refs-test-a',
  text: 'Alphaland and Betaland signed an alliance.',
  entities: [[ALPHA, 'Alphaland']],
  relationships: [['refs-test-rel-alliance', ALPHA, BETA, 'Alphaland and Betaland signed an alliance']],
});
const B = document({ source: 'refs-test-b', text: 'Betaland held elections.', entities: [[BETA, 'Betaland']], relationships: [] });

describe('references across documents and the database', () => {
  it('loads documents in any order without losing a relationship to an entity a later document defines', async () => {
    const summaries = await seedDocuments(executor, [A, B]);
    expect(summaries.map((summary) => [summary.sourceId, summary.relationships, summary.unchanged])).toEqual([
      ['refs-test-a', 1, false],
      ['refs-test-b', 0, false],
    ]);
    expect(
      await count(executor, 'MATCH (:Entity {id: $a})-[r:ALLIED_WITH {id: $rel}]->(:Entity {id: $b}) RETURN count(r) AS n', {
        a: ALPHA,
        b: BETA,
        rel: 'refs-test-rel-alliance',
      }),
    ).toBe(1);
    // Beta is merged once, with the source that defines it.
    const [beta] = await executor.readRows<{ kind: string; copies: number }>(
      'MATCH (e:Entity {id: $id}) RETURN e.kind AS kind, count(*) AS copies',
      { id: BETA },
    );
    expect(beta).toEqual({ kind: 'Country', copies: 1 });
    expect(await sourcesDefining(executor, BETA)).toEqual(['refs-test-b']);
  });

  it('writes an entity several documents define alike the same each time, and keeps who defines it on the sources', async () => {
    const sources = ['refs-test-a', 'refs-test-b', 'refs-test-c'];
    const texts = ['Betaland held elections.', 'Betaland closed its border.', 'Betaland signed a treaty.'];
    const written: Record<string, unknown>[] = [];
    for (const [i, source] of sources.entries()) {
      const text = texts[i] ?? '';
      await seedDocuments(executor, [document({ source, text, entities: [[BETA, 'Betaland']], relationships: [] })]);
      const [row] = await executor.readRows<{ props: Record<string, unknown> }>(
        'MATCH (e:Entity {id: $id}) RETURN properties(e) AS props',
        {
          id: BETA,
        },
      );
      const props = { ...row?.props };
      // When it was last written changes; nothing else may, however many documents define it.
      delete props.writtenAt;
      written.push(props);
    }
    expect(written).toHaveLength(3);
    expect(written[0]).toMatchObject({ name: 'Betaland', kind: 'Country' });
    expect(written[1]).toEqual(written[0]);
    expect(written[2]).toEqual(written[0]);
    expect(await sourcesDefining(executor, BETA)).toEqual(sources);
  });

  it('does not write again a definition another document wrote unchanged; a different one, or an edit, in between is merged as before', async () => {
    const beta = async () =>
      (
        await executor.readRows<{ description: string; at: string }>(
          'MATCH (e:Entity {id: $id}) RETURN e.description AS description, toString(e.writtenAt) AS at',
          { id: BETA },
        )
      )[0];
    const load = (source: string, description: string) =>
      seedDocuments(executor, [
        document({ source, text: 'Betaland held elections.', entities: [[BETA, 'Betaland', description]], relationships: [] }),
      ]);

    await load('refs-test-a', 'Betaland, as A describes it.');
    const first = await beta();
    expect(first?.description).toBe('Betaland, as A describes it.');
    // B defines it exactly as A did: the entity is not written again.
    await load('refs-test-b', 'Betaland, as A describes it.');
    expect(await beta()).toEqual(first);
    // C defines it differently, then D as A did: each is merged.
    await load('refs-test-c', 'Betaland, as C describes it.');
    expect((await beta())?.description).toBe('Betaland, as C describes it.');
    await load('refs-test-d', 'Betaland, as A describes it.');
    const fourth = await beta();
    expect(fourth?.description).toBe('Betaland, as A describes it.');
    expect(fourth?.at).not.toBe(first?.at);
    // An analyst's edit, then a document with the definition merged last: merged again, as before the edit.
    await upsertEntity(
      executor,
      { id: BETA, kind: 'Country', name: 'Betaland', aliases: [], description: 'Edited by an analyst.' },
      'analyst',
    );
    await load('refs-test-e', 'Betaland, as A describes it.');
    expect((await beta())?.description).toBe('Betaland, as A describes it.');
    expect(await sourcesDefining(executor, BETA)).toEqual(['refs-test-a', 'refs-test-b', 'refs-test-c', 'refs-test-d', 'refs-test-e']);
  });

  it('resolves references to entities already stored by an earlier load', async () => {
    const statement = document({
      source: 'refs-test-c',
      text: 'North Korea said nothing new.',
      entities: [],
      relationships: [],
      statements: [['refs-test-stmt', 'north-korea', 'North Korea said nothing new']],
    });
    const [summary] = await seedDocuments(executor, [statement]);
    expect(summary?.statements).toBe(1);
    expect(
      await count(executor, "MATCH (:Entity {id: 'north-korea'})-[:SAID]->(s:Statement {id: 'refs-test-stmt'}) RETURN count(s) AS n"),
    ).toBe(1);
  });

  it('refuses a reference to an entity that is neither in the documents nor stored, naming its path, and writes nothing', async () => {
    const before = await ownCounts(executor, 'refs-test');
    const orphan = document({
      source: 'refs-test-c',
      text: 'Atlantis said nothing.',
      entities: [],
      relationships: [],
      statements: [['refs-test-stmt-orphan', 'refs-test-atlantis', 'Atlantis said nothing']],
    });
    const error = await seedDocuments(executor, [A, B, orphan]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SeedValidationError);
    expect((error as SeedValidationError).jsonPath).toBe('$.statements[0].speakers[0]');
    expect((error as SeedValidationError).problem).toBe('unknown entity "refs-test-atlantis" (not in these documents nor in the database)');
    expect(await ownCounts(executor, 'refs-test')).toEqual(before);
  });

  it('re-loading an unchanged document writes nothing; a changed one is written again', async () => {
    await seedDocuments(executor, [A, B]);
    const before = await ownCounts(executor, 'refs-test');
    const again = await seedDocuments(executor, [B, A]);
    expect(again.map((summary) => summary.unchanged)).toEqual([true, true]);
    expect(await ownCounts(executor, 'refs-test')).toEqual(before);
    const changed = document({
      source: 'refs-test-b',
      text: 'Betaland held early elections.',
      entities: [[BETA, 'Betaland']],
      relationships: [],
    });
    const [rewritten] = await seedDocuments(executor, [changed]);
    expect(rewritten?.unchanged).toBe(false);
    expect(await count(executor, "MATCH (s:Source {id: 'refs-test-b'}) WHERE s.text CONTAINS 'early' RETURN count(s) AS n")).toBe(1);
  });

  it('re-loading a changed document writes only what changed and removes only what is gone', async () => {
    const text = 'Alphaland and Betaland signed an alliance. Alphaland said the alliance holds.';
    const build = () =>
      document({
        source: 'refs-test-diff',
        text,
        entities: [
          [ALPHA, 'Alphaland'],
          [BETA, 'Betaland'],
        ],
        relationships: [['refs-test-diff-alliance', ALPHA, BETA, 'Alphaland and Betaland signed an alliance']],
        statements: [
          ['refs-test-diff-holds', ALPHA, 'Alphaland said the alliance holds'],
          ['refs-test-diff-signed', BETA, 'Alphaland and Betaland signed an alliance'],
        ],
      });
    const [first] = await seedDocuments(executor, [build()]);
    expect(first).toMatchObject({ unchanged: false, removed: 0 });
    const writtenAt = async (id: string) =>
      (await executor.readRows<{ at: string }>('MATCH (st:Statement {id: $id}) RETURN toString(st.writtenAt) AS at', { id }))[0]?.at;
    const untouchedBefore = await writtenAt('refs-test-diff-signed');

    const edited = build();
    const holds = edited.document.statements[0];
    if (holds) holds.summary = 'Alphaland said the alliance still holds.';
    const [second] = await seedDocuments(executor, [edited]);
    expect(second).toMatchObject({ unchanged: false, written: 1, removed: 0 });
    expect(await writtenAt('refs-test-diff-signed')).toBe(untouchedBefore);
    expect(
      await count(
        executor,
        "MATCH (:Entity {id: $a})-[:SAID]->(st:Statement {id: 'refs-test-diff-holds', summary: 'Alphaland said the alliance still holds.'}) RETURN count(st) AS n",
        { a: ALPHA },
      ),
    ).toBe(1);
    expect(
      await count(executor, "MATCH (st:Statement {id: 'refs-test-diff-holds'})-[:EVIDENCED_BY]->(:Evidence) RETURN count(st) AS n"),
    ).toBe(1);

    const shorter = build();
    if (shorter.document.statements[0]) shorter.document.statements[0].summary = 'Alphaland said the alliance still holds.';
    shorter.document.relationships = [];
    const [third] = await seedDocuments(executor, [shorter]);
    expect(third).toMatchObject({ unchanged: false, written: 0, removed: 1 });
    const entityWrittenAt = async () =>
      (await executor.readRows<{ at: string }>('MATCH (e:Entity {id: $id}) RETURN toString(e.writtenAt) AS at', { id: BETA }))[0]?.at;
    const betaBefore = await entityWrittenAt();
    expect(betaBefore).toBeDefined();

    // A changed entity definition is merged again; the unchanged one is not touched.
    const renamed = build();
    if (renamed.document.statements[0]) renamed.document.statements[0].summary = 'Alphaland said the alliance still holds.';
    renamed.document.relationships = [];
    const alpha = renamed.document.entities.find((entity) => entity.id === ALPHA);
    if (alpha) alpha.description = 'Alphaland, described again.';
    const [fourth] = await seedDocuments(executor, [renamed]);
    expect(fourth).toMatchObject({ unchanged: false, written: 1, removed: 0 });
    expect(
      await count(executor, "MATCH (e:Entity {id: $id, description: 'Alphaland, described again.'}) RETURN count(e) AS n", { id: ALPHA }),
    ).toBe(1);
    expect(await entityWrittenAt()).toBe(betaBefore);
    expect(await count(executor, "MATCH ()-[r:ALLIED_WITH {id: 'refs-test-diff-alliance'}]->() RETURN count(r) AS n")).toBe(0);
    expect(await count(executor, "MATCH (st:Statement {sourceId: 'refs-test-diff'}) RETURN count(st) AS n")).toBe(2);
  });
});
