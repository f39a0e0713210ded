import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { createRequestScope } from '../../src/graph/scope.js';
import { testExecutor } from '../helpers/graph.js';
import { postGraphQL } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';
import { CLIQUE, createClique, removeClique, requestTransactions } from '../helpers/slow-graph.js';
import { waitUntil } from '../helpers/wait.js';

const executor = testExecutor();
const SLOW_QUERY = `{ entity(id: "${CLIQUE}-1") { neighbours(depth: 3, first: 5) { distance } } }`;
const noRequestTransactions = async () => (await requestTransactions(executor)).length === 0;

beforeAll(async () => {
  await createClique(executor, 250);
});
afterAll(async () => {
  await removeClique(executor);
  await executor.close();
});

describe('the executor ends a request-bound transaction with its scope', () => {
  it('closes a running Neo4j transaction at the deadline', async () => {
    const scope = createRequestScope(300, []);
    const started = Date.now();
    await expect(executor.forRequest(scope).readRows('CALL apoc.util.sleep(20000) RETURN 1 AS one')).rejects.toMatchObject({
      code: 'DEADLINE_EXCEEDED',
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await waitUntil(noRequestTransactions, 2_000)).not.toBeNull();
    scope.dispose();
  });

  it('closes it when the request is cancelled, and never starts another', async () => {
    const cancel = new AbortController();
    const scope = createRequestScope(60_000, [{ signal: cancel.signal, reason: 'client-gone' }]);
    const running = executor.forRequest(scope).readRows('CALL apoc.util.sleep(20000) RETURN 1 AS one');
    await waitUntil(async () => (await requestTransactions(executor)).length === 1, 5_000);
    cancel.abort();
    await expect(running).rejects.toMatchObject({ code: 'REQUEST_CANCELLED' });
    expect(await waitUntil(noRequestTransactions, 2_000)).not.toBeNull();
    await expect(executor.forRequest(scope).readRows('RETURN 1 AS one')).rejects.toMatchObject({ code: 'REQUEST_CANCELLED' });
    scope.dispose();
  });
});

describe('over HTTP', () => {
  let app: RunningApp & { lines: Record<string, unknown>[] };
  beforeAll(async () => {
    app = await startTestServer({ REQUEST_TIMEOUT_MS: '1500' });
  });
  afterAll(() => app.close());

  it('cuts a slow query at the deadline with 504 and closes its transaction', async () => {
    const started = Date.now();
    const answer = await postGraphQL(app.url, SLOW_QUERY);
    const tookMs = Date.now() - started;
    expect(answer.status).toBe(504);
    expect(answer.json?.errors?.[0]?.extensions?.code).toBe('DEADLINE_EXCEEDED');
    expect(answer.json?.errors?.[0]?.message).toContain('1500 ms deadline');
    expect(tookMs).toBeGreaterThanOrEqual(1_400);
    expect(tookMs).toBeLessThan(4_000);
    expect(await waitUntil(noRequestTransactions, 2_000)).not.toBeNull();
    expect(app.lines.filter((line) => line.msg === 'request').at(-1)).toMatchObject({ status: 504 });
  });
});

describe('client disconnect', () => {
  let app: RunningApp & { lines: Record<string, unknown>[] };
  beforeAll(async () => {
    app = await startTestServer({ REQUEST_TIMEOUT_MS: '30000' });
  });
  afterAll(() => app.close());

  it('cancels the work at once and logs the request as cancelled, not 200', async () => {
    const client = new AbortController();
    const request = fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SLOW_QUERY }),
      signal: client.signal,
    });
    request.catch(() => {});
    expect(await waitUntil(async () => (await requestTransactions(executor)).length === 1, 5_000)).not.toBeNull();
    const abortedAt = Date.now();
    client.abort();
    const closedAfterMs = await waitUntil(noRequestTransactions, 5_000);
    expect(closedAfterMs).not.toBeNull();
    expect(Date.now() - abortedAt).toBeLessThan(3_000);
    const logged = await waitUntil(() => app.lines.some((line) => line.msg === 'request cancelled: client closed the connection'), 3_000);
    expect(logged).not.toBeNull();
    expect(app.lines.find((line) => line.msg === 'request cancelled: client closed the connection')).toMatchObject({
      status: 499,
      cancelled: true,
      path: '/graphql',
    });
    expect(app.lines.filter((line) => line.msg === 'request' && line.path === '/graphql')).toEqual([]);
  });
});
