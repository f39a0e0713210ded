import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, describe, expect, it } from 'vitest';
import { acceptsGzip, dashboardFileOf, useDashboard } from '../../src/http/dashboard.js';

const root = mkdtempSync(join(tmpdir(), 'kg-dashboard-'));
const built = join(root, 'dist');
mkdirSync(built);
const INDEX = '<!doctype html><title>dashboard</title>';
const SCRIPT = 'console.log("dashboard");'.repeat(20);
writeFileSync(join(built, 'index.html'), INDEX);
writeFileSync(join(built, 'main-ABCDEFGH.js'), SCRIPT);
writeFileSync(join(built, 'main-ABCDEFGH.js.gz'), gzipSync(SCRIPT));
writeFileSync(join(root, 'secret.txt'), 'outside the dashboard');

afterAll(() => rmSync(root, { recursive: true, force: true }));

const schema = createSchema({ typeDefs: 'type Query { ok: Boolean }' });
const serve = (dir: string) => createYoga({ schema, plugins: [useDashboard(dir)], logging: false });
const yoga = serve(built);
const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  yoga.fetch(`http://localhost${path}`, { method, headers });

describe('dashboard files', () => {
  it('serves index.html at /dashboard and /dashboard/, revalidated on every load', async () => {
    for (const path of ['/dashboard', '/dashboard/', '/dashboard/index.html']) {
      const answer = await get(path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(answer.headers.get('cache-control')).toBe('no-cache');
      expect(await answer.text()).toBe(INDEX);
    }
  });

  it('sends the gzip sibling to clients that accept it, and the plain file to others', async () => {
    const zipped = await get('/dashboard/main-ABCDEFGH.js', { 'accept-encoding': 'br, gzip;q=0.8' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(zipped.headers.get('vary')).toBe('Accept-Encoding');
    expect(zipped.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()).toBe(SCRIPT);
    const plain = await get('/dashboard/main-ABCDEFGH.js', { 'accept-encoding': 'gzip;q=0' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(SCRIPT);
    expect(plain.headers.get('etag')).not.toBe(zipped.headers.get('etag'));
  });

  it('answers 304 when the client has the current version, and HEAD without a body', async () => {
    const first = await get('/dashboard/', {});
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    const again = await get('/dashboard/', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const head = await get('/dashboard/', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(INDEX.length));
  });

  it('answers 404 for unknown files and anything outside its folder, 405 for other methods', async () => {
    for (const path of [
      '/dashboard/missing.js',
      '/dashboard/..%2Fsecret.txt',
      '/dashboard/%2e%2e/secret.txt',
      '/dashboard/.hidden.js',
      '/dashboard/a/b.js',
      '/dashboard/main-ABCDEFGH.js.gz',
      '/dashboard/x.exe',
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
    expect((await get('/dashboard/', {}, 'POST')).status).toBe(405);
    // Other paths are not the dashboard's: yoga answers them as before.
    expect((await get('/dashboardx')).status).toBe(404);
  });

  it('answers 503 naming the build command while the dashboard is not built', async () => {
    const answer = await serve(join(root, 'not-built')).fetch('http://localhost/dashboard/');
    expect(answer.status).toBe(503);
    expect(await answer.text()).toContain('npm run dashboard:build');
  });
});

describe('dashboard paths and encodings', () => {
  it('maps paths to file names', () => {
    expect(dashboardFileOf('/dashboard')).toBe('index.html');
    expect(dashboardFileOf('/dashboard/styles-ABCDEFGH.css')).toBe('styles-ABCDEFGH.css');
    expect(dashboardFileOf('/dashboard/../etc/passwd')).toBeNull();
    expect(dashboardFileOf('/graphql')).toBeUndefined();
  });

  it('reads Accept-Encoding with its weights', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('br')).toBe(false);
    expect(acceptsGzip(null)).toBe(false);
  });
});
