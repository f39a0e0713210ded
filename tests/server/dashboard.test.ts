import { readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { buildDashboard, OUT_DIR } from '../../scripts/build-dashboard.js';
import { rawRequest } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';

/** GETs a path and keeps the body as bytes (rawRequest decodes it as text). */
function getBytes(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the dashboard on the real server', () => {
  let app: RunningApp;
  let off: RunningApp;
  beforeAll(async () => {
    await buildDashboard();
    [app, off] = await Promise.all([startTestServer(), startTestServer({ DASHBOARD: 'false' })]);
  });
  afterAll(async () => {
    await Promise.all([app.close(), off.close()]);
  });
  const at = (server: RunningApp, path: string) => new URL(path, server.url).href;

  it('serves its page with a CSP allowing only its own scripts, styles and API, and the usual security headers', async () => {
    const page = await rawRequest(at(app, '/dashboard/'));
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:|\*|'unsafe-inline'|'unsafe-eval'/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    // GraphiQL keeps its own policy (it needs inline scripts).
    const graphiql = await rawRequest(app.url, { headers: { accept: 'text/html' } });
    expect(graphiql.headers['content-security-policy']).not.toContain("default-src 'self'");
    const script = /src="\/dashboard\/(main-[A-Z0-9]{8}\.js)"/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    const asset = await rawRequest(at(app, `/dashboard/${script}`));
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('sends every built file precompressed to a client that accepts gzip', async () => {
    const files = readdirSync(OUT_DIR).filter((name) => !name.endsWith('.gz'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const name of files) {
      const answer = await getBytes(at(app, `/dashboard/${name}`), { 'accept-encoding': 'gzip' });
      expect(answer.status, name).toBe(200);
      expect(answer.headers['content-encoding'], name).toBe('gzip');
      expect(Number(answer.headers['content-length']), name).toBe(answer.body.length);
      expect(gunzipSync(answer.body).length, name).toBeGreaterThan(answer.body.length);
    }
  });

  it('is behind the Host guard like everything else, and gone with DASHBOARD=false', async () => {
    const rebound = await rawRequest(at(app, '/dashboard/'), { headers: { host: 'evil.example' } });
    expect(rebound.status).toBe(403);
    expect((await rawRequest(at(off, '/dashboard/'))).status).toBe(404);
    expect((await rawRequest(off.url, { headers: { accept: 'text/html' } })).status).toBe(200);
  });
});
