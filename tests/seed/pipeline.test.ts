import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { GraphFailure } from '../../src/graph/errors.js';
import { EarlierLoadFailed, loadDocument } from '../../src/graph/seed.js';
import { loadInOrder } from '../../src/seed/load.js';
import { draftDocument } from '../helpers/drafts.js';
import { count, removeSource, testExecutor } from '../helpers/graph.js';

const executor = testExecutor();
const PREFIX = 'pipeline-test-';
const SOURCES = ['a', 'b', 'c', 'd', 'e'].map((letter) => `${PREFIX}${letter}`);
const GAMMA = `${PREFIX}gamma`;

afterEach(async () => {
  for (const source of SOURCES) await removeSource(executor, source);
  await executor.writeRows('MATCH (e:Entity) WHERE e.id STARTS WITH $prefix DETACH DELETE e', { prefix: PREFIX });
});

afterAll(async () => {
  await executor.close();
});

/** A document of `source` defining Gammaland with `description`, allied with an entity of its own. */
function gammaDocument(source: string, description: string) {
  const own = `${source}-land`;
  return draftDocument({
    source,
    text: `Gammaland and Ownland signed an alliance.`,
    entities: [
      [GAMMA, 'Gammaland', description],
      [own, 'Ownland'],
    ],
    relationships: [[`${source}-alliance`, GAMMA, own, 'Gammaland and Ownland signed an alliance']],
  });
}

const sourceCount = (sourceId: string) => count(executor, 'MATCH (s:Source {id: $sourceId}) RETURN count(s) AS n', { sourceId });
const gammaDescription = async () =>
  (await executor.readRows<{ description: string }>('MATCH (e:Entity {id: $id}) RETURN e.description AS description', { id: GAMMA }))[0]
    ?.description;

/** A promise and the functions that settle it. */
function deferred() {
  let resolve: () => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

/** Settles after `ms`, telling whether `promise` had settled by then. */
async function settledWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setTimeout(resolve, ms));
  return settled;
}

describe('loading documents two at a time', () => {
  it('leaves a shared entity as the later document defines it, in either order, as a load one by one does', async () => {
    const [a, b] = [SOURCES[0] ?? '', SOURCES[1] ?? ''];
    await loadInOrder(executor, [gammaDocument(a, 'Described by A.'), gammaDocument(b, 'Described by B.')]);
    expect(await gammaDescription()).toBe('Described by B.');
    for (const source of [a, b]) await removeSource(executor, source);

    await loadInOrder(executor, [gammaDocument(b, 'Described by B.'), gammaDocument(a, 'Described by A.')]);
    expect(await gammaDescription()).toBe('Described by A.');
    expect(await count(executor, 'MATCH (e:Entity {id: $id}) RETURN count(e) AS n', { id: GAMMA })).toBe(1);
  });

  it('a load given `after` commits only once `after` settles', async () => {
    const gate = deferred();
    const source = SOURCES[0] ?? '';
    const { document, text } = gammaDocument(source, 'Waited.');
    const load = loadDocument(executor, document, text, { after: gate.promise });
    expect(await settledWithin(load, 400)).toBe(false);
    expect(await sourceCount(source)).toBe(0);
    gate.resolve();
    expect((await load).unchanged).toBe(false);
    expect(await sourceCount(source)).toBe(1);
    expect(await gammaDescription()).toBe('Waited.');
  });

  it('a load whose `after` rejects rolls back with EarlierLoadFailed and writes nothing', async () => {
    const gate = deferred();
    const source = SOURCES[0] ?? '';
    const { document, text } = gammaDocument(source, 'Never written.');
    const load = loadDocument(executor, document, text, { after: gate.promise });
    gate.reject(new Error('the one before failed'));
    await expect(load).rejects.toBeInstanceOf(EarlierLoadFailed);
    expect(await sourceCount(source)).toBe(0);
    expect(await count(executor, 'MATCH (ev:Evidence {sourceId: $source}) RETURN count(ev) AS n', { source })).toBe(0);
    expect(await gammaDescription()).toBeUndefined();
  });

  it('stops at the first failing document: those before it stay, it and the one after it roll back', async () => {
    const [a, b, c] = [SOURCES[0] ?? '', SOURCES[1] ?? '', SOURCES[2] ?? ''];
    // B refers to an entity no document defines and the graph does not hold: the database-side check refuses it.
    const failing = draftDocument({
      source: b,
      text: 'Gammaland and Nowhereland signed an alliance.',
      entities: [[GAMMA, 'Gammaland']],
      relationships: [[`${b}-alliance`, GAMMA, `${PREFIX}nowhere`, 'Gammaland and Nowhereland signed an alliance']],
    });
    const loaded: string[] = [];
    const attempt = loadInOrder(executor, [gammaDocument(a, 'From A.'), failing, gammaDocument(c, 'From C.')], {
      onLoaded: (summary) => loaded.push(summary.sourceId),
    });
    const error = await attempt.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GraphFailure);
    expect((error as GraphFailure).code).toBe('SEED_CONFLICT');
    expect((error as Error).message).toContain(`${PREFIX}nowhere`);
    expect(loaded).toEqual([a]);
    expect([await sourceCount(a), await sourceCount(b), await sourceCount(c)]).toEqual([1, 0, 0]);
    expect(await gammaDescription()).toBe('From A.');
  });

  it('loads the same source twice in a row as one by one: the second version replaces the first', async () => {
    const source = SOURCES[0] ?? '';
    const version = (words: string) =>
      draftDocument({
        source,
        text: `Gammaland and Ownland ${words}.`,
        entities: [
          [GAMMA, 'Gammaland'],
          [`${source}-land`, 'Ownland'],
        ],
        relationships: [[`${source}-${words.replace(/ /g, '-')}`, GAMMA, `${source}-land`, `Gammaland and Ownland ${words}`]],
      });
    await loadInOrder(executor, [version('signed an alliance'), version('ended the alliance')]);
    const ids = await executor.readRows<{ id: string }>('MATCH ()-[r:ALLIED_WITH {sourceId: $source}]->() RETURN r.id AS id', { source });
    expect(ids.map((row) => row.id)).toEqual([`${source}-ended-the-alliance`]);
  });

  it('runs a checkpoint after every n documents with all of them committed, and reports each in order', async () => {
    const seen: number[] = [];
    const reported: number[] = [];
    const documents = SOURCES.map((source, i) => gammaDocument(source, `Described by document ${i}.`));
    const summaries = await loadInOrder(executor, documents, {
      onLoaded: (_summary, index) => reported.push(index),
      checkpoint: {
        every: 2,
        run: async () => {
          seen.push(await count(executor, 'MATCH (s:Source) WHERE s.id STARTS WITH $prefix RETURN count(s) AS n', { prefix: PREFIX }));
        },
      },
    });
    expect(summaries.map((summary) => summary.sourceId)).toEqual(SOURCES);
    expect(reported).toEqual([0, 1, 2, 3, 4]);
    expect(seen).toEqual([2, 4]);
    expect(await gammaDescription()).toBe('Described by document 4.');
  });
});
