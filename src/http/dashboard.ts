// The analyst dashboard: static files that `npm run dashboard:build` writes to dashboard/dist, served
// under /dashboard. Only plain file names in that one folder are served (no sub-folders, no dot files),
// so no request can reach anything else; precompressed .gz siblings are sent to clients that accept gzip.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Plugin } from 'graphql-yoga';

/** Where the dashboard build writes (src/http and dist/http are at the same depth, so this works for both). */
export const DASHBOARD_DIR = join(import.meta.dirname, '..', '..', 'dashboard', 'dist');

/** The path the dashboard is served under. */
export const DASHBOARD_PATH = '/dashboard';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** One path segment of safe characters, not starting with a dot: "main-Q2F7ZK3A.js". */
const FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
/** esbuild's content hash in a file name ("-" and 8 base-32 characters): such a file never changes. */
const HASHED = /-[A-Z0-9]{8}\.[a-z]+$/;
const NOT_BUILT = 'The dashboard is not built: run `npm run dashboard:build` (npm install does it too)\n';

/** Whether the dashboard build is there (the server warns at start-up when it is not). */
export function isDashboardBuilt(dir: string = DASHBOARD_DIR): boolean {
  return existsSync(join(dir, 'index.html'));
}

/**
 * The file a dashboard path asks for: index.html for the dashboard itself, null for a name that is
 * not a plain file name (404), undefined when the path is not the dashboard's.
 */
export function dashboardFileOf(pathname: string): string | null | undefined {
  if (pathname === DASHBOARD_PATH || pathname === `${DASHBOARD_PATH}/`) return 'index.html';
  if (!pathname.startsWith(`${DASHBOARD_PATH}/`)) return undefined;
  const name = pathname.slice(DASHBOARD_PATH.length + 1);
  return FILE_NAME.test(name) && !name.endsWith('.gz') && CONTENT_TYPES[extname(name)] !== undefined ? name : null;
}

/** True when an Accept-Encoding header accepts gzip (named, or "*", without q=0). */
export function acceptsGzip(header: string | null): boolean {
  if (header === null) return false;
  return header.split(',').some((part) => {
    const [coding = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.find((param) => param.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

const text = (fetchAPI: { Response: typeof Response }, status: number, body: string, headers: Record<string, string> = {}) =>
  new fetchAPI.Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });

async function sizeAndTime(path: string): Promise<{ size: number; mtimeMs: number } | undefined> {
  try {
    const found = await stat(path);
    return found.isFile() ? { size: found.size, mtimeMs: found.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

/** Answers one dashboard file: 503 while unbuilt, 404 when missing, 304 when the client's copy is current. */
async function serveFile(dir: string, name: string, request: Request, fetchAPI: { Response: typeof Response }): Promise<Response> {
  if (!isDashboardBuilt(dir)) return text(fetchAPI, 503, NOT_BUILT, { 'retry-after': '60' });
  const path = join(dir, name);
  const plain = await sizeAndTime(path);
  if (plain === undefined) return text(fetchAPI, 404, `No file ${name} in the dashboard\n`);
  const compressed = acceptsGzip(request.headers.get('accept-encoding')) ? await sizeAndTime(`${path}.gz`) : undefined;
  const sent = compressed ?? plain;
  const etag = `"${sent.size.toString(36)}-${Math.trunc(sent.mtimeMs).toString(36)}${compressed ? '-gz' : ''}"`;
  const headers: Record<string, string> = {
    'content-type': CONTENT_TYPES[extname(name)] ?? 'application/octet-stream',
    etag,
    // Hashed assets never change; index.html names them, so it is revalidated on every load.
    'cache-control': HASHED.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache',
    vary: 'Accept-Encoding',
  };
  if (compressed) headers['content-encoding'] = 'gzip';
  if (request.headers.get('if-none-match') === etag) return new fetchAPI.Response(null, { status: 304, headers });
  headers['content-length'] = String(sent.size);
  if (request.method === 'HEAD') return new fetchAPI.Response(null, { status: 200, headers });
  const body = await readFile(compressed ? `${path}.gz` : path);
  return new fetchAPI.Response(new Uint8Array(body), { status: 200, headers });
}

/** Serves the dashboard's files under /dashboard (GET and HEAD); other paths pass through. */
export function useDashboard(dir: string = DASHBOARD_DIR): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      const name = dashboardFileOf(url.pathname);
      if (name === undefined) return undefined;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return endResponse(text(fetchAPI, 405, 'The dashboard answers GET and HEAD only\n', { allow: 'GET, HEAD' }));
      }
      if (name === null) return endResponse(text(fetchAPI, 404, 'No such file in the dashboard\n'));
      return serveFile(dir, name, request, fetchAPI).then(endResponse);
    },
  };
}
