// What a web page may do with this server: nothing, unless an operator allows its origin.
import type { CORSOptions, Plugin } from 'graphql-yoga';
import type { BrowserPolicy } from '../config.js';
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

/** Yoga's CORS setting: off (no Access-Control-* headers at all) unless origins are configured. */
export function corsOptions(policy: BrowserPolicy): CORSOptions {
  if (policy.corsOrigins.length === 0) return false;
  return {
    origin: policy.corsOrigins.includes('*') ? '*' : policy.corsOrigins,
    credentials: false,
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'accept', 'authorization'],
    maxAge: 600,
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

function refuse(fetchAPI: { Response: typeof Response }, status: number, message: string, code: string, extra: Record<string, string> = {}): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...extra },
  });
}

/** Media types a POST may carry: only ones a browser cannot send cross-site without a CORS preflight. */
const POST_MEDIA_TYPES = new Set(['application/json', 'application/graphql-response+json']);

/**
 * Browser safety: Host allow-list (DNS rebinding), POST only as JSON (form and multipart posts,
 * which need no preflight, are refused: CSRF), and security headers on every response.
 */
export function useBrowserSafety(policy: BrowserPolicy, graphqlPath: string): Plugin {
  const anyHost = policy.allowedHosts.includes('*');
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (!anyHost && !PROBE_PATHS.has(url.pathname)) {
        const host = request.headers.get('host') ?? '';
        if (!policy.allowedHosts.includes(hostnameOf(host))) {
          endResponse(refuse(fetchAPI, 403, `Host ${shown(host)} is not allowed; add it to ALLOWED_HOSTS`, 'HOST_NOT_ALLOWED'));
          return;
        }
      }
      if (request.method === 'POST' && url.pathname === graphqlPath) {
        const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
        if (!POST_MEDIA_TYPES.has(mediaType)) {
          endResponse(
            refuse(fetchAPI, 415, `POST needs "content-type: application/json" (got ${shown(mediaType || 'none')}); queries may also use GET`, 'UNSUPPORTED_MEDIA_TYPE', {
              accept: 'application/json',
            }),
          );
        }
      }
    },
    onResponse({ response }) {
      for (const [name, value] of Object.entries(HEADERS_FOR_EVERY_RESPONSE)) response.headers.set(name, value);
      const html = response.headers.get('content-type')?.includes('text/html') === true;
      response.headers.set('content-security-policy', html ? CSP_FOR_PAGES : CSP_FOR_DATA);
    },
  };
}
