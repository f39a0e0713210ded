import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from './config.js';
import { createDriver, GraphExecutor } from './graph/executor.js';
import type { Logger } from './logger.js';
import { startLocalNeo4j, type LocalNeo4j } from './neo4j/local.js';
import { isGraphEmpty } from './graph/seed.js';
import { ensureGraphSchema } from './graph/setup.js';
import { seedFromFiles } from './seed/load.js';
import { buildYoga } from './yoga.js';

/** A running server and everything it owns. */
export interface RunningApp {
  url: string;
  server: Server;
  executor: GraphExecutor;
  localNeo4j: LocalNeo4j | undefined;
  /** Stops accepting, lets in-flight requests finish, closes the driver, stops the local Neo4j. */
  close(): Promise<void>;
}

/** Starts Neo4j (embedded unless NEO4J_URI is set), connects, and serves GraphQL. */
export async function startApp(config: AppConfig, logger: Logger): Promise<RunningApp> {
  let localNeo4j: LocalNeo4j | undefined;
  let uri: string;
  let auth: { user: string; password: string } | undefined;
  if (config.neo4j.mode === 'local') {
    localNeo4j = await startLocalNeo4j({
      ...config.neo4j,
      onProgress: (message) => logger.info(message),
    });
    uri = localNeo4j.uri;
  } else {
    uri = config.neo4j.uri;
    auth = { user: config.neo4j.user, password: config.neo4j.password };
  }

  const executor = new GraphExecutor(createDriver({ uri, auth, maxRetryMs: config.maxRetryMs }), config.database, logger);
  try {
    await ensureGraphSchema(executor);
    if (await isGraphEmpty(executor)) {
      const loaded = await seedFromFiles(executor);
      logger.info({ documents: loaded.map((summary) => summary.sourceId) }, 'seeded an empty database from seed-data/');
    }
    const yoga = buildYoga({ executor, logger });
    const server = createServer(yoga);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}${yoga.graphqlEndpoint}`;

    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= (async () => {
        await stopServer(server);
        await executor.close();
        await localNeo4j?.stop();
      })();
      return closing;
    };
    return { url, server, executor, localNeo4j, close };
  } catch (error) {
    await executor.close();
    await localNeo4j?.stop();
    throw error;
  }
}

/** Stops accepting connections and resolves once in-flight requests have finished (or 30 s passed). */
function stopServer(server: Server, graceMs = 30_000): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    // Keep-alive sockets with no request in flight would otherwise hold close() open.
    server.closeIdleConnections();
  });
}
