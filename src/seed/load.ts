import { resolve } from 'node:path';
import type { GraphExecutor } from '../graph/executor.js';
import { loadDocument, type DocumentLoadSummary } from '../graph/seed.js';
import { settlePendingTallies } from '../graph/tallies.js';
import { ensureGraphSchema } from '../graph/setup.js';
import { storedReferences } from '../graph/seed.js';
import type { SeedEntity } from './format.js';
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
  const summaries: DocumentLoadSummary[] = [];
  for (const { document, text } of documents) {
    const own = new Set(document.entities.map((entity) => entity.id));
    const carried = [...documentReferences(document).entities].filter((id) => !own.has(id)).flatMap((id) => definitions.get(id) ?? []);
    // Several documents share entities: their counts are recounted once, after the last one.
    const summary = await loadDocument(executor, document, text, carried, options.writer, documents.length > 1 ? 'deferred' : 'now');
    summaries.push(summary);
    options.onLoaded?.(summary, summaries.length - 1);
  }
  if (documents.length > 1) await settlePendingTallies(executor);
  return summaries;
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
