// What a web page may do with this server: nothing, unless an operator allows its origin.
import type { CORSOptions, Plugin } from 'graphql-yoga';
import type { BrowserPolicy } from '../config.js';
import { DASHBOARD_PATH } from './dashboard.js';
import type { RequestHandler } from './drain.js';
import { shown } from '../schema/errors.js';

/** Paths that answer whatever the Host header says: orchestrators probe them by IP. */
const PROBE_PATHS = new Set(['/health', '/ready']);

/** The hostname of a Host header, without its port ("[::1]:4000" → "[::1]"), lower-cased. */
export function hostnameOf(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  const colon = lower.lastIndexOf(':');
  return colon === -1 ? lower : lower.slice(0, colon);
}

/**
 * Yoga's CORS setting: no Access-Control-* headers at all unless the request's origin is on the
 * allow-list (a factory, because yoga's list form answers unknown origins with "null", which a
 * sandboxed page's `Origin: null` would then match).
 */
export function corsOptions(policy: BrowserPolicy): false | ((request: Request) => CORSOptions) {
  if (policy.corsOrigins.length === 0) return false;
  const anyOrigin = policy.corsOrigins.includes('*');
  return (request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !(anyOrigin || policy.corsOrigins.includes(origin))) return false;
    return {
      origin,
      credentials: false,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'accept', 'authorization'],
      maxAge: 600,
    };
  };
}

const HEADERS_FOR_EVERY_RESPONSE: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-dns-prefetch-control': 'off',
};
// Data needs nothing from the page; GraphiQL needs its own inline scripts, but never a frame or a plugin.
const CSP_FOR_DATA = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
const CSP_FOR_PAGES = "frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'self'";
// The dashboard is our own bundle: its scripts, styles and requests come from this server and nowhere else.
const CSP_FOR_DASHBOARD =
  "default-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'self'";

function refuse(
  fetchAPI: { Response: typeof Response },
  status: number,
  message: string,
  code: string,
  extra: Record<string, string>,
): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...extra },
  });
}

/** The security headers for a response of this content type (a dashboard page gets the dashboard's policy). */
export function securityHeaders(contentType: string | null, pathname = ''): Record<string, string> {
  const html = contentType?.includes('text/html') === true;
  const pagePolicy = pathname === DASHBOARD_PATH || pathname.startsWith(`${DASHBOARD_PATH}/`) ? CSP_FOR_DASHBOARD : CSP_FOR_PAGES;
  return { ...HEADERS_FOR_EVERY_RESPONSE, 'content-security-policy': html ? pagePolicy : CSP_FOR_DATA };
}

/**
 * Refuses requests whose Host header is not on the allow-list (DNS rebinding), before anything
 * else sees them; the probe endpoints answer to any Host.
 */
export function guardHost(policy: BrowserPolicy, handle: RequestHandler): RequestHandler {
  if (policy.allowedHosts.includes('*')) return handle;
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const host = req.headers.host ?? '';
    if (PROBE_PATHS.has(path) || policy.allowedHosts.includes(hostnameOf(host))) {
      void handle(req, res);
      return;
    }
    const body = JSON.stringify({
      errors: [{ message: `Host ${shown(host)} is not allowed; add it to ALLOWED_HOSTS`, extensions: { code: 'HOST_NOT_ALLOWED' } }],
    });
    res.writeHead(403, {
      ...securityHeaders('application/json'),
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  };
}

/** Media types a POST may carry: only ones a browser cannot send cross-site without a CORS preflight. */
const POST_MEDIA_TYPES = new Set(['application/json', 'application/graphql-response+json']);

/**
 * Browser safety inside yoga: POST only as JSON (form and multipart posts, which need no preflight,
 * are refused: CSRF), and security headers on every response.
 */
export function useBrowserSafety(policy: BrowserPolicy, graphqlPath: string): Plugin {
  const corsEnabled = policy.corsOrigins.length > 0;
  // Each request's path, from the URL yoga parsed, for the response's headers.
  const paths = new WeakMap<Request, string>();
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      paths.set(request, url.pathname);
      if (request.method === 'POST' && url.pathname === graphqlPath) {
        const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
        if (!POST_MEDIA_TYPES.has(mediaType)) {
          endResponse(
            refuse(
              fetchAPI,
              415,
              `POST needs "content-type: application/json" (got ${shown(mediaType || 'none')}); queries may also use GET`,
              'UNSUPPORTED_MEDIA_TYPE',
              {
                accept: 'application/json',
              },
            ),
          );
        }
      }
    },
    onResponse({ request, response }) {
      const headers = securityHeaders(response.headers.get('content-type'), paths.get(request) ?? new URL(request.url).pathname);
      for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
      // The answer differs by Origin once CORS is on: caches must keep them apart.
      if (corsEnabled) response.headers.append('vary', 'Origin');
    },
  };
}
