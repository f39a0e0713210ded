import { ENTITY_DERIVED } from '../../src/graph/derived.js';
import type { GraphExecutor } from '../../src/graph/executor.js';

/** Slug prefix of the test-owned clique. */
export const CLIQUE = 'slow-clique';

/**
 * Creates a clique of `size` countries, all ALLIED_WITH each other: a small graph on which
 * `neighbours(depth: 3)` enumerates millions of paths and runs for seconds. Owned by the test that
 * creates it; removeClique deletes exactly it. Written with the derived keys the loader writes (listed by name).
 */
export async function createClique(executor: GraphExecutor, size: number): Promise<void> {
  try {
    await writeClique(executor, size);
  } catch (error) {
    // It takes seconds alone; when it does not finish, what else the database was doing says why.
    throw new Error(`creating the ${size}-clique failed; the database then: ${await databaseActivity(executor)}`, { cause: error });
  }
}

/** The database's open transactions and heap use, as JSON, for a failure report. */
async function databaseActivity(executor: GraphExecutor): Promise<string> {
  const asked = (cypher: string) => executor.readRows(cypher).catch((failure: unknown) => [{ unavailable: String(failure) }]);
  const transactions = await asked('SHOW TRANSACTIONS YIELD transactionId, status, elapsedTime, currentQuery RETURN *');
  const heap = await asked(
    `CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes
     RETURN attributes.HeapMemoryUsage.value.properties.used / 1048576 AS usedMb, attributes.HeapMemoryUsage.value.properties.max / 1048576 AS maxMb`,
  );
  return JSON.stringify({ transactions, heap });
}

async function writeClique(executor: GraphExecutor, size: number): Promise<void> {
  await executor.writeRows(
    `UNWIND range(1, $size) AS i
     MERGE (e:Entity:Country {id: $prefix + '-' + i})
     SET e.kind = 'Country', e.name = 'Clique ' + i, e.aliases = [], e.description = 'test fixture', e.background = []
     SET ${ENTITY_DERIVED}`,
    { size, prefix: CLIQUE },
  );
  await executor.writeRows(
    `MATCH (a:Entity) WHERE a.id STARTS WITH $prefix
     MATCH (b:Entity) WHERE b.id STARTS WITH $prefix AND a.id < b.id
     MERGE (a)-[r:ALLIED_WITH {id: a.id + '~' + b.id}]->(b)
     SET r.basis = 'STATED', r.evidenceIds = [], r.sourceId = $prefix`,
    { prefix: `${CLIQUE}-` },
  );
}

/** Deletes the clique and its relationships. */
export async function removeClique(executor: GraphExecutor): Promise<void> {
  await executor.writeRows('MATCH (e:Entity) WHERE e.id STARTS WITH $prefix DETACH DELETE e', { prefix: `${CLIQUE}-` });
}

/** Transactions on the server that belong to an API request (they carry its request id). */
export async function requestTransactions(executor: GraphExecutor): Promise<{ requestId: string; query: string }[]> {
  return executor.readRows<{ requestId: string; query: string }>(
    `SHOW TRANSACTIONS YIELD metaData, currentQuery WHERE metaData.requestId IS NOT NULL
     RETURN metaData.requestId AS requestId, currentQuery AS query`,
  );
}
