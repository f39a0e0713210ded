// Prometheus metrics at /metrics: HTTP requests, GraphQL operations and their errors by code, Cypher
// round-trips and their durations, Neo4j sessions against the pool size, and whether Neo4j (and the
// embedded one) is up. Labels take values from closed sets only, so a hostile client cannot grow
// the series (operation names and paths it sends are not labels).
import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { GraphExecutor } from '../graph/executor.js';
import type { SupervisedNeo4j } from '../neo4j/supervisor.js';

/** What the metrics read from the running server. */
export interface MetricsSources {
  executor: GraphExecutor;
  /** The embedded Neo4j, when there is one. */
  localNeo4j: SupervisedNeo4j | undefined;
  /** The driver's connection pool size (NEO4J_MAX_CONNECTIONS). */
  maxConnections: number;
  /** When set, /metrics answers only `Authorization: Bearer <token>`. */
  token: string | undefined;
}

/** The paths worth a label of their own; any other path is "other". */
const KNOWN_PATHS = new Set(['/graphql', '/health', '/ready', '/metrics']);
/** Error codes are labels only when they look like our codes (upper-case words), else "OTHER". */
const CODE = /^[A-Z][A-Z_]{0,40}$/;
const OPERATION_TYPES = new Set(['query', 'mutation', 'subscription']);

const SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The registry of one server and the yoga plugin that fills it and serves it. */
export function createMetrics(sources: MetricsSources): { registry: Registry; plugin: Plugin } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpRequests = new Counter({
    name: 'kg_http_requests_total',
    help: 'HTTP requests answered, by path and status.',
    labelNames: ['path', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'kg_http_request_duration_seconds',
    help: 'Time from request to response, by path.',
    labelNames: ['path'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [registry],
  });
  const operations = new Counter({
    name: 'kg_graphql_operations_total',
    help: 'GraphQL operations executed, by type.',
    labelNames: ['type'] as const,
    registers: [registry],
  });
  const operationDuration = new Histogram({
    name: 'kg_graphql_operation_duration_seconds',
    help: 'Time to execute a GraphQL operation (after parsing and validation), by type.',
    labelNames: ['type'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'kg_graphql_errors_total',
    help: 'Errors in GraphQL responses, by extensions.code (OTHER when absent or unusual).',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const roundTrips = new Counter({
    name: 'kg_cypher_round_trips_total',
    help: 'Cypher statements sent to Neo4j, by access mode and outcome.',
    labelNames: ['mode', 'outcome'] as const,
    registers: [registry],
  });
  const cypherDuration = new Histogram({
    name: 'kg_cypher_duration_seconds',
    help: 'Time for one Cypher round-trip (statement sent to all rows received), by access mode.',
    labelNames: ['mode'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [registry],
  });
  sources.executor.onTiming((mode, seconds, ok) => {
    const label = mode === 'READ' ? 'read' : 'write';
    roundTrips.inc({ mode: label, outcome: ok ? 'ok' : 'error' });
    cypherDuration.observe({ mode: label }, seconds);
  });
  new Gauge({
    name: 'kg_neo4j_sessions_open',
    help: 'Neo4j sessions open now; each holds a pooled connection while its statement runs.',
    registers: [registry],
    collect() {
      this.set(sources.executor.sessionsOpen);
    },
  });
  new Gauge({
    name: 'kg_neo4j_pool_max_connections',
    help: 'Size of the driver connection pool (NEO4J_MAX_CONNECTIONS).',
    registers: [registry],
    collect() {
      this.set(sources.maxConnections);
    },
  });
  new Gauge({
    name: 'kg_neo4j_up',
    help: '1 while Neo4j is known to answer, 0 while it is down (queries then fail at once with DATABASE_UNAVAILABLE).',
    registers: [registry],
    collect() {
      this.set(sources.executor.availability.isUp ? 1 : 0);
    },
  });
  if (sources.localNeo4j) {
    const local = sources.localNeo4j;
    new Gauge({
      name: 'kg_embedded_neo4j_up',
      help: '1 while the embedded Neo4j JVM runs, 0 from an unexpected exit until a restart succeeds.',
      registers: [registry],
      collect() {
        this.set(local.up ? 1 : 0);
      },
    });
    new Gauge({
      name: 'kg_embedded_neo4j_restarts',
      help: 'Restarts of the embedded Neo4j since the server started.',
      registers: [registry],
      collect() {
        this.set(local.restarts);
      },
    });
  }

  // When each request started and the path label it counts under (read once, from the parsed URL).
  const started = new WeakMap<Request, { at: number; path: string }>();
  const countErrors = (result: ExecutionResult) => {
    for (const error of result.errors ?? []) {
      const code = error.extensions?.code;
      errors.inc({ code: typeof code === 'string' && CODE.test(code) ? code : 'OTHER' });
    }
  };
  const plugin: Plugin = {
    onRequest({ request, url, endResponse, fetchAPI }) {
      started.set(request, { at: performance.now(), path: KNOWN_PATHS.has(url.pathname) ? url.pathname : 'other' });
      if (url.pathname !== '/metrics') return undefined;
      if (request.method !== 'GET') return endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET' } }));
      if (sources.token !== undefined && request.headers.get('authorization') !== `Bearer ${sources.token}`) {
        return endResponse(
          new fetchAPI.Response('metrics need a bearer token (METRICS_TOKEN)\n', {
            status: 401,
            headers: { 'www-authenticate': 'Bearer' },
          }),
        );
      }
      return registry
        .metrics()
        .then((text) => endResponse(new fetchAPI.Response(text, { headers: { 'content-type': registry.contentType } })));
    },
    onExecute({ args }) {
      const type = operationType(args.document as DocumentNode, args.operationName as string | null | undefined);
      operations.inc({ type });
      const end = operationDuration.startTimer({ type });
      return { onExecuteDone: () => void end() };
    },
    onSubscribe() {
      operations.inc({ type: 'subscription' });
    },
    onResultProcess({ result }) {
      if (Array.isArray(result)) for (const each of result as ExecutionResult[]) countErrors(each);
      else if (result !== null && typeof result === 'object' && !(Symbol.asyncIterator in result)) countErrors(result as ExecutionResult);
    },
    onResponse({ request, response }) {
      const start = started.get(request);
      if (start === undefined) return;
      httpRequests.inc({ path: start.path, status: String(response.status) });
      httpDuration.observe({ path: start.path }, (performance.now() - start.at) / 1000);
    },
  };
  return { registry, plugin };
}

/** query, mutation or subscription; "unknown" when the document names no such operation. */
function operationType(document: DocumentNode, operationName: string | null | undefined): string {
  const operation = getOperationAST(document, operationName ?? undefined)?.operation;
  return operation !== undefined && OPERATION_TYPES.has(operation) ? operation : 'unknown';
}
