import { resolve } from 'node:path';
import type { GraphExecutor } from '../graph/executor.js';
import { loadDocument, type DocumentLoadSummary } from '../graph/seed.js';
import { settlePendingTallies } from '../graph/tallies.js';
import { ensureGraphSchema } from '../graph/setup.js';
import { storedReferences } from '../graph/seed.js';
import type { SeedDocument, SeedEntity } from './format.js';
import {
  documentReferences,
  externalReferences,
  readSeedDirectory,
  readSeedFile,
  validateReferences,
  type ValidatedDocument,
} from './validate.js';

/** The seed-data folder of this repository. */
export const SEED_DIR = resolve(import.meta.dirname, '../../seed-data');

/**
 * Validates every document first, references resolved against the documents and what is stored
 * (nothing is written if any fails), then loads each in its own transaction. A document referring
 * to an entity that another document of the call defines carries that entity's definition, so the
 * order of the files never matters.
 */
export async function seedDocuments(
  executor: GraphExecutor,
  documents: ValidatedDocument[],
  options: { writer?: string; onLoaded?: (summary: DocumentLoadSummary, index: number) => void } = {},
): Promise<DocumentLoadSummary[]> {
  await ensureGraphSchema(executor);
  validateReferences(documents, await storedReferences(executor, externalReferences(documents)));
  const definitions = new Map<string, SeedEntity>();
  for (const { document } of documents)
    for (const entity of document.entities) if (!definitions.has(entity.id)) definitions.set(entity.id, entity);
  const items = documents.map(({ document, text }): LoadItem => {
    const own = new Set(document.entities.map((entity) => entity.id));
    const carried = [...documentReferences(document).entities].filter((id) => !own.has(id)).flatMap((id) => definitions.get(id) ?? []);
    return { document, text, carried };
  });
  // Several documents share entities: their counts are recounted once, after the last one.
  const bulk = documents.length > 1;
  const summaries = await loadInOrder(executor, items, {
    writer: options.writer,
    tallies: bulk ? 'deferred' : 'now',
    onLoaded: options.onLoaded,
  });
  if (bulk) await settlePendingTallies(executor);
  return summaries;
}

/** A document to load, with the definitions it carries (see LoadOptions). */
export interface LoadItem {
  document: SeedDocument;
  text: string;
  carried?: SeedEntity[];
}

/** How loadInOrder writes and reports. */
export interface LoadInOrderOptions {
  writer?: string;
  tallies?: 'now' | 'deferred';
  /** Called once per committed document, in order. */
  onLoaded?: (summary: DocumentLoadSummary, index: number) => void;
  /** Runs `run` after every `every` documents, with no load in flight (bulk loads settle their tallies so). */
  checkpoint?: { every: number; run: () => Promise<unknown> };
}

/**
 * Loads documents in order, each in its own transaction, two at a time: a document writes its own
 * source and evidence while the one before it finishes, then waits for that one's commit before it
 * touches anything documents share (see LoadOptions.after). The graph ends as a load one by one
 * leaves it; the first failure stops the load, and the document after it rolls back.
 */
export async function loadInOrder(
  executor: GraphExecutor,
  items: Iterable<LoadItem>,
  options: LoadInOrderOptions = {},
): Promise<DocumentLoadSummary[]> {
  const summaries: DocumentLoadSummary[] = [];
  // Settles when every document started so far has committed (rejects when one failed).
  let committed: Promise<unknown> = Promise.resolve();
  let inFlight: Promise<DocumentLoadSummary> | null = null;
  let inFlightSource: string | null = null;
  const finish = async (load: Promise<DocumentLoadSummary>) => {
    const summary = await load;
    summaries.push(summary);
    options.onLoaded?.(summary, summaries.length - 1);
  };
  try {
    let started = 0;
    for (const { document, text, carried } of items) {
      // The same source again plans against what the one in flight writes: it waits for its commit.
      if (inFlight && inFlightSource === document.source.id) {
        const previous = inFlight;
        inFlight = null;
        await finish(previous);
      }
      const load = loadDocument(executor, document, text, { carried, writer: options.writer, tallies: options.tallies, after: committed });
      // Observed by finish (or by the clean-up below when an earlier one fails first).
      load.catch(() => undefined);
      committed = Promise.all([committed, load]);
      committed.catch(() => undefined);
      const previous = inFlight;
      inFlight = load;
      inFlightSource = document.source.id;
      if (previous) await finish(previous);
      started += 1;
      if (options.checkpoint && started % options.checkpoint.every === 0) {
        inFlight = null;
        await finish(load);
        await options.checkpoint.run();
      }
    }
    if (inFlight) {
      const last = inFlight;
      inFlight = null;
      await finish(last);
    }
    return summaries;
  } finally {
    // A failure leaves at most one later load in flight: let it roll back before the caller moves on.
    if (inFlight) await Promise.allSettled([inFlight]);
  }
}

/** Reads and validates documents from files (or, by default, every document in seed-data/). */
export async function readDocuments(files?: string[]): Promise<ValidatedDocument[]> {
  const documents =
    files && files.length > 0 ? await Promise.all(files.map((file) => readSeedFile(file))) : await readSeedDirectory(SEED_DIR);
  // References to what is stored are checked again by seedDocuments, against the database.
  validateReferences(documents, 'deferred');
  return documents;
}

/** Seeds from files (or, by default, every document in seed-data/). */
export async function seedFromFiles(executor: GraphExecutor, files?: string[]): Promise<DocumentLoadSummary[]> {
  return seedDocuments(executor, await readDocuments(files));
}
