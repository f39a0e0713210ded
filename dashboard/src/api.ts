// The one way the dashboard talks to the server: urql over /graphql (queries as POST, subscriptions as
// Server-Sent Events through fetch, which graphql-yoga answers for `Accept: text/event-stream`).
import { Client, cacheExchange, fetchExchange, type AnyVariables, type CombinedError, type RequestPolicy } from '@urql/core';
import { SOURCE_TEXTS } from './documents.js';

const client = new Client({
  url: '/graphql',
  exchanges: [cacheExchange, fetchExchange],
  fetchSubscriptions: true,
  preferGetMethod: false,
});

/** An answer the dashboard cannot use: the server's message, or why the server could not be reached. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    /** The first error's extensions.code, e.g. NOT_FOUND or BAD_USER_INPUT. */
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

function toApiError(error: CombinedError): ApiError {
  const [first] = error.graphQLErrors;
  if (first) {
    const code = first.extensions.code;
    return new ApiError(first.message, typeof code === 'string' ? code : undefined);
  }
  return new ApiError(`The server could not be reached (${error.networkError?.message ?? error.message})`, 'NETWORK');
}

// Answers are cached until a live update says the graph changed; then each query goes to the server once more.
let generation = 0;
const fetchedIn = new Map<string, number>();

/** Marks every cached answer stale (a statement was written). */
export function invalidateCache(): void {
  generation += 1;
}

/** Runs a query; rejects with ApiError when the answer has any error. */
export async function query<Data, Variables extends AnyVariables = AnyVariables>(document: string, variables: Variables): Promise<Data> {
  const key = document + JSON.stringify(variables);
  const requestPolicy: RequestPolicy = fetchedIn.get(key) === generation ? 'cache-first' : 'network-only';
  const result = await client.query<Data, Variables>(document, variables, { requestPolicy }).toPromise();
  if (result.error) throw toApiError(result.error);
  if (result.data === undefined) throw new ApiError('The server answered without data', undefined);
  fetchedIn.set(key, generation);
  return result.data;
}

/** What a subscription reports: its stream opened, an event, its end (with the error, if any). */
export interface SubscriptionHandlers<Data> {
  onOpen: () => void;
  onData: (data: Data) => void;
  onEnd: (error: ApiError | undefined) => void;
}

/** Subscribes over SSE. Returns the unsubscribe. */
export function subscribe<Data>(document: string, { onOpen, onData, onEnd }: SubscriptionHandlers<Data>): () => void {
  let ended = false;
  const end = (error: ApiError | undefined) => {
    if (ended) return;
    ended = true;
    onEnd(error);
  };
  // The server has accepted the subscription once it answers with an event stream.
  const watchOpening: typeof fetch = (input, init) =>
    fetch(input, init).then((response) => {
      if (response.ok && response.headers.get('content-type')?.includes('text/event-stream')) onOpen();
      return response;
    });
  const subscription = client.subscription<Data>(document, {}, { fetch: watchOpening }).subscribe((result) => {
    if (result.error) end(toApiError(result.error));
    // The stream's end arrives as one more result (the last data again) with hasNext false.
    else if (result.hasNext === false) end(undefined);
    else if (result.data !== undefined && !ended) onData(result.data);
  });
  return () => {
    ended = true;
    subscription.unsubscribe();
  };
}

const sourceTexts = new Map<string, Promise<string>>();

/** The full texts of sources by global id, each fetched once. */
export function sourceTextsOf(ids: string[]): Map<string, Promise<string>> {
  const missing = [...new Set(ids)].filter((id) => !sourceTexts.has(id));
  if (missing.length > 0) {
    const answer = query<{ nodes: ({ id: string; text: string } | null)[] }>(SOURCE_TEXTS, { ids: missing });
    for (const id of missing) {
      const text = answer.then(({ nodes }) => nodes.find((node) => node?.id === id)?.text ?? '');
      text.catch(() => sourceTexts.delete(id)); // fetched again next time
      sourceTexts.set(id, text);
    }
  }
  return new Map(ids.map((id) => [id, sourceTexts.get(id) ?? Promise.resolve('')]));
}
