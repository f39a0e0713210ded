// Removes everything a synthetic corpus wrote (source ids starting with "synth-") and nothing else:
//   npx tsx bench/cleanup.ts --uri bolt://127.0.0.1:7699 [--user neo4j --password ...] [--database neo4j]
// Deletes in batches, each its own transaction, so a 1m corpus does not need one huge transaction.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { RELATIONSHIP_TYPES } from '../src/seed/format.js';
import { createDriver, GraphExecutor, int } from '../src/graph/executor.js';

const BATCH = 5_000;

/** Nodes removed, by what they were. */
export interface CleanupResult {
  statements: number;
  claims: number;
  evidence: number;
  entities: number;
  relationships: number;
  sources: number;
}

/** Runs a batched delete until it deletes nothing more; returns how many it deleted. */
async function drain(executor: GraphExecutor, cypher: string, onBatch?: (removed: number) => void): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = await executor.writeRows<{ removed: number }>(cypher, { batch: int(BATCH) });
    const removed = row?.removed ?? 0;
    if (removed === 0) return total;
    total += removed;
    onBatch?.(total);
  }
}

/** Deletes the synthetic statements, claims, evidence, sources and the entities only synthetic sources declare. */
export async function removeSyntheticData(
  executor: GraphExecutor,
  onProgress?: (what: string, removed: number) => void,
): Promise<CleanupResult> {
  const nodes = (label: 'Statement' | 'Claim' | 'Evidence') =>
    drain(
      executor,
      `MATCH (n:${label}) WHERE n.sourceId STARTS WITH 'synth-' WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS removed`,
      (removed) => onProgress?.(label, removed),
    );
  const statements = await nodes('Statement');
  const claims = await nodes('Claim');
  const evidence = await nodes('Evidence');
  // Smaller batches: a hub entity carries thousands of relationships.
  const entities = await drain(
    executor,
    `MATCH (e:Entity) WHERE size(coalesce(e.sourceIds, [])) > 0 AND all(source IN e.sourceIds WHERE source STARTS WITH 'synth-')
     WITH e LIMIT toInteger($batch / 5) DETACH DELETE e RETURN count(*) AS removed`,
    (removed) => onProgress?.('Entity', removed),
  );
  // Entities other sources declare too keep their node, but lose the synthetic source ids and links.
  await executor.writeRows(
    `MATCH (e:Entity) WHERE any(source IN coalesce(e.sourceIds, []) WHERE source STARTS WITH 'synth-')
     SET e.sourceIds = [source IN e.sourceIds WHERE NOT source STARTS WITH 'synth-']`,
  );
  let relationships = 0;
  for (const type of RELATIONSHIP_TYPES) {
    relationships += await drain(
      executor,
      `MATCH ()-[r:${type}]->() WHERE r.sourceId STARTS WITH 'synth-' WITH r LIMIT $batch DELETE r RETURN count(*) AS removed`,
    );
  }
  const sources = await drain(
    executor,
    `MATCH (s:Source) WHERE s.id STARTS WITH 'synth-' WITH s LIMIT $batch DETACH DELETE s RETURN count(*) AS removed`,
  );
  return { statements, claims, evidence, entities, relationships, sources };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      uri: { type: 'string', default: process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687' },
      user: { type: 'string' },
      password: { type: 'string' },
      database: { type: 'string', default: process.env.NEO4J_DATABASE ?? 'neo4j' },
    },
  });
  const auth = values.password === undefined ? undefined : { user: values.user ?? 'neo4j', password: values.password };
  const executor = new GraphExecutor(createDriver({ uri: values.uri, auth, maxRetryMs: 30_000 }), values.database);
  try {
    const started = performance.now();
    // A progress line that rewrites itself on a terminal; logs get only the result.
    const progress = process.stdout.isTTY
      ? (what: string, removed: number) => process.stdout.write(`\r${what}: ${removed.toLocaleString('en-US')} removed   `)
      : undefined;
    const result = await removeSyntheticData(executor, progress);
    process.stdout.write(
      `${progress ? '\n' : ''}removed ${JSON.stringify(result)} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await executor.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`cleanup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
