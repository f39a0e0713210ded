import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { GRAPHQL_JSON, rawRequest } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';

const QUERY = JSON.stringify({ query: '{ __typename }' });
const preflight = (url: string, origin: string) =>
  rawRequest(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });

describe('browser safety with the defaults', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestServer();
  });
  afterAll(() => app.close());

  it('sends no CORS headers to any origin, not even "null"', async () => {
    for (const origin of ['https://evil.example', 'null', 'http://localhost:3000']) {
      const simple = await rawRequest(app.url, { method: 'POST', headers: { ...GRAPHQL_JSON, origin }, body: QUERY });
      expect(simple.status).toBe(200);
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
      expect(simple.headers['access-control-allow-credentials']).toBeUndefined();
      const options = await preflight(app.url, origin);
      expect(options.headers['access-control-allow-origin']).toBeUndefined();
      expect(options.headers['access-control-allow-methods']).toBeUndefined();
    }
  });

  it('answers only to loopback Host names, except on the probe endpoints', async () => {
    const port = new URL(app.url).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'LOCALHOST']) {
      const answer = await rawRequest(app.url, { method: 'POST', headers: { ...GRAPHQL_JSON, host }, body: QUERY });
      expect(answer.status, host).toBe(200);
    }
    const rebound = await rawRequest(app.url, { method: 'POST', headers: { ...GRAPHQL_JSON, host: `evil.example:${port}` }, body: QUERY });
    expect(rebound.status).toBe(403);
    expect(rebound.json?.errors?.[0]?.extensions?.code).toBe('HOST_NOT_ALLOWED');
    const page = await rawRequest(app.url, { headers: { host: 'evil.example', accept: 'text/html' } });
    expect(page.status).toBe(403);
    expect((await rawRequest(new URL('/health', app.url).href, { headers: { host: '10.0.0.7:4000' } })).status).toBe(200);
  });

  it('puts security headers on every response: data, GraphiQL, health and errors', async () => {
    const answers = {
      data: await rawRequest(app.url, { method: 'POST', headers: GRAPHQL_JSON, body: QUERY }),
      page: await rawRequest(app.url, { headers: { accept: 'text/html' } }),
      health: await rawRequest(new URL('/health', app.url).href),
      refused: await rawRequest(app.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: QUERY }),
      missing: await rawRequest(new URL('/nope', app.url).href),
    };
    expect(answers.page.headers['content-type']).toContain('text/html');
    for (const [name, answer] of Object.entries(answers)) {
      expect(answer.headers['x-content-type-options'], name).toBe('nosniff');
      expect(answer.headers['x-frame-options'], name).toBe('DENY');
      expect(answer.headers['referrer-policy'], name).toBe('no-referrer');
      expect(answer.headers['cross-origin-opener-policy'], name).toBe('same-origin');
      expect(answer.headers['content-security-policy'], name).toContain("frame-ancestors 'none'");
    }
    expect(answers.data.headers['content-security-policy']).toContain("default-src 'none'");
  });
});

describe('browser safety with an allow-list', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestServer({ CORS_ORIGINS: 'https://dashboard.example.org', ALLOWED_HOSTS: 'kg.example.org' });
  });
  afterAll(() => app.close());

  it('allows the listed origin without credentials, and no other', async () => {
    const allowed = await preflight(app.url, 'https://dashboard.example.org');
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://dashboard.example.org');
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
    const answer = await rawRequest(app.url, {
      method: 'POST',
      headers: { ...GRAPHQL_JSON, origin: 'https://dashboard.example.org' },
      body: QUERY,
    });
    expect(answer.headers['access-control-allow-origin']).toBe('https://dashboard.example.org');
    const other = await preflight(app.url, 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('accepts the configured Host name besides the bound address', async () => {
    expect((await rawRequest(app.url, { method: 'POST', headers: { ...GRAPHQL_JSON, host: 'kg.example.org' }, body: QUERY })).status).toBe(
      200,
    );
    expect((await rawRequest(app.url, { method: 'POST', headers: { ...GRAPHQL_JSON, host: 'localhost' }, body: QUERY })).status).toBe(403);
    expect((await rawRequest(app.url, { method: 'POST', headers: GRAPHQL_JSON, body: QUERY })).status).toBe(200);
  });
});
