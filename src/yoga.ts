import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { AppConfig } from './config.js';
import { createContext, type Context, type ContextDeps } from './context.js';
import type { GraphExecutor } from './graph/executor.js';
import { useDeclaredBodyLimit, useStreamedBodyLimit } from './http/body-limit.js';
import { corsOptions, useBrowserSafety } from './http/browser.js';
import { useCompiledQueries } from './http/compiled-queries.js';
import { maskError } from './http/errors.js';
import { useErrorMessageBounds } from './http/error-format.js';
import { useOperationLimits } from './http/operation-limits.js';
import { useRequestLog, yogaLogging } from './http/request-log.js';
import type { RequestScopes } from './http/request-scope.js';
import { useResponseSizeLimit } from './http/response-size.js';
import { useSubscriptionLimit } from './http/subscription-limit.js';
import type { Logger } from './logger.js';
import { schema } from './schema/index.js';

/** Folder of the example operations GraphiQL opens with, one question per file. */
export const EXAMPLES_DIR = join(import.meta.dirname, 'examples');

/** Reads the example operations (file name order). */
export function readExamples(): { name: string; query: string }[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => ({ name, query: readFileSync(join(EXAMPLES_DIR, name), 'utf8') }));
}

/** What the GraphQL server is built from. */
export interface YogaDeps {
  executor: GraphExecutor;
  logger: Logger;
  config: Pick<AppConfig, 'limits' | 'browser' | 'graphiql' | 'introspection' | 'nodeEnv' | 'compileQueriesAfter'>;
  /** The running requests; the server's shutdown ends them (see app.ts). */
  scopes: RequestScopes;
  /** True once shutdown has begun: readiness turns 503 at once. */
  isDraining: () => boolean;
  authenticate: ContextDeps['authenticate'];
  pubsub: ContextDeps['pubsub'];
  /** Plugins that run first (metrics, trusted documents). */
  plugins?: Plugin[];
  /** Plugins answering paths of their own (the dashboard), after the request log and browser safety. */
  routes?: Plugin[];
}

const json = (fetchAPI: { Response: typeof Response }, status: number, body: unknown) =>
  new fetchAPI.Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * Readiness: 503 while draining or while Neo4j is down, 200 when it answers. Matched on the path yoga
 * has parsed already: yoga's useReadinessCheck also tests a URLPattern on every request, about 2% of
 * the server's CPU on a cheap query.
 */
function useReadiness(executor: GraphExecutor, isDraining: () => boolean): Plugin {
  const readiness = async (fetchAPI: { Response: typeof Response }): Promise<Response> => {
    if (isDraining()) return json(fetchAPI, 503, { status: 'draining', reason: 'the server is shutting down' });
    const down = executor.availability.reason;
    if (down !== null) return json(fetchAPI, 503, { status: 'unavailable', reason: down });
    if (await executor.isReachable()) return json(fetchAPI, 200, { status: 'ready' });
    executor.availability.reportFailure('Neo4j is unreachable');
    return json(fetchAPI, 503, { status: 'unavailable', reason: 'Neo4j is unreachable' });
  };
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/ready') return undefined;
      return readiness(fetchAPI).then(endResponse);
    },
  };
}

/** Introspection off: clients of a production API get the published schema/schema.graphql instead. */
function useNoIntrospection(): Plugin {
  return { onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) };
}

/** Builds the GraphQL server (not listening): schema, context, limits, browser safety, GraphiQL, health and readiness. */
export function buildYoga(deps: YogaDeps): YogaServerInstance<Record<string, unknown>, Context> {
  const { logger, executor, config, scopes } = deps;
  const examples = readExamples();
  const graphqlEndpoint = '/graphql';
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint,
    healthCheckEndpoint: '/health',
    landingPage: false,
    context: ({ request }) =>
      createContext(
        { executor, logger, limits: config.limits, authenticate: deps.authenticate, pubsub: deps.pubsub },
        scopes.of(request),
        request.headers.get('authorization'),
      ),
    // The bundled GraphiQL needs no CDN, so the playground works on machines without internet access.
    renderGraphiQL,
    graphiql: config.graphiql && {
      title: 'Knowledge graph',
      defaultQuery: examples[0]?.query,
      defaultTabs: examples.map((example) => ({ query: example.query })),
    },
    cors: corsOptions(config.browser),
    // Enforced by useDeclaredBodyLimit and useStreamedBodyLimit instead (see body-limit.ts).
    maxRequestBodySize: false,
    // Unexpected errors reach clients as "Unexpected error." with a code; stacks only in development.
    maskedErrors: { isDev: config.nodeEnv === 'development', maskError },
    logging: yogaLogging(logger),
    plugins: [
      // First, so that the plugins after it (tracing) wrap compiled runs too; see compiled-queries.ts.
      ...(config.compileQueriesAfter === null ? [] : [useCompiledQueries({ runsBeforeCompiling: config.compileQueriesAfter })]),
      ...(deps.plugins ?? []),
      useRequestLog(logger),
      useBrowserSafety(config.browser, graphqlEndpoint),
      ...(deps.routes ?? []),
      useDeclaredBodyLimit(config.limits.maxBodyBytes),
      useStreamedBodyLimit(config.limits.maxBodyBytes),
      scopes.plugin(),
      useOperationLimits(config.limits),
      useSubscriptionLimit(config.limits.maxSubscriptionsPerClient),
      ...(config.introspection ? [] : [useNoIntrospection()]),
      useResponseSizeLimit(config.limits.maxResponseBytes),
      useErrorMessageBounds({ suggestions: config.introspection }),
      useReadiness(executor, deps.isDraining),
    ],
  });
}
