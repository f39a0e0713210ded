// Trusted documents (persisted operations): a client build publishes a manifest mapping each
// operation's hash to its text (GraphQL Code Generator's client preset writes one); the client then
// sends only `extensions.persistedQuery.sha256Hash`. With PERSISTED_OPERATIONS_ONLY=true nothing else
// runs, so a production API answers exactly the operations its own clients were built with.
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ConfigError } from '../config.js';

/** Reads the manifests (JSON objects: hash -> operation text) and checks every operation against the schema. */
export function loadTrustedDocuments(files: string[], schema: GraphQLSchema): Map<string, DocumentNode> {
  const documents = new Map<string, DocumentNode>();
  for (const file of files) {
    let manifest: unknown;
    try {
      manifest = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(
        `PERSISTED_OPERATIONS_FILE: cannot read ${file} as JSON (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
      throw new ConfigError(`PERSISTED_OPERATIONS_FILE: ${file} must be a JSON object mapping operation hashes to operation text`);
    }
    for (const [hash, text] of Object.entries(manifest)) {
      if (typeof text !== 'string') throw new ConfigError(`PERSISTED_OPERATIONS_FILE: ${file}: the operation "${hash}" is not a string`);
      // A stale manifest is found at start-up, not by the first client that sends its hash.
      let document: DocumentNode;
      try {
        document = parse(text);
      } catch (error) {
        throw new ConfigError(`PERSISTED_OPERATIONS_FILE: ${file}: operation "${hash}" does not parse: ${(error as Error).message}`);
      }
      const [problem] = validate(schema, document);
      if (problem)
        throw new ConfigError(`PERSISTED_OPERATIONS_FILE: ${file}: operation "${hash}" does not fit this schema: ${problem.message}`);
      documents.set(hash, document);
    }
  }
  return documents;
}

const refusal = (message: string, code: string, status: number) => ({ message, extensions: { code, http: { status } } });

/** Runs known operations by hash; with `only`, refuses any other operation. */
export function useTrustedDocuments(documents: Map<string, DocumentNode>, only: boolean): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (hash) => documents.get(hash) ?? null,
    allowArbitraryOperations: !only,
    // Checked against the schema once, at start-up.
    skipDocumentValidation: true,
    customErrors: {
      notFound: refusal(
        'Unknown persisted operation: no operation with this hash is in the manifest (PERSISTED_OPERATIONS_FILE)',
        'PERSISTED_QUERY_NOT_FOUND',
        400,
      ),
      persistedQueryOnly: refusal(
        'This server runs trusted documents only (PERSISTED_OPERATIONS_ONLY): send extensions.persistedQuery.sha256Hash of an operation in its manifest',
        'PERSISTED_QUERY_ONLY',
        400,
      ),
      keyNotFound: refusal('extensions.persistedQuery needs version 1 and a sha256Hash', 'PERSISTED_QUERY_NOT_FOUND', 400),
    },
  });
}
