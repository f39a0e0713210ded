// A minimal typed GraphQL client: it sends only the hash of a trusted document (the server looks the
// operation up in its manifest), and returns data typed by the generated document.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/** A GraphQL error as the server reports it. */
export interface ServerError {
  message: string;
  extensions?: { code?: string };
}

/** Failed request: the server's errors, or its HTTP status when it sent none. */
export class RequestFailed extends Error {
  constructor(
    message: string,
    readonly errors: ServerError[],
  ) {
    super(message);
  }
}

/** Runs a generated operation by its hash; throws RequestFailed on any error. */
export async function execute<Result, Variables>(
  url: string,
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
): Promise<Result> {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) throw new Error('the document has no hash: generate it with persistedDocuments');
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
  });
  const answer = (await response.json()) as { data?: Result | null; errors?: ServerError[] };
  if (answer.errors?.length || answer.data == null) {
    const errors = answer.errors ?? [];
    throw new RequestFailed(
      errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`).join('; ') || `HTTP ${response.status}`,
      errors,
    );
  }
  return answer.data;
}
