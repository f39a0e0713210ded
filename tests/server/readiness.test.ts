import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { startLocalNeo4j, type LocalNeo4j } from '../../src/neo4j/local.js';
import { captureLogger, graphql, testEnv } from '../helpers/server.js';
import { waitUntil } from '../helpers/wait.js';

// This file stops and restarts a Neo4j of its own, so the shared one is never disturbed.
describe('readiness follows Neo4j', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kg-readiness-'));
  let neo4j: LocalNeo4j;
  let app: RunningApp;
  const ready = async () => (await fetch(new URL('/ready', app.url))).status;

  beforeAll(async () => {
    neo4j = await startLocalNeo4j({ dataDir, heapMb: 384, pageCacheMb: 32, jit: 'quick', onProgress: () => {} });
    const { logger } = captureLogger();
    app = await startApp(loadConfig(testEnv({ NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: 'unused' })), logger);
  });
  afterAll(async () => {
    await app?.close();
    await neo4j?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is ready while Neo4j answers, with APOC loaded and the empty database seeded on start', async () => {
    const answer = await fetch(new URL('/ready', app.url));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ status: 'ready' });
    // Only the path itself is the probe: one that merely ends in /ready is not.
    expect((await fetch(new URL('/not/ready', app.url))).status).toBe(404);
    const [apoc] = await app.executor.readRows<{ version: string }>('RETURN apoc.version() AS version');
    expect(apoc?.version).toMatch(/^5\.26\./);
    const result = await graphql<{ sources: { slug: string }[] }>(app.url, '{ sources { slug } }');
    expect(result.data?.sources.map((source) => source.slug)).toEqual(['article-001']);
  });

  it('refuses a second Neo4j on the same data folder, naming the store lock', async () => {
    await expect(startLocalNeo4j({ dataDir, heapMb: 256, pageCacheMb: 16, onProgress: () => {} })).rejects.toThrow(
      /Lock file has been locked by another process/,
    );
    expect(await ready()).toBe(200);
  });

  it('answers 503 and a clean GraphQL error while Neo4j is down, and stays up', async () => {
    await neo4j.stop();
    expect(await ready()).toBe(503);
    const result = await graphql(app.url, '{ database { version } }');
    expect(result.status).toBe(200);
    expect(result.errors?.[0]).toMatchObject({
      message: 'Database unavailable; please retry shortly',
      extensions: { code: 'DATABASE_UNAVAILABLE' },
    });
    expect(JSON.stringify(result)).not.toMatch(/at .*\.js|ECONNREFUSED/);
    expect((await fetch(new URL('/health', app.url))).status).toBe(200);
  });

  it('recovers by itself when Neo4j is back', async () => {
    neo4j = await startLocalNeo4j({ dataDir, port: neo4j.port, heapMb: 384, pageCacheMb: 32, jit: 'quick', onProgress: () => {} });
    expect(await waitUntil(async () => (await ready()) === 200, 30_000, 250)).not.toBeNull();
    const result = await graphql<{ database: { version: string } }>(app.url, '{ database { version } }');
    expect(result.errors).toBeUndefined();
    expect(result.data?.database.version).toMatch(/^5\.26\./);
  });
});
