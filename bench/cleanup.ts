// Removes everything a synthetic corpus wrote (source ids starting with "synth-") and nothing else:
//   npx tsx bench/cleanup.ts --uri bolt://127.0.0.1:7699 [--user neo4j --password ...] [--database neo4j]
// Deletes in batches, each its own transaction, so a 1m corpus does not need one huge transaction.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { RELATIONSHIP_TYPES } from '../src/seed/format.js';
import { createDriver, GraphExecutor, int } from '../src/graph/executor.js';
import { definedEntityIds } from '../src/graph/seed-diff.js';

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

/** Sources by id (`id`) or by id prefix (`prefix`); with `except`, every other source instead. */
export type SourceSelection = ({ id: string } | { prefix: string }) & { except?: boolean };

/** The ids of the entities the selected sources define (each source lists its own; see definedEntityIds). */
export async function entitiesDefinedBy(executor: GraphExecutor, sources: SourceSelection): Promise<Set<string>> {
  const match = 'id' in sources ? 's.id = $value' : 's.id STARTS WITH $value';
  const rows = await executor.readRows<{ id: string }>(
    `MATCH (s:Source) WHERE ${sources.except ? `NOT ${match}` : match} UNWIND ${definedEntityIds('s')} AS id RETURN DISTINCT id`,
    { value: 'id' in sources ? sources.id : sources.prefix },
  );
  return new Set(rows.map((row) => row.id));
}

/** Deletes the entities of `ids` in batches; returns how many. Delete their relationships first: a hub carries thousands. */
export async function deleteEntities(executor: GraphExecutor, ids: string[], onBatch?: (removed: number) => void): Promise<number> {
  let removed = 0;
  const batch = BATCH / 5;
  for (let start = 0; start < ids.length; start += batch) {
    const [row] = await executor.writeRows<{ removed: number }>(
      'UNWIND $ids AS id MATCH (e:Entity {id: id}) DETACH DELETE e RETURN count(*) AS removed',
      { ids: ids.slice(start, start + batch) },
    );
    removed += row?.removed ?? 0;
    onBatch?.(removed);
  }
  return removed;
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
  let relationships = 0;
  for (const type of RELATIONSHIP_TYPES) {
    relationships += await drain(
      executor,
      `MATCH ()-[r:${type}]->() WHERE r.sourceId STARTS WITH 'synth-' WITH r LIMIT $batch DELETE r RETURN count(*) AS removed`,
      (removed) => onProgress?.(type, removed),
    );
  }
  // Then the entities only synthetic sources define; the others keep their node.
  const declaredElsewhere = await entitiesDefinedBy(executor, { prefix: 'synth-', except: true });
  const synthetic = [...(await entitiesDefinedBy(executor, { prefix: 'synth-' }))].filter((id) => !declaredElsewhere.has(id));
  const entities = await deleteEntities(executor, synthetic, (removed) => onProgress?.('Entity', removed));
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
