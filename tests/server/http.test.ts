import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { graphql, startTestServer } from '../helpers/server.js';

describe('HTTP server', () => {
  let app: RunningApp & { lines: Record<string, unknown>[] };
  beforeAll(async () => {
    app = await startTestServer();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers a GraphQL query that reads from Neo4j', async () => {
    const result = await graphql<{ database: { agent: string; edition: string; database: string } }>(
      app.url,
      '{ database { agent edition database } }',
    );
    expect(result.status).toBe(200);
    expect(result.errors).toBeUndefined();
    expect(result.data?.database.agent).toMatch(/^Neo4j\/5\.26\./);
    expect(result.data?.database.database).toBe('neo4j');
  });

  it('serves liveness and readiness', async () => {
    const base = new URL(app.url);
    expect((await fetch(new URL('/health', base))).status).toBe(200);
    const ready = await fetch(new URL('/ready', base));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('serves GraphiQL to browsers, self-contained, with one example tab per question', async () => {
    const page = await fetch(app.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Knowledge graph');
    expect(html).not.toMatch(/src=["']?https?:\/\//);
    for (const operation of ['NorthKoreaOfficialsSaid', 'KimJongGyuToZelensky', 'TroopEstimates', 'DeniedClaims'])
      expect(html).toContain(operation);
  });

  it('logs one structured line per request', async () => {
    const before = app.lines.filter((line) => line.msg === 'request').length;
    await graphql(app.url, '{ database { version } }');
    const requests = app.lines.filter((line) => line.msg === 'request');
    expect(requests.length).toBe(before + 1);
    expect(requests.at(-1)).toMatchObject({ level: 'info', method: 'POST', path: '/graphql', status: 200 });
  });

  it('rejects an invalid query with a GraphQL validation error, not a 500', async () => {
    const result = await graphql(app.url, '{ nope }');
    expect(result.status).toBeLessThan(500);
    expect(result.errors?.[0]?.message).toContain('Cannot query field "nope"');
  });
});
