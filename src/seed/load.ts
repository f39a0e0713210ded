import { resolve } from 'node:path';
import type { GraphExecutor } from '../graph/executor.js';
import { loadDocument, type DocumentLoadSummary } from '../graph/seed.js';
import { ensureGraphSchema } from '../graph/setup.js';
import { readSeedDirectory, readSeedFile, validateReferences, type ValidatedDocument } from './validate.js';

/** The seed-data folder of this repository. */
export const SEED_DIR = resolve(import.meta.dirname, '../../seed-data');

/** Validates every document first (nothing is written if any fails), then loads each in its own transaction. */
export async function seedDocuments(executor: GraphExecutor, documents: ValidatedDocument[]): Promise<DocumentLoadSummary[]> {
  validateReferences(documents);
  await ensureGraphSchema(executor);
  const summaries: DocumentLoadSummary[] = [];
  for (const { document, text } of documents) summaries.push(await loadDocument(executor, document, text));
  return summaries;
}

/** Reads and validates documents from files (or, by default, every document in seed-data/). */
export async function readDocuments(files?: string[]): Promise<ValidatedDocument[]> {
  const documents = files && files.length > 0 ? await Promise.all(files.map((file) => readSeedFile(file))) : await readSeedDirectory(SEED_DIR);
  validateReferences(documents);
  return documents;
}

/** Seeds from files (or, by default, every document in seed-data/). */
export async function seedFromFiles(executor: GraphExecutor, files?: string[]): Promise<DocumentLoadSummary[]> {
  return seedDocuments(executor, await readDocuments(files));
}
