import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { postGraphQL, rawRequest } from '../helpers/http.js';
import { metricValues } from '../helpers/metrics.js';
import { startTestServer } from '../helpers/server.js';

const scrape = async (app: RunningApp, headers: Record<string, string> = {}) => {
  const response = await fetch(new URL('/metrics', app.url), { headers });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
};

describe('/metrics', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestServer();
  });
  afterAll(() => app.close());

  it('counts requests, operations, errors by code and Cypher round-trips, from a fresh server', async () => {
    const ok = await postGraphQL(app.url, '{ entity(id: "north-korea") { name relationships(first: 3) { edges { node { type } } } } }');
    expect(ok.json?.errors).toBeUndefined();
    const invalid = await postGraphQL(app.url, '{ entity(id: "north-korea") { nme } }');
    expect(invalid.json?.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const bad = await postGraphQL(app.url, '{ entities(first: 500) { totalCount } }');
    expect(bad.json?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const scraped = await scrape(app);
    expect(scraped.status).toBe(200);
    expect(scraped.type).toBe('text/plain; version=0.0.4; charset=utf-8');
    const values = metricValues(scraped.text);
    expect(values).toMatchObject({
      'kg_http_requests_total{path="/graphql",status="200"}': 2,
      'kg_http_requests_total{path="/graphql",status="400"}': 1,
      // The invalid one never executes; the other two do.
      'kg_graphql_operations_total{type="query"}': 2,
      'kg_graphql_operation_duration_seconds_count{type="query"}': 2,
      'kg_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"}': 1,
      'kg_graphql_errors_total{code="BAD_USER_INPUT"}': 1,
      // The nested query is compiled into one statement; the bad page size is refused before any.
      'kg_cypher_round_trips_total{mode="read",outcome="ok"}': 1,
      'kg_cypher_duration_seconds_count{mode="read"}': 1,
      kg_neo4j_sessions_open: 0,
      kg_neo4j_up: 1,
    });
    expect(values.kg_neo4j_pool_max_connections).toBeGreaterThan(0);
    expect(values.process_cpu_user_seconds_total).toBeGreaterThan(0);
    // No embedded Neo4j in this test (NEO4J_URI is set): no gauge claims one.
    expect(Object.keys(values).filter((series) => series.startsWith('kg_embedded'))).toEqual([]);
  });

  it('keeps client-chosen text out of labels: an unknown path is "other", an odd error code "OTHER"', async () => {
    expect((await rawRequest(new URL('/no/such/path', app.url).href)).status).toBe(404);
    const values = metricValues((await scrape(app)).text);
    expect(values['kg_http_requests_total{path="other",status="404"}']).toBe(1);
    expect(Object.keys(values).some((series) => series.includes('/no/such/path'))).toBe(false);
  });

  it('answers GET only', async () => {
    const answer = await rawRequest(new URL('/metrics', app.url).href, { method: 'POST', body: '' });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET');
  });
});

describe('/metrics settings', () => {
  it('with METRICS_TOKEN, answers only that bearer token', async () => {
    const app = await startTestServer({ METRICS_TOKEN: 'metrics-test-token-0123' });
    try {
      expect((await scrape(app)).status).toBe(401);
      expect((await scrape(app, { authorization: 'Bearer wrong-token-0123456' })).status).toBe(401);
      const allowed = await scrape(app, { authorization: 'Bearer metrics-test-token-0123' });
      expect(allowed.status).toBe(200);
      expect(allowed.text).toContain('kg_neo4j_up 1');
    } finally {
      await app.close();
    }
  });

  it('with METRICS=false, there is no /metrics', async () => {
    const app = await startTestServer({ METRICS: 'false' });
    try {
      expect((await scrape(app)).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
