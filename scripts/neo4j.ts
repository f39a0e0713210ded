// Runs the embedded Neo4j alone (for Neo4j Browser, cypher-shell or a second app instance) until Ctrl-C.
import { loadConfig } from '../src/config.js';
import { startLocalNeo4j } from '../src/neo4j/local.js';

const config = loadConfig();
if (config.neo4j.mode !== 'local') {
  process.stderr.write('NEO4J_URI is set: there is no local Neo4j to run.\n');
  process.exit(1);
}
const neo4j = await startLocalNeo4j({ ...config.neo4j, port: config.neo4j.port ?? 7687 });
process.stdout.write(`Neo4j ready at ${neo4j.uri} (Ctrl-C to stop)\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void neo4j.stop().then(() => process.exit(0)));
}
