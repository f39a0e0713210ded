// npm run ingest -- <file.json ...>: validates every document (nothing is written if one fails), then
// loads each in its own transaction through the same code path as the ingestDocument mutation, with a
// progress bar for large inputs and a summary. `npm run seed` runs it on seed-data/.
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig } from '../src/config.js';
import { createDriver, GraphExecutor } from '../src/graph/executor.js';
import { storedReferences } from '../src/graph/seed.js';
import { startLocalNeo4j, type LocalNeo4j } from '../src/neo4j/local.js';
import { readDocuments, seedDocuments } from '../src/seed/load.js';
import { SeedValidationError } from '../src/seed/validate.js';

const BAR_WIDTH = 30;

/** Draws progress on a terminal (one line, redrawn), or a line per tenth elsewhere. */
function progress(total: number, started: number): (done: number, relationships: number) => void {
  let lastTenth = -1;
  return (done, relationships) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    const text = `${done}/${total} documents, ${relationships} relationships, ${seconds} s`;
    if (process.stderr.isTTY) {
      const filled = Math.round((done / total) * BAR_WIDTH);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${text}${done === total ? '\n' : ''}`);
    } else if (Math.floor((done / total) * 10) > lastTenth) {
      lastTenth = Math.floor((done / total) * 10);
      process.stderr.write(`${text}\n`);
    }
  };
}

/** Validates and loads the files (or seed-data/ when none), printing a summary; the command's name prefixes failures. */
export async function ingestFiles(files: string[]): Promise<void> {
  const config = loadConfig();
  // Validate everything before touching (or even starting) the database.
  const documents = await readDocuments(files);
  let local: LocalNeo4j | undefined;
  const uri = config.neo4j.mode === 'local' ? (local = await startLocalNeo4j(config.neo4j)).uri : config.neo4j.uri;
  const auth = config.neo4j.mode === 'external' ? { user: config.neo4j.user, password: config.neo4j.password } : undefined;
  const executor = new GraphExecutor(createDriver({ uri, auth, maxRetryMs: config.maxRetryMs }), config.database);
  try {
    const defined = [...new Set(documents.flatMap(({ document }) => document.entities.map((entity) => entity.id)))];
    const matched = (await storedReferences(executor, { entities: defined, claims: [] })).entities.size;
    const started = performance.now();
    const show = documents.length > 1 ? progress(documents.length, started) : () => {};
    let relationships = 0;
    const summaries = await seedDocuments(executor, documents, {
      writer: `cli:${process.env.USER ?? 'unknown'}`,
      onLoaded: (summary, index) => {
        relationships += summary.relationships;
        show(index + 1, relationships);
      },
    });
    for (const [i, summary] of summaries.entries()) {
      process.stdout.write(
        `${basename(documents[i]?.file ?? '')}: ${summary.unchanged ? 'unchanged (already loaded), nothing written' : `loaded ${summary.entities} entities, ${summary.relationships} relationships, ${summary.statements} statements, ${summary.claims} claims, ${summary.evidence} evidence spans`}\n`,
      );
    }
    const unchanged = summaries.filter((summary) => summary.unchanged).length;
    process.stdout.write(
      `${summaries.length} documents: ${summaries.length - unchanged} written, ${unchanged} unchanged, 0 rejected; entities: ${defined.length - matched} created, ${matched} matched stored ones; ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await executor.close();
    await local?.stop();
  }
}

/** Runs `ingestFiles` as a command: failures are one clear line (the JSON path for a bad document) and exit code 1. */
export function runCommand(name: string, files: string[]): void {
  ingestFiles(files).catch((error: unknown) => {
    const known = error instanceof SeedValidationError || error instanceof ConfigError;
    const message = known || !(error instanceof Error) ? String(error instanceof Error ? error.message : error) : error.stack;
    process.stderr.write(
      `${name} failed: ${message}\n${error instanceof SeedValidationError ? 'nothing was written (all documents rejected)\n' : ''}`,
    );
    process.exitCode = 1;
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) runCommand('ingest', process.argv.slice(2));
