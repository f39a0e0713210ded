import { afterAll, describe, expect, it } from 'vitest';
import { ENTITY_DERIVED } from '../../src/graph/derived.js';
import { ensureGraphSchema, replanWithCurrentStatistics } from '../../src/graph/setup.js';
import { count, testExecutor } from '../helpers/graph.js';

const executor = testExecutor();
const ENTITY = 'migration-test-oldland';
const FRESH = 'setup-test-fresh';

afterAll(async () => {
  await executor.writeRows('MATCH (e:Entity {id: $id}) DETACH DELETE e', { id: ENTITY });
  await executor.writeRows('MATCH (e:Entity) WHERE e.id STARTS WITH $prefix DETACH DELETE e', { prefix: `${FRESH}-` });
  await executor.close();
});

describe('a database loaded by an earlier version', () => {
  it('loses the source lists its entities kept, once: which sources define an entity is read from the sources', async () => {
    await executor.writeRows(
      `MERGE (e:Entity:Country {id: $id})
       SET e.kind = 'Country', e.name = 'Oldland', e.aliases = [], e.description = 'test fixture', e.background = [],
           e.sourceIds = ['migration-test-a', 'migration-test-b']
       SET ${ENTITY_DERIVED}`,
      { id: ENTITY },
    );
    // As in a database where the migration has not run yet.
    await executor.writeRows("MATCH (m:Migration {id: 'no-entity-source-lists'}) DELETE m");
    await ensureGraphSchema(executor);

    const [entity] = await executor.readRows<{ keys: string[] }>('MATCH (e:Entity {id: $id}) RETURN keys(e) AS keys', { id: ENTITY });
    expect(entity?.keys).toContain('name');
    expect(entity?.keys).not.toContain('sourceIds');
    expect(await count(executor, 'MATCH (e:Entity) WHERE e.sourceIds IS NOT NULL RETURN count(e) AS n')).toBe(0);
    expect(await count(executor, "MATCH (m:Migration {id: 'no-entity-source-lists'}) RETURN count(m) AS n")).toBe(1);
  });
});

/** What Neo4j's statistics say about the index on entities' name order. */
async function nameOrderIndexSample(): Promise<{ totalSize: number; updatesSinceEstimation: number }> {
  const [row] = await executor.readRows<{ index: { totalSize: number; updatesSinceEstimation: number } | null }>(
    `CALL db.stats.retrieve('GRAPH COUNTS') YIELD data
     RETURN [i IN data.indexes WHERE i.labels = ['Entity'] AND i.properties = ['nameOrder'] | i][0] AS index`,
  );
  if (!row?.index) throw new Error('no statistics for the nameOrder index');
  return { totalSize: row.index.totalSize, updatesSinceEstimation: row.index.updatesSinceEstimation };
}

describe('after a load', () => {
  it('re-samples the indexes on request, so that plans are made for what the database holds now', async () => {
    await executor.writeRows(
      `UNWIND range(1, 40) AS i
       MERGE (e:Entity:Country {id: $prefix + '-' + i})
       SET e.kind = 'Country', e.name = 'Fresh ' + i, e.aliases = [], e.description = 'test fixture', e.background = []
       SET ${ENTITY_DERIVED}`,
      { prefix: FRESH },
    );
    await replanWithCurrentStatistics(executor);

    const indexed = await count(executor, 'MATCH (e:Entity) WHERE e.nameOrder IS NOT NULL RETURN count(e) AS n');
    expect(indexed).toBeGreaterThanOrEqual(40);
    expect(await nameOrderIndexSample()).toEqual({ totalSize: indexed, updatesSinceEstimation: 0 });
  });
});
