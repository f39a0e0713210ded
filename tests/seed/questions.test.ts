import { afterAll, describe, expect, it } from 'vitest';
import { lookupMany } from '../../src/graph/batch.js';
import { listClaims } from '../../src/graph/claims.js';
import { shortestPaths } from '../../src/graph/paths.js';
import { searchGraph } from '../../src/graph/search.js';
import { listStatements } from '../../src/graph/statements.js';
import { timeline } from '../../src/graph/timeline.js';
import { referenceDocument, testExecutor } from '../helpers/graph.js';

const executor = testExecutor();
afterAll(async () => {
  await executor.close();
});
const { text } = referenceDocument();

// The six questions of the knowledge model, answered by the data-access layer's Cypher.
describe('questions the graph answers', () => {
  it("1. everything North Korea's officials said, with quotes and dates", async () => {
    const page = await listStatements(
      executor,
      { speakerAffiliationId: 'north-korea', speakerKinds: ['Person'] },
      { first: 50, after: null, withTotal: true },
    );
    expect(page.rows.length).toBeGreaterThanOrEqual(3);
    for (const statement of page.rows) expect(statement.speakerIds).toContain('kim-jong-gyu');
    const quoted = page.rows.find((statement) => statement.quote !== null);
    expect(quoted?.quote).toContain('I think it will be an act conforming with the regulations of international law');
    expect(text).toContain(quoted?.quote ?? '<none>');
    for (const statement of page.rows) {
      expect(statement.date).toMatchObject({ month: 10, day: 25, precision: 'MONTH_DAY', inferred: true });
      expect(statement.date?.inferenceBasis).toBeTruthy();
    }
    // The ministry's own statement is the organization's, not an official's.
    const all = await listStatements(executor, { speakerAffiliationId: 'north-korea' }, { first: 50, after: null, withTotal: true });
    expect(all.rows.map((s) => s.id)).toContain('a001-stmt-nk-foreign-ministry-oct25');
    expect(page.rows.map((s) => s.id)).not.toContain('a001-stmt-nk-foreign-ministry-oct25');
  });

  it('2. how Kim Jong Gyu is connected to Volodymyr Zelensky', async () => {
    const paths = (await shortestPaths(executor, 'kim-jong-gyu', 'volodymyr-zelensky', { maxHops: 6, types: null, k: 3, bases: null }))
      .paths;
    expect(paths.length).toBeGreaterThan(0);
    const [shortest] = paths;
    expect(shortest?.entityIds[0]).toBe('kim-jong-gyu');
    expect(shortest?.entityIds.at(-1)).toBe('volodymyr-zelensky');
    expect(shortest?.entityIds).toContain('north-korea');
    expect(shortest?.entityIds).toContain('russia');
    expect(shortest?.entityIds).toContain('ukraine');
    for (const path of paths) expect(path.hops.length).toBeGreaterThanOrEqual(shortest?.hops.length ?? 0);
    // Every hop carries its type, direction and evidence (or is marked background).
    for (const hop of shortest?.hops ?? []) {
      expect(hop.relationship.type).toMatch(/^[A-Z_]+$/);
      expect(hop.relationship.evidenceIds.length > 0 || hop.relationship.basis === 'BACKGROUND').toBe(true);
    }
    const last = shortest?.hops.at(-1);
    expect(last).toMatchObject({
      toId: 'volodymyr-zelensky',
      direction: 'BACKWARD',
      relationship: { type: 'HOLDS_ROLE', basis: 'BACKGROUND' },
    });
    // Without alleged links, the paths avoid the denied weapons supply.
    const notAlleged = (
      await shortestPaths(executor, 'kim-jong-gyu', 'volodymyr-zelensky', {
        maxHops: 6,
        types: null,
        k: 5,
        bases: ['STATED', 'BACKGROUND'],
      })
    ).paths;
    expect(notAlleged.length).toBeGreaterThan(0);
    for (const path of notAlleged) for (const hop of path.hops) expect(hop.relationship.basis).not.toBe('ALLEGED');
    expect(
      (await shortestPaths(executor, 'kim-jong-gyu', 'volodymyr-zelensky', { maxHops: 2, types: null, k: 1, bases: null })).paths,
    ).toEqual([]);
  });

  it('3. estimates of North Korean troops in Russia, who made them, and whether they conflict', async () => {
    const page = await listClaims(executor, { measure: 'nk-troops-in-russia' }, { first: 50, after: null, withTotal: true });
    const values = page.rows.map((claim) => claim.quantity?.value).sort((a, b) => (a ?? 0) - (b ?? 0));
    expect(values).toEqual([3000, 12000]);
    const [low, high] = [...page.rows].sort((a, b) => (a.quantity?.value ?? 0) - (b.quantity?.value ?? 0));
    expect(low?.conflictIds).toContain(high?.id);
    expect(high?.conflictIds).toContain(low?.id);
    expect(high?.quantity?.qualifiers).toContain('approximately');
    const makers = await lookupMany(
      executor,
      'statement',
      [...(low?.stances ?? []), ...(high?.stances ?? [])].map((s) => s.statementId),
    );
    const speakers = makers.flatMap((s) => s?.speakerIds ?? []);
    expect(speakers).toEqual(expect.arrayContaining(['south-korean-lawmakers', 'ukraine-military-intelligence']));
    // The lawmakers estimate; the intelligence service's figure is reported, so asserted.
    expect(low?.stances.map((s) => s.stance)).toEqual(['ESTIMATES']);
    expect(high?.stances.map((s) => s.stance)).toEqual(['ASSERTS']);
  });

  it('4. which agreements North Korea is party to, and with whom', async () => {
    const partyTo = { types: ['PARTY_TO'], direction: null, basis: null, first: 100, afterKey: null, afterId: null, withTotal: false };
    const [edges] = await lookupMany(executor, 'relationships', ['north-korea'], partyTo);
    const agreements = (edges?.rows ?? []).map((edge) => edge.otherId);
    expect(agreements).toHaveLength(1);
    const [agreement] = await lookupMany(executor, 'entity', agreements);
    expect(agreement).toMatchObject({ kind: 'Agreement' });
    expect(agreement?.name.toLowerCase()).toContain('defense pact');
    const [partyEdges] = await lookupMany(executor, 'relationships', agreements, partyTo);
    const parties = (partyEdges?.rows ?? []).map((edge) => edge.otherId).sort();
    expect(parties).toEqual(['north-korea', 'russia']);
  });

  it('5. a timeline of dated statements and events', async () => {
    const items = await timeline(executor, { from: null, to: null, entityId: null, limit: 100 });
    expect(items.length).toBeGreaterThanOrEqual(3);
    const keys = items.map((item) => item.sortKey);
    expect(keys).toEqual([...keys].sort());
    const first = items[0];
    expect(first?.sortKey).toBe('2024-10-24');
    const oct25 = items.filter((item) => item.sortKey === '2024-10-25' && item.kind === 'STATEMENT');
    expect(oct25.map((item) => (item.kind === 'STATEMENT' ? item.statement.id : ''))).toContain('a001-stmt-nk-foreign-ministry-oct25');
    const onlyOct24 = await timeline(executor, { from: '2024-10-24', to: '2024-10-24', entityId: null, limit: 100 });
    expect(onlyOct24.every((item) => item.sortKey === '2024-10-24')).toBe(true);
    const forZelensky = await timeline(executor, { from: null, to: null, entityId: 'kim-jong-gyu', limit: 100 });
    expect(
      forZelensky.every(
        (item) =>
          item.kind !== 'STATEMENT' ||
          item.statement.speakerIds.includes('kim-jong-gyu') ||
          item.statement.aboutIds.includes('kim-jong-gyu'),
      ),
    ).toBe(true);
  });

  it('6. a full-text search for "defense pact" finds the agreement', async () => {
    const hits = await searchGraph(executor, 'defense pact', 10);
    expect(hits[0]).toMatchObject({ kind: 'ENTITY', entity: { id: 'north-korea-russia-mutual-defense-pact', kind: 'Agreement' } });
  });

  it('links denied claims to who denied them', async () => {
    const denied = await listClaims(executor, { stance: 'DENIES' }, { first: 50, after: null, withTotal: true });
    const weapons = denied.rows.find((claim) => claim.topic === 'nk-weapons-to-russia');
    const deniers = await lookupMany(
      executor,
      'statement',
      (weapons?.stances ?? []).filter((s) => s.stance === 'DENIES').map((s) => s.statementId),
    );
    expect(deniers.flatMap((s) => s?.speakerIds ?? []).sort()).toEqual(['north-korea', 'russia']);
    const [claim] = await lookupMany(executor, 'claim', [weapons?.id ?? '']);
    expect(claim?.stances.some((s) => s.stance === 'ACCUSES')).toBe(true);
  });
});
