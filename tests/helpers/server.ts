import { Writable } from 'node:stream';
import { afterAll, beforeAll, inject } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

/** Environment pointing the app at the test run's Neo4j, listening on a free port. */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NEO4J_URI: inject('neo4jUri'),
    NEO4J_USER: inject('neo4jUser'),
    NEO4J_PASSWORD: inject('neo4jPassword'),
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
    NEO4J_MAX_RETRY_MS: '1000',
    // `COMPILE_QUERIES_AFTER=0 npm test` runs the suite with every query compiled from its first run.
    ...(process.env.COMPILE_QUERIES_AFTER ? { COMPILE_QUERIES_AFTER: process.env.COMPILE_QUERIES_AFTER } : {}),
    ...overrides,
  };
}

/** A silent logger that keeps what it was told, for assertions. */
export function captureLogger(level: 'info' | 'warn' = 'warn') {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger(level, sink), lines };
}

/** Starts the real server against the test Neo4j on a free port. */
export async function startTestServer(overrides: Record<string, string> = {}): Promise<RunningApp & { lines: Record<string, unknown>[] }> {
  const { logger, lines } = captureLogger('info');
  const app = await startApp(loadConfig(testEnv(overrides)), logger);
  return Object.assign(app, { lines });
}

/** A parsed GraphQL response with its HTTP status. */
export interface GraphQLAnswer<T> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** POSTs a GraphQL operation and returns the parsed body with the HTTP status. */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLAnswer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  return { status: response.status, ...body };
}

/** Starts the real server for a test file (beforeAll) and closes it (afterAll); call `app()` inside tests. */
export function useTestServer(): () => RunningApp & { lines: Record<string, unknown>[] } {
  let running: (RunningApp & { lines: Record<string, unknown>[] }) | undefined;
  beforeAll(async () => {
    running = await startTestServer();
  });
  afterAll(async () => {
    await running?.close();
  });
  return () => {
    if (!running) throw new Error('test server not started');
    return running;
  };
}
