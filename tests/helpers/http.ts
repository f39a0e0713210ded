import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

/** A raw HTTP answer. */
export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON (on first use), when it is JSON. */
  json: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } | undefined;
}

/**
 * Sends one request on a fresh connection with exactly the given method, headers and body
 * (fetch refuses to set some headers, such as Host, and reuses connections).
 */
export function rawRequest(
  url: string,
  /** `chunks`: a body sent in these pieces without a Content-Length (chunked transfer encoding). */
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer; chunks?: string[] } = {},
): Promise<RawAnswer> {
  const target = new URL(url);
  const body = options.body;
  const headers = { ...options.headers, ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }) };
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: options.path ?? target.pathname + target.search,
        method: options.method ?? 'GET',
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: RawAnswer['json'] | null = null;
          const json = () => {
            if (parsed === null) {
              try {
                parsed = JSON.parse(text) as RawAnswer['json'];
              } catch {
                parsed = undefined;
              }
            }
            return parsed;
          };
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            get json() {
              return json();
            },
          });
        });
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

/** Headers of a GraphQL-over-HTTP client that wants the spec's status codes. */
export const GRAPHQL_JSON = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

/** POSTs a GraphQL operation as JSON on a fresh connection. */
export function postGraphQL(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  return rawRequest(url, { method: 'POST', headers: { ...GRAPHQL_JSON, ...headers }, body: JSON.stringify({ query, variables }) });
}

/** Writes `text` as it is on a fresh socket and returns the status line of the answer (for requests no HTTP client would send). */
export function rawSocketStatusLine(url: string, text: string): Promise<string> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(target.port), target.hostname, () => socket.write(text));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
      const end = received.indexOf('\r\n');
      if (end >= 0) {
        resolve(received.slice(0, end));
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(received.split('\r\n')[0] ?? ''));
  });
}
