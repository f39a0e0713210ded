import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, useReadinessCheck, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { createContext, type Context, type ContextDeps } from './context.js';
import type { Logger } from './logger.js';
import { schema } from './schema/index.js';

/** Logs one line per HTTP request at info level. */
function useRequestLog(logger: Logger): Plugin {
  const started = new WeakMap<Request, number>();
  return {
    onRequest({ request }) {
      started.set(request, performance.now());
    },
    onResponse({ request, response }) {
      const begin = started.get(request);
      const url = new URL(request.url);
      logger.info(
        {
          method: request.method,
          path: url.pathname,
          status: response.status,
          durationMs: begin === undefined ? undefined : Math.round((performance.now() - begin) * 10) / 10,
        },
        'request',
      );
    },
  };
}

/** Folder of the example operations GraphiQL opens with, one question per file. */
export const EXAMPLES_DIR = join(import.meta.dirname, 'examples');

/** Reads the example operations (file name order). */
export function readExamples(): { name: string; query: string }[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => ({ name, query: readFileSync(join(EXAMPLES_DIR, name), 'utf8') }));
}

export type YogaDeps = ContextDeps;

/** Builds the GraphQL server (not listening): schema, context, GraphiQL, health and readiness. */
export function buildYoga(deps: YogaDeps): YogaServerInstance<Record<string, unknown>, Context> {
  const { logger, executor } = deps;
  const examples = readExamples();
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    context: () => createContext(deps),
    // The bundled GraphiQL needs no CDN, so the playground works on machines without internet access.
    renderGraphiQL,
    graphiql: {
      title: 'Knowledge graph',
      defaultQuery: examples[0]?.query,
      defaultTabs: examples.map((example) => ({ query: example.query })),
    },
    logging: {
      debug: (...args) => logger.debug({ args }, 'yoga'),
      info: (...args) => logger.info({ args }, 'yoga'),
      warn: (...args) => logger.warn({ args }, 'yoga'),
      error: (...args) => logger.error({ args }, 'yoga'),
    },
    plugins: [
      useRequestLog(logger),
      useReadinessCheck({
        endpoint: '/ready',
        check: async ({ fetchAPI }) =>
          (await executor.isReachable())
            ? new fetchAPI.Response(JSON.stringify({ status: 'ready' }), { status: 200, headers: { 'content-type': 'application/json' } })
            : new fetchAPI.Response(JSON.stringify({ status: 'unavailable', reason: 'Neo4j is unreachable' }), {
                status: 503,
                headers: { 'content-type': 'application/json' },
              }),
      }),
    ],
  });
}
