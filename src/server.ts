import { startApp, type RunningApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

const logger = createLogger(config.logLevel);
let app: RunningApp | undefined;
let stopRequested = false;

// Installed before start-up, so a signal at any moment stops cleanly (and the embedded Neo4j with it).
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopRequested) return;
  stopRequested = true;
  logger.info({ signal }, 'shutting down');
  if (!app) return; // start-up is still running; it closes the app when it sees stopRequested
  try {
    await app.close();
    logger.info('stopped');
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGINT', (signal) => void shutdown(signal));
process.on('SIGTERM', (signal) => void shutdown(signal));

try {
  const started = await startApp(config, logger);
  if (stopRequested) {
    await started.close();
    logger.info('stopped');
    process.exit(0);
  }
  app = started;
  // Which code runs: the compiled build (npm run build) or the TypeScript sources (through tsx).
  const code = import.meta.url.endsWith('.js') ? 'compiled' : 'sources';
  logger.info(
    { url: app.url, neo4j: app.localNeo4j?.current.uri ?? 'external', code, node: process.version },
    `GraphQL ready at ${app.url} (GraphiQL in the browser)`,
  );
  // Out at once, not with the next buffer: whoever started the server is waiting for this line.
  logger.flush();
} catch (error) {
  logger.fatal({ err: error }, error instanceof Error ? error.message : String(error));
  process.exit(1);
}
