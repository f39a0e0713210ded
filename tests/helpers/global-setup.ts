import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDriver, GraphExecutor } from '../../src/graph/executor.js';
import { startLocalNeo4j, type LocalNeo4j } from '../../src/neo4j/local.js';
import { seedFromFiles } from '../../src/seed/load.js';

/** Loads the reference article once; tests read it and never change it (idempotent when already there). */
async function seedReferenceData(uri: string, user: string, password: string): Promise<void> {
  const executor = new GraphExecutor(
    createDriver({ uri, auth: { user, password }, maxRetryMs: 30_000 }),
    process.env.NEO4J_DATABASE ?? 'neo4j',
  );
  try {
    await seedFromFiles(executor);
  } finally {
    await executor.close();
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jUser: string;
    neo4jPassword: string;
  }
}

/** Starts one Neo4j for the whole run (or uses NEO4J_URI when set) and stops it afterwards. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.NEO4J_URI;
  if (external) {
    project.provide('neo4jUri', external);
    project.provide('neo4jUser', process.env.NEO4J_USER ?? 'neo4j');
    project.provide('neo4jPassword', process.env.NEO4J_PASSWORD ?? '');
    await seedReferenceData(external, process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? '');
    return async () => {};
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'kg-test-neo4j-'));
  let neo4j: LocalNeo4j;
  try {
    neo4j = await startLocalNeo4j({ dataDir, heapMb: 768, pageCacheMb: 64, startTimeoutMs: 180_000, jit: 'quick' });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  await seedReferenceData(neo4j.uri, 'neo4j', 'unused-locally');
  project.provide('neo4jUri', neo4j.uri);
  project.provide('neo4jUser', 'neo4j');
  project.provide('neo4jPassword', 'unused-locally');
  return async () => {
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
