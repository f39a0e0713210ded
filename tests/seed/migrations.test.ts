import { afterAll, describe, expect, it } from 'vitest';
import { ENTITY_DERIVED } from '../../src/graph/derived.js';
import { ensureGraphSchema } from '../../src/graph/setup.js';
import { count, testExecutor } from '../helpers/graph.js';

const executor = testExecutor();
const ENTITY = 'migration-test-oldland';

afterAll(async () => {
  await executor.writeRows('MATCH (e:Entity {id: $id}) DETACH DELETE e', { id: ENTITY });
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
