import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Driver } from 'neo4j-driver';
import { inject } from 'vitest';
import { createDriver, GraphExecutor } from '../../src/graph/executor.js';
import type { SeedDocument } from '../../src/seed/format.js';
import { SEED_DIR } from '../../src/seed/load.js';
import { readTouched, recountTallies } from '../../src/graph/tallies.js';
import { definedEntityIds } from '../../src/graph/seed-diff.js';

/** The database the tests use. */
export const TEST_DATABASE = process.env.NEO4J_DATABASE ?? 'neo4j';

/** A driver on the test run's Neo4j (for what the executor does not offer, e.g. an explicit transaction); close it in afterAll. */
export function testDriver(maxRetryMs = 5_000): Driver {
  return createDriver({ uri: inject('neo4jUri'), auth: { user: inject('neo4jUser'), password: inject('neo4jPassword') }, maxRetryMs });
}

/** An executor on the test run's Neo4j; close it in afterAll. */
export function testExecutor(): GraphExecutor {
  return new GraphExecutor(testDriver(), TEST_DATABASE);
}

/** The reference article's seed document and text, as checked in. */
export function referenceDocument(): { document: SeedDocument; text: string } {
  const document = JSON.parse(readFileSync(join(SEED_DIR, 'article-001.json'), 'utf8')) as SeedDocument;
  const text = readFileSync(join(SEED_DIR, document.source.file), 'utf8');
  return { document, text };
}

/** The operators (outermost first) of the plan Neo4j picks for `cypher`, from EXPLAIN. */
export async function planOperators(cypher: string, params: Record<string, unknown>): Promise<string[]> {
  const driver = testDriver(1_000);
  try {
    const { summary } = await driver.executeQuery(`EXPLAIN ${cypher}`, params, { database: TEST_DATABASE });
    if (summary.plan === false) throw new Error('no plan');
    const names: string[] = [];
    const walk = (plan: { operatorType: string; children: unknown[] }) => {
      names.push(plan.operatorType.split('@')[0] ?? '');
      for (const child of plan.children) walk(child as typeof plan);
    };
    walk(summary.plan);
    return names;
  } finally {
    await driver.close();
  }
}

/** Counts rows of a Cypher query. */
export async function count(executor: GraphExecutor, cypher: string, params: Record<string, unknown> = {}): Promise<number> {
  const [row] = await executor.readRows<{ n: number }>(cypher, params);
  return row?.n ?? 0;
}

/** Binds `id` to each entity id the source with id `$<param>` defines. */
export const idsDefinedBy = (param: string) => `MATCH (s:Source {id: $${param}}) UNWIND ${definedEntityIds('s')} AS id`;

/** The ids of the sources whose documents define entity `entityId`, sorted. */
export async function sourcesDefining(executor: GraphExecutor, entityId: string): Promise<string[]> {
  const rows = await executor.readRows<{ id: string }>(
    `MATCH (s:Source) WHERE $entityId IN ${definedEntityIds('s')} RETURN s.id AS id ORDER BY id`,
    { entityId },
  );
  return rows.map((row) => row.id);
}

/** Deletes everything a test's own source document wrote (its facts, evidence and the entities only it mentions). */
export async function removeSource(executor: GraphExecutor, sourceId: string): Promise<void> {
  // The tallies its facts counted towards are recounted once they are gone (see src/graph/tallies.ts).
  const touched = await executor.write(async (tx) => {
    const run = (cypher: string, params: Record<string, unknown>) => executor.rows(tx, cypher, params);
    const [owned] = await executor.rows<{ statements: string[]; claims: string[]; entities: string[]; members: string[] }>(
      tx,
      `RETURN COLLECT { MATCH (st:Statement {sourceId: $sourceId}) RETURN st.id } AS statements,
              COLLECT { MATCH (c:Claim {sourceId: $sourceId}) RETURN c.id } AS claims,
              COLLECT { ${idsDefinedBy('sourceId')} RETURN id
                        UNION MATCH (:Entity)-[r {sourceId: $sourceId}]-(e:Entity) RETURN e.id AS id } AS entities,
              COLLECT { MATCH (e:Entity)-[:PART_OF|HOLDS_ROLE {sourceId: $sourceId}]->(:Entity) RETURN DISTINCT e.id } AS members`,
      { sourceId },
    );
    return readTouched(run, {
      statementIds: owned?.statements ?? [],
      claimIds: owned?.claims ?? [],
      entityIds: owned?.entities ?? [],
      structureIds: owned?.members ?? [],
    });
  });
  // The topic and measure counts its claims added go with them.
  await executor.writeRows(
    `MATCH (c:Claim {sourceId: $sourceId})
     WITH collect(DISTINCT c.topic) + collect(DISTINCT c.measure) AS keys
     MATCH (k:Topic|Measure) WHERE k.id IN keys
     WITH k, CASE WHEN k:Topic
               THEN COUNT { MATCH (other:Claim {topic: k.id}) WHERE other.sourceId <> $sourceId }
               ELSE COUNT { MATCH (other:Claim {measure: k.id}) WHERE other.sourceId <> $sourceId } END AS remaining
     CALL (k, remaining) { WITH k, remaining WHERE remaining > 0 SET k.claimCount = remaining }
     CALL (k, remaining) { WITH k, remaining WHERE remaining = 0 DETACH DELETE k }`,
    { sourceId },
  );
  await executor.writeRows(`MATCH (n:Statement|Claim|Evidence {sourceId: $sourceId}) DETACH DELETE n`, { sourceId });
  // The entities it defines that no other source defines go with it.
  await executor.writeRows(
    `${idsDefinedBy('sourceId')}
     MATCH (e:Entity {id: id}) WHERE NOT EXISTS { MATCH (other:Source) WHERE other.id <> $sourceId AND id IN ${definedEntityIds('other')} }
     DETACH DELETE e`,
    { sourceId },
  );
  await executor.writeRows(`MATCH (s:Source {id: $sourceId}) DETACH DELETE s`, { sourceId });
  await executor.write((tx) => recountTallies((cypher, params) => executor.rows(tx, cypher, params), touched));
}

/** Node and relationship counts of the whole graph, to prove a request changed nothing. */
export async function graphCounts(executor: GraphExecutor): Promise<{ nodes: number; relationships: number }> {
  const [row] = await executor.readRows<{ nodes: number; relationships: number }>(
    'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
  );
  return { nodes: row?.nodes ?? 0, relationships: row?.relationships ?? 0 };
}

/**
 * Node and relationship counts of what a test owns (ids or source ids starting with `prefix`), to prove
 * a refused request changed nothing while other test files write to the same database.
 */
export async function ownCounts(executor: GraphExecutor, prefix: string): Promise<{ nodes: number; relationships: number }> {
  const [row] = await executor.readRows<{ nodes: number; relationships: number }>(
    `MATCH (n) WHERE n.id STARTS WITH $prefix OR n.sourceId STARTS WITH $prefix
     WITH collect(n) AS owned
     RETURN size(owned) AS nodes, size(COLLECT { UNWIND owned AS n MATCH (n)-[r]-() RETURN DISTINCT r }) AS relationships`,
    { prefix },
  );
  return { nodes: row?.nodes ?? 0, relationships: row?.relationships ?? 0 };
}
