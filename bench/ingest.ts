// Loads a synthetic corpus into Neo4j through our own bulk loader (loadInOrder), one document per transaction, and
// reports throughput:
//   npx tsx bench/ingest.ts --size 10k --uri bolt://127.0.0.1:7699 [--user neo4j --password ...]
//                           [--seed N] [--database neo4j] [--skip N] [--documents N] [--profile]
// --documents loads only the first N documents of the corpus (to sample the rate of a large size);
// --skip N starts after the first N (generated, not loaded): a later stretch of a size, into a store
// already holding the ones before (e.g. to compare two loaders on alternating stretches);
// --profile prints where the loader spent its time, per statement.
// Everything it writes has source ids starting with "synth-"; bench/cleanup.ts removes it again.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { createDriver, GraphExecutor } from '../src/graph/executor.js';
import { loadInOrder, type LoadItem } from '../src/seed/load.js';
import { settlePendingTallies } from '../src/graph/tallies.js';
import { ensureGraphSchema } from '../src/graph/setup.js';
import { DEFAULT_SEED, generateCorpus, SIZES, type CorpusSize } from './generate.js';
import { QueryTiming } from './query-timing.js';
import { entitiesDefinedBy } from './cleanup.js';

/** Progress after each loaded document. */
export interface IngestProgress {
  documents: number;
  totalDocuments: number;
  entities: number;
  relationships: number;
  seconds: number;
}

/** What a whole ingestion loaded and how long it took. */
export interface IngestResult {
  /** Wall time of the load (generating the documents included; the schema set-up before it not). */
  seconds: number;
  /** Time spent generating documents, part of `seconds`. */
  generateSeconds: number;
  documents: number;
  /** Distinct entities (documents share entities; each is merged once per document naming it). */
  entities: number;
  relationships: number;
  statements: number;
  claims: number;
  /**
   * The same load after its first WARM_UP_DOCUMENTS documents (null when it has no more): the
   * rate a running Neo4j sustains. A fresh JVM compiles its write path during the first ones (10k
   * into an empty store: the first 5 documents took 20 s, the rest 0.6 s each; the whole load 90 s
   * on a fresh Neo4j and 70 s on one that had loaded it before, 2026-12-07).
   */
  afterWarmUp: { documents: number; seconds: number; generateSeconds: number; entities: number; relationships: number } | null;
}

/** Documents a load's warmed-up rate (IngestResult.afterWarmUp) leaves out. */
export const WARM_UP_DOCUMENTS = 10;

/** Options beyond the corpus itself. */
export interface IngestOptions {
  /** Load only the first N documents (after `skip`). */
  documents?: number;
  /** Start after the first N documents of the corpus: they are generated, not loaded, not timed. */
  skip?: number;
}

/** Loads the corpus of `size` and `seed` with our bulk loader (schema first), one document per transaction. */
export async function ingestCorpus(
  executor: GraphExecutor,
  size: CorpusSize,
  seed: number = DEFAULT_SEED,
  onProgress?: (progress: IngestProgress) => void,
  options: IngestOptions = {},
): Promise<IngestResult> {
  await ensureGraphSchema(executor);
  const foreign = await entitiesDefinedBy(executor, { prefix: 'synth-', except: true });
  const skip = options.skip ?? 0;
  const totalDocuments = Math.max(0, Math.min(size.documents - skip, options.documents ?? size.documents));
  const entities = new Set<string>();
  const result: IngestResult = {
    seconds: 0,
    generateSeconds: 0,
    documents: 0,
    entities: 0,
    relationships: 0,
    statements: 0,
    claims: 0,
    afterWarmUp: null,
  };
  // Set in onLoaded; the cast keeps TypeScript from narrowing it to null here.
  let warmedUp = null as Pick<IngestResult, 'seconds' | 'generateSeconds' | 'entities' | 'relationships'> | null;
  const corpus = generateCorpus(size, seed);
  for (let skipped = 0; skipped < skip && !corpus.next().done; skipped += 1);
  const started = performance.now();
  function* documents(): Generator<LoadItem> {
    if (totalDocuments === 0) return;
    let generating = performance.now();
    let count = 0;
    for (const { document, text } of corpus) {
      result.generateSeconds += (performance.now() - generating) / 1000;
      // Merging into an entity of other data would change it, and cleaning up would then delete it.
      const clash = document.entities.find((entity) => foreign.has(entity.id));
      if (clash) throw new Error(`synthetic entity "${clash.id}" already exists with non-synthetic sources; refusing to merge into it`);
      for (const entity of document.entities) entities.add(entity.id);
      yield { document, text };
      if (++count >= totalDocuments) return;
      generating = performance.now();
    }
  }
  // A bulk load: the dashboard counts are recounted once at the end (and every 100 documents), as seedDocuments does.
  await loadInOrder(executor, documents(), {
    tallies: 'deferred',
    checkpoint: { every: 100, run: () => settlePendingTallies(executor) },
    onLoaded: (summary) => {
      result.documents += 1;
      result.relationships += summary.relationships;
      result.statements += summary.statements;
      result.claims += summary.claims;
      result.entities = entities.size;
      result.seconds = (performance.now() - started) / 1000;
      if (result.documents === WARM_UP_DOCUMENTS) warmedUp = { ...result };
      onProgress?.({
        documents: result.documents,
        totalDocuments,
        entities: entities.size,
        relationships: result.relationships,
        seconds: result.seconds,
      });
    },
  });
  await settlePendingTallies(executor);
  result.seconds = (performance.now() - started) / 1000;
  const before = warmedUp;
  if (before && result.documents > WARM_UP_DOCUMENTS) {
    result.afterWarmUp = {
      documents: result.documents - WARM_UP_DOCUMENTS,
      seconds: result.seconds - before.seconds,
      generateSeconds: result.generateSeconds - before.generateSeconds,
      entities: result.entities - before.entities,
      relationships: result.relationships - before.relationships,
    };
  }
  return result;
}

const rate = (count: number, seconds: number) => (seconds > 0 ? Math.round(count / seconds).toLocaleString('en-US') : '-');

function formatDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${Math.round(seconds % 60)} s` : `${seconds.toFixed(1)} s`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '10k' },
      uri: { type: 'string', default: process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687' },
      user: { type: 'string' },
      password: { type: 'string' },
      database: { type: 'string', default: process.env.NEO4J_DATABASE ?? 'neo4j' },
      seed: { type: 'string' },
      documents: { type: 'string' },
      skip: { type: 'string' },
      profile: { type: 'boolean', default: false },
    },
  });
  const sizeName = values.size;
  if (sizeName !== '10k' && sizeName !== '1m') throw new Error(`--size must be 10k or 1m (got "${sizeName}")`);
  const size = SIZES[sizeName];
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  const documents = values.documents === undefined ? undefined : Number(values.documents);
  const skip = values.skip === undefined ? 0 : Number(values.skip);
  if (!Number.isInteger(skip) || skip < 0) throw new Error(`--skip must be a whole number (got "${values.skip}")`);
  // The dev server runs without authentication; a password turns basic auth on.
  const auth = values.password === undefined ? undefined : { user: values.user ?? 'neo4j', password: values.password };
  const executor = new GraphExecutor(createDriver({ uri: values.uri, auth, maxRetryMs: 30_000 }), values.database);
  const timing = values.profile ? new QueryTiming(executor) : null;
  try {
    process.stdout.write(`ingesting ${size.name} (seed ${seed}) into ${values.uri}\n`);
    const result = await ingestCorpus(
      executor,
      size,
      seed,
      (progress) => {
        timing?.split();
        // About twenty progress lines per load, whatever its length.
        const every = Math.max(1, Math.round(progress.totalDocuments / 20));
        if (progress.documents % every !== 0 && progress.documents !== progress.totalDocuments) return;
        const eta = (progress.seconds / progress.documents) * (progress.totalDocuments - progress.documents);
        process.stdout.write(
          `${String(progress.documents).padStart(5)}/${progress.totalDocuments} documents  ${progress.relationships.toLocaleString('en-US').padStart(9)} relationships  ` +
            `${formatDuration(progress.seconds).padStart(12)}  ${rate(progress.relationships, progress.seconds).padStart(7)} rel/s  eta ${formatDuration(eta)}\n`,
        );
      },
      { documents, skip },
    );
    const { seconds } = result;
    process.stdout.write(
      `done: ${result.documents} documents, ${result.entities.toLocaleString('en-US')} entities, ${result.relationships.toLocaleString('en-US')} relationships, ` +
        `${result.statements.toLocaleString('en-US')} statements, ${result.claims.toLocaleString('en-US')} claims in ${formatDuration(seconds)} ` +
        `(generating ${formatDuration(result.generateSeconds)})\n` +
        `throughput: ${(result.documents / seconds).toFixed(2)} documents/s, ${rate(result.entities, seconds)} entities/s, ${rate(result.relationships, seconds)} relationships/s\n`,
    );
    const warm = result.afterWarmUp;
    if (warm) {
      process.stdout.write(
        `after the first ${WARM_UP_DOCUMENTS} documents: ${rate(warm.entities + warm.relationships, warm.seconds - warm.generateSeconds)} entities+relationships/s ` +
          `(${warm.documents} documents in ${formatDuration(warm.seconds)}, generation excluded; the whole load ${rate(result.entities + result.relationships, seconds - result.generateSeconds)}/s)\n`,
      );
    }
    if (timing) {
      timing.stop();
      process.stdout.write('time per loader statement (the last one of a transaction includes its commit):\n');
      for (const row of timing.report().slice(0, 12)) {
        process.stdout.write(`${row.seconds.toFixed(1).padStart(8)} s ${String(row.count).padStart(6)}x  ${row.statement}\n`);
      }
    }
  } finally {
    await executor.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`ingest failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
