// npm run seed [-- file.json ...]: creates constraints and indexes, then loads seed documents.
import { ConfigError, loadConfig } from '../src/config.js';
import { createDriver, GraphExecutor } from '../src/graph/executor.js';
import { graphCounts } from '../src/graph/seed.js';
import { startLocalNeo4j, type LocalNeo4j } from '../src/neo4j/local.js';
import { readDocuments, seedDocuments } from '../src/seed/load.js';
import { SeedValidationError } from '../src/seed/validate.js';

async function main(): Promise<void> {
  const config = loadConfig();
  // Validate everything before touching (or even starting) the database.
  const documents = await readDocuments(process.argv.slice(2));
  let local: LocalNeo4j | undefined;
  let uri: string;
  if (config.neo4j.mode === 'local') {
    local = await startLocalNeo4j(config.neo4j);
    uri = local.uri;
  } else {
    uri = config.neo4j.uri;
  }
  const auth = config.neo4j.mode === 'external' ? { user: config.neo4j.user, password: config.neo4j.password } : undefined;
  const executor = new GraphExecutor(createDriver({ uri, auth, maxRetryMs: config.maxRetryMs }), config.database);
  try {
    const summaries = await seedDocuments(executor, documents);
    for (const summary of summaries) process.stdout.write(`loaded ${JSON.stringify(summary)}\n`);
    const counts = await graphCounts(executor);
    process.stdout.write(`graph now holds ${JSON.stringify(counts)}\n`);
  } finally {
    await executor.close();
    await local?.stop();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof SeedValidationError || error instanceof ConfigError;
  process.stderr.write(`seed failed: ${known || !(error instanceof Error) ? String(error instanceof Error ? error.message : error) : error.stack}\n`);
  process.exitCode = 1;
});
