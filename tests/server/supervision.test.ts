import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { postGraphQL, rawRequest } from '../helpers/http.js';
import { metricValues } from '../helpers/metrics.js';
import { captureLogger } from '../helpers/server.js';
import { isAlive, waitUntil } from '../helpers/wait.js';

// This file runs an embedded Neo4j of its own and kills it, so the shared one is never disturbed.
describe('the embedded Neo4j under supervision', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kg-supervision-'));
  let app: RunningApp;
  let lines: Record<string, unknown>[];
  const ready = async () => (await rawRequest(new URL('/ready', app.url).href)).status;
  const gauges = async () => metricValues(await (await fetch(new URL('/metrics', app.url))).text());

  beforeAll(async () => {
    const captured = captureLogger('info');
    lines = captured.lines;
    const env = {
      NEO4J_LOCAL_DATA_DIR: dataDir,
      NEO4J_LOCAL_HEAP_MB: '384',
      NEO4J_LOCAL_PAGECACHE_MB: '32',
      NEO4J_LOCAL_JIT: 'quick',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
    };
    app = await startApp(loadConfig(env), captured.logger);
  });
  afterAll(async () => {
    const pid = app.localNeo4j?.current.pid;
    await app?.close();
    if (pid !== undefined) expect(isAlive(pid)).toBe(false);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is killed: /ready is 503, the metrics say it is down, and queries fail fast with DATABASE_UNAVAILABLE', async () => {
    expect(await ready()).toBe(200);
    expect(await gauges()).toMatchObject({ kg_embedded_neo4j_up: 1, kg_neo4j_up: 1, kg_embedded_neo4j_restarts: 0 });
    const supervised = app.localNeo4j;
    if (!supervised) throw new Error('expected the embedded Neo4j');
    const firstPid = supervised.current.pid;
    process.kill(firstPid, 'SIGKILL');
    expect(await waitUntil(() => !isAlive(firstPid), 5_000)).not.toBeNull();
    expect(await waitUntil(async () => (await ready()) === 503, 2_000)).not.toBeNull();
    const started = Date.now();
    const answer = await postGraphQL(app.url, '{ entity(id: "north-korea") { name } }');
    expect(Date.now() - started).toBeLessThan(500);
    expect(answer.json?.errors?.[0]).toMatchObject({
      message: 'Database unavailable; please retry shortly',
      extensions: { code: 'DATABASE_UNAVAILABLE' },
    });
    expect(lines.some((line) => line.level === 'error' && String(line.msg).includes('exited unexpectedly'))).toBe(true);
    expect(await gauges()).toMatchObject({ kg_embedded_neo4j_up: 0, kg_neo4j_up: 0 });
  });

  it('is restarted by the server, and service comes back with the same data', async () => {
    expect(await waitUntil(async () => (await ready()) === 200, 60_000, 250)).not.toBeNull();
    const answer = await postGraphQL(app.url, '{ entity(id: "north-korea") { name } }');
    expect(answer.json).toEqual({ data: { entity: { name: 'North Korea' } } });
    expect(app.localNeo4j?.restarts).toBe(1);
    expect(await gauges()).toMatchObject({ kg_embedded_neo4j_up: 1, kg_neo4j_up: 1, kg_embedded_neo4j_restarts: 1 });
    expect(lines.some((line) => line.msg === 'restarting the embedded Neo4j' && line.attempt === 1)).toBe(true);
    expect(lines.some((line) => line.msg === 'embedded Neo4j restarted')).toBe(true);
  });
});
