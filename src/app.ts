import { createServer, type Server } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from './config.js';
import { createDriver, GraphExecutor } from './graph/executor.js';
import { isGraphEmpty } from './graph/seed.js';
import { ensureGraphSchema, replanWithCurrentStatistics } from './graph/setup.js';
import { warmQueryPlans } from './graph/warmup.js';
import { guardHost } from './http/browser.js';
import { Drain } from './http/drain.js';
import { RequestScopes } from './http/request-scope.js';
import type { Logger } from './logger.js';
import { startLocalNeo4j, type LocalNeo4j } from './neo4j/local.js';
import { superviseLocalNeo4j, type SupervisedNeo4j } from './neo4j/supervisor.js';
import { seedFromFiles } from './seed/load.js';
import { buildYoga } from './yoga.js';
import { createEvents } from './events.js';
import { createAuthenticator } from './http/auth.js';
import { isDashboardBuilt, useDashboard } from './http/dashboard.js';
import { createMetrics } from './http/metrics.js';
import { startTracing } from './http/tracing.js';
import { loadTrustedDocuments, useTrustedDocuments } from './http/trusted-documents.js';
import { schema } from './schema/index.js';

/** A running server and everything it owns. */
export interface RunningApp {
  url: string;
  server: Server;
  executor: GraphExecutor;
  /** The embedded Neo4j under supervision (restarted if its JVM dies), or undefined with NEO4J_URI. */
  localNeo4j: SupervisedNeo4j | undefined;
  /**
   * Drains and stops: /ready turns 503 at once, the listener closes, in-flight requests finish
   * (within the grace period; later ones are cut with a 503), then the driver and the embedded Neo4j close.
   */
  close(): Promise<void>;
}

// Slow clients may not hold a connection open without sending: headers within 10 s, the whole
// request within the deadline plus time to upload the body.
const HEADERS_TIMEOUT_MS = 10_000;
const UPLOAD_ALLOWANCE_MS = 10_000;

type LocalTarget = Extract<AppConfig['neo4j'], { mode: 'local' }>;

async function startNeo4j(
  config: AppConfig,
  logger: Logger,
): Promise<{ uri: string; auth?: { user: string; password: string }; local?: { neo4j: LocalNeo4j; target: LocalTarget } }> {
  if (config.neo4j.mode === 'external') {
    return { uri: config.neo4j.uri, auth: { user: config.neo4j.user, password: config.neo4j.password } };
  }
  const started = await startLocalNeo4j({ ...config.neo4j, onProgress: (message) => logger.info(message) });
  return { uri: started.uri, local: { neo4j: started, target: config.neo4j } };
}

/** Starts Neo4j (embedded unless NEO4J_URI is set), connects, and serves GraphQL. */
export async function startApp(config: AppConfig, logger: Logger): Promise<RunningApp> {
  // A bad manifest stops start-up before Neo4j is started.
  const { files, only } = config.persistedOperations;
  const trusted = files.length > 0 ? useTrustedDocuments(loadTrustedDocuments(files, schema), only) : undefined;
  const neo4j = await startNeo4j(config, logger);
  const driver = createDriver({
    uri: neo4j.uri,
    auth: neo4j.auth,
    maxRetryMs: config.maxRetryMs,
    maxConnections: config.maxConnections,
    acquisitionTimeoutMs: config.limits.timeoutMs + 1_000,
  });
  const executor = new GraphExecutor(driver, config.database, logger);
  const local = neo4j.local;
  const localNeo4j =
    local &&
    superviseLocalNeo4j(local.neo4j, {
      restart: () => startLocalNeo4j({ ...local.target, port: local.neo4j.port, onProgress: (message) => logger.info(message) }),
      maxRestarts: config.localNeo4jRestarts,
      logger,
      onDown: (reason) => executor.availability.reportFailure(reason),
      onUp: () => executor.availability.reportRecovered(),
    });
  try {
    await ensureGraphSchema(executor);
    if (await isGraphEmpty(executor)) {
      const loaded = await seedFromFiles(executor);
      logger.info({ documents: loaded.map((summary) => summary.sourceId) }, 'seeded an empty database from seed-data/');
      // Before the warm-up caches plans: made now, they would be made for the empty indexes.
      await replanWithCurrentStatistics(executor).catch((error: unknown) =>
        logger.warn({ err: error }, 'could not re-sample the indexes after seeding (needs an admin user); Neo4j re-plans on its own later'),
      );
    }
    const warming = Date.now();
    const broken = await warmQueryPlans(executor);
    logger.info({ tookMs: Date.now() - warming }, 'query plans warmed');
    if (broken.length > 0)
      logger.warn({ broken }, 'rows the schema cannot represent were read while warming up; requests that read them will fail');
    const served = await serveGraphQL(config, executor, logger, { localNeo4j, trusted });
    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= (async () => {
        await served.close();
        await executor.close();
        await localNeo4j?.stop();
      })();
      return closing;
    };
    return { url: served.url, server: served.server, executor, localNeo4j, close };
  } catch (error) {
    await executor.close();
    await localNeo4j?.stop();
    throw error;
  }
}

/** A GraphQL server listening on `config.port`, over an executor that is connected and warmed. */
export interface ServedGraphQL {
  url: string;
  server: Server;
  /** Drains (in-flight requests finish within SHUTDOWN_GRACE_MS) and stops the HTTP side; the executor stays open. */
  close(): Promise<void>;
}

/**
 * The HTTP side exactly as `npm start` serves it: yoga with metrics, tracing and trusted documents
 * as configured, browser safety, deadlines and draining. The benchmark serves our server through
 * this too, so it measures what production runs.
 */
export async function serveGraphQL(
  config: AppConfig,
  executor: GraphExecutor,
  logger: Logger,
  options: { localNeo4j?: SupervisedNeo4j | undefined; trusted?: Plugin | undefined } = {},
): Promise<ServedGraphQL> {
  const shutdown = new AbortController();
  const scopes = new RequestScopes(config.limits.timeoutMs, shutdown.signal);
  const server = createServer();
  const drain = new Drain(server);
  const events = createEvents(config.redisUrl);
  const tracing = config.tracing.endpoint ? startTracing(config.tracing.endpoint, config.tracing.serviceName, executor) : undefined;
  const metrics = config.metrics.enabled
    ? createMetrics({ executor, localNeo4j: options.localNeo4j, maxConnections: config.maxConnections, token: config.metrics.token })
    : undefined;
  const yoga = buildYoga({
    executor,
    logger,
    config,
    scopes,
    isDraining: () => drain.isDraining,
    authenticate: createAuthenticator(config.auth),
    pubsub: events.pubsub,
    plugins: [...(metrics ? [metrics.plugin] : []), ...(tracing ? [tracing.plugin] : []), ...(options.trusted ? [options.trusted] : [])],
    routes: config.dashboard.enabled ? [useDashboard()] : [],
  });
  if (config.dashboard.enabled && !isDashboardBuilt())
    logger.warn('the dashboard is not built: /dashboard answers 503 until `npm run dashboard:build`');
  server.on('request', drain.listener(guardHost(config.browser, yoga)));
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = config.limits.timeoutMs + UPLOAD_ALLOWANCE_MS;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    await events.close();
    await tracing?.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? 'localhost' : host}:${port}${yoga.graphqlEndpoint}`;
  return {
    url,
    server,
    close: async () => {
      const started = Date.now();
      await drain.drain({ graceMs: config.shutdownGraceMs, cut: () => shutdown.abort(), inFlight: () => scopes.inFlight });
      logger.info({ drainedMs: Date.now() - started, cut: shutdown.signal.aborted }, 'HTTP server drained');
      await events.close();
      await tracing?.close();
    },
  };
}
