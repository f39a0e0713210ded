// Runs one server under test in its own process, as the benchmark does:
//   npx tsx bench/serve.ts <ours|neo4j-graphql|raw> <bolt uri> <database> [port]
// Prints "READY <url>" once listening; stops on SIGTERM or when stdin closes.
import { loadConfig } from '../src/config.js';
import { createDriver } from '../src/graph/executor.js';
import { SERVER_NAMES, type ServerModule, type ServerName } from './contract.js';
import { neo4jGraphql } from './servers/neo4j-graphql.js';
import { ours } from './servers/ours.js';
import { raw } from './servers/raw.js';
import { setNestedTranslation } from '../src/translate/core.js';

const MODULES: Record<ServerName, ServerModule> = { ours, 'neo4j-graphql': neo4jGraphql, raw };

const [name, uri, database = 'neo4j', port = '0'] = process.argv.slice(2);
if (!SERVER_NAMES.includes(name as ServerName) || !uri) {
  process.stderr.write(`usage: serve.ts <${SERVER_NAMES.join('|')}> <bolt uri> [database] [port]\n`);
  process.exit(2);
}
// Set by `npm run bench -- --ours-batched` (see bench/run.ts).
if (process.env.BENCH_OURS_BATCHED === '1') setNestedTranslation(false);
// The same driver settings for every server: the connection count our server uses by default.
const driver = createDriver({ uri, maxRetryMs: 5_000, maxConnections: loadConfig({}).maxConnections });
const server = await MODULES[name as ServerName].start({ driver, database, port: Number(port) });
process.stdout.write(`READY ${server.url}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.close();
  await driver.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
