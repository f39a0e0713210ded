import type { Session, Transaction } from 'neo4j-driver';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { GraphFailure } from '../../src/graph/errors.js';
import { evidenceId } from '../../src/graph/fact-writes.js';
import { loadDocument } from '../../src/graph/seed.js';
import type { Evidence } from '../../src/seed/format.js';
import { draftDocument } from '../helpers/drafts.js';
import { count, removeSource, TEST_DATABASE, testDriver, testExecutor } from '../helpers/graph.js';
import { waitUntil } from '../helpers/wait.js';

// A load plans which of its spans are stored nowhere and creates those. Another write (an analyst
// citing words of the same source, or a second load of it) can store one of them in between; the
// load must then plan again, not fail.
const executor = testExecutor();
const driver = testDriver();
const SOURCE = 'span-race-test';
const ENTITIES = ['Alphaland', 'Betaland', 'Gammaland', 'Deltaland'];
const TEXT = 'Alphaland allied with Betaland. Betaland allied with Gammaland. Gammaland allied with Deltaland.';
const PAIRS = ['Alphaland allied with Betaland', 'Betaland allied with Gammaland', 'Gammaland allied with Deltaland'];

/** Transactions of the other writers, rolled back after each test if still open. */
const open: { session: Session; tx: Transaction }[] = [];

const entityId = (name: string) => `${SOURCE}-${name.toLowerCase()}`;

/** The source's document with the first `alliances` alliances: each a relationship citing its own sentence. */
function documentWith(alliances: number) {
  return draftDocument({
    source: SOURCE,
    text: TEXT,
    entities: ENTITIES.map((name): [string, string] => [entityId(name), name]),
    relationships: PAIRS.slice(0, alliances).map((words, i): [string, string, string, string] => {
      const [from = '', , , to = ''] = words.split(' ');
      return [`${SOURCE}-alliance-${i}`, entityId(from), entityId(to), words];
    }),
  });
}

/** The spans of the alliances, in the document's order. */
function allianceSpans(): Evidence[] {
  return documentWith(PAIRS.length).document.relationships.flatMap((rel) => rel.evidence);
}

/** Loads the source with its entities and no alliance; returns the alliances' spans, stored nowhere yet. */
async function loadWithoutAlliances(): Promise<Evidence[]> {
  const first = documentWith(0);
  await loadDocument(executor, first.document, first.text);
  return allianceSpans();
}

/**
 * Another writer storing `span`, in a transaction left open until the test commits it: as a curation
 * does (which also links it to its source, locking the source node), or only the span itself.
 */
async function storeSpanUncommitted(span: Evidence, linkToSource: boolean): Promise<{ session: Session; tx: Transaction }> {
  const session = driver.session({ database: TEST_DATABASE });
  const tx = session.beginTransaction();
  open.push({ session, tx });
  await tx.run(
    `MERGE (ev:Evidence {id: $id})
     ON CREATE SET ev.sourceId = $source, ev.start = $start, ev.end = $end, ev.quote = $quote
     SET ev.curated = true`,
    { ...span, id: evidenceId(span) },
  );
  if (linkToSource) {
    await tx.run('MATCH (s:Source {id: $source}), (ev:Evidence {id: $id}) MERGE (ev)-[:IN_SOURCE]->(s)', {
      source: span.source,
      id: evidenceId(span),
    });
  }
  return { session, tx };
}

/** Ids of the transactions waiting for a lock another holds. */
async function blockedTransactions(): Promise<string[]> {
  const rows = await executor.readRows<{ id: string }>(
    `SHOW TRANSACTIONS YIELD transactionId, status WHERE status STARTS WITH 'Blocked' RETURN transactionId AS id`,
  );
  return rows.map((row) => row.id);
}

/** Waits until a transaction not among `seen` is blocked, and returns its id. */
async function nextBlocked(seen: string[]): Promise<string> {
  let found: string | undefined;
  const waited = await waitUntil(async () => {
    found = (await blockedTransactions()).find((id) => !seen.includes(id));
    return found !== undefined;
  }, 10_000);
  expect(waited, 'the load never waited for the other write').not.toBeNull();
  return found ?? '';
}

const alliancesStored = () =>
  count(executor, 'MATCH (:Entity)-[r:ALLIED_WITH {sourceId: $source}]->(:Entity) RETURN count(r) AS n', { source: SOURCE });

afterEach(async () => {
  for (const { session, tx } of open.splice(0)) {
    if (tx.isOpen()) await tx.rollback();
    await session.close();
  }
  await removeSource(executor, SOURCE);
});

afterAll(async () => {
  await driver.close();
  await executor.close();
});

describe('a reload while another write stores one of its spans', () => {
  it('plans again and loads, citing the span the other write stored', async () => {
    const [span] = await loadWithoutAlliances();
    if (!span) throw new Error('no alliance span');
    const other = await storeSpanUncommitted(span, true);

    const changed = documentWith(1);
    const load = loadDocument(executor, changed.document, changed.text);
    await nextBlocked([]);
    await other.tx.commit();

    expect(await load).toMatchObject({ sourceId: SOURCE, relationships: 1, unchanged: false });
    expect(await alliancesStored()).toBe(1);
    const [stored] = await executor.readRows<{ spans: number; sources: number; quote: string; evidenceIds: string[] }>(
      `MATCH (ev:Evidence {id: $id})
       MATCH (:Entity)-[r:ALLIED_WITH {id: $rel}]->(:Entity)
       RETURN COUNT { (:Evidence {id: $id}) } AS spans, COUNT { (ev)-[:IN_SOURCE]->(:Source {id: $source}) } AS sources,
              ev.quote AS quote, r.evidenceIds AS evidenceIds`,
      { id: evidenceId(span), rel: `${SOURCE}-alliance-0`, source: SOURCE },
    );
    expect(stored).toEqual({ spans: 1, sources: 1, quote: PAIRS[0], evidenceIds: [evidenceId(span)] });
  });

  it('gives up with a conflict, writing nothing, when other writes store a new span before each of its attempts', async () => {
    const spans = await loadWithoutAlliances();
    expect(spans).toHaveLength(3);
    // Not linked to the source: a second writer linking would wait for the first one's lock on it.
    const others = [];
    for (const span of spans) others.push(await storeSpanUncommitted(span, false));

    const changed = documentWith(3);
    const load = loadDocument(executor, changed.document, changed.text);
    load.catch(() => undefined);
    // Each attempt waits for the first span still uncommitted; committing it fails that attempt.
    const seen: string[] = [];
    for (const { tx } of others) {
      seen.push(await nextBlocked(seen));
      await tx.commit();
    }

    const failure = await load.then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(GraphFailure);
    expect(failure).toMatchObject({ code: 'SEED_CONFLICT' });
    expect((failure as GraphFailure).message).toBe(
      `An evidence span of "${SOURCE}" was stored by another write while the source loaded, on each of 3 attempts; nothing was written, load it again`,
    );
    expect(await alliancesStored()).toBe(0);
  });
});

describe('a write waiting for a lock another write holds', () => {
  it('is stopped at its timeout and reported as DATABASE_TIMEOUT, having changed nothing', async () => {
    const [span] = await loadWithoutAlliances();
    if (!span) throw new Error('no alliance span');
    await storeSpanUncommitted(span, true); // holds the source node's lock until afterEach rolls it back

    const waiting = executor.write((tx) => tx.run('MATCH (s:Source {id: $source}) SET s.lockTestMark = true', { source: SOURCE }), 1_000);
    await expect(waiting).rejects.toMatchObject({ code: 'DATABASE_TIMEOUT', message: 'The query took too long and was stopped' });
    expect(await count(executor, 'MATCH (s:Source {id: $source}) WHERE s.lockTestMark RETURN count(s) AS n', { source: SOURCE })).toBe(0);
  });
});
