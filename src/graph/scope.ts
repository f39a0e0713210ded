import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';

/** Why a request ended before it finished. */
export type EndReason = 'deadline' | 'client-gone' | 'shutdown';

/** The life of one request, as the data layer sees it: its transactions end when it does. */
export interface RequestScope {
  /** Sent to Neo4j as transaction metadata, so a running query can be traced to its request. */
  id: string;
  /** Aborted at the deadline, when the client disconnects, or when the server shuts down. */
  signal: AbortSignal;
  /** Epoch milliseconds after which no work may continue. */
  deadline: number;
}

const END_ERRORS: Record<EndReason, (timeoutMs: number) => GraphQLError> = {
  deadline: (timeoutMs) =>
    new GraphQLError(`The request ran past its ${timeoutMs} ms deadline and was stopped; ask for less (smaller pages, fewer hops)`, {
      extensions: { code: 'DEADLINE_EXCEEDED', http: { status: 504 } },
    }),
  'client-gone': () => new GraphQLError('The client closed the connection; the request was cancelled', { extensions: { code: 'REQUEST_CANCELLED' } }),
  shutdown: () =>
    new GraphQLError('The server is shutting down; please retry', { extensions: { code: 'SERVER_SHUTTING_DOWN', http: { status: 503, headers: { 'retry-after': '1' } } } }),
};

/** A scope that ends at `timeoutMs` from now or when one of `endedBy` fires, whichever comes first. */
export function createRequestScope(timeoutMs: number, endedBy: { signal: AbortSignal; reason: EndReason }[]): RequestScope & { end(reason: EndReason): void; dispose(): void } {
  const controller = new AbortController();
  const end = (reason: EndReason) => {
    if (!controller.signal.aborted) controller.abort(END_ERRORS[reason](timeoutMs));
  };
  const timer = setTimeout(() => end('deadline'), timeoutMs);
  timer.unref();
  const unsubscribe = endedBy.map(({ signal, reason }) => {
    const listener = () => end(reason);
    if (signal.aborted) listener();
    else signal.addEventListener('abort', listener, { once: true });
    return () => signal.removeEventListener('abort', listener);
  });
  return {
    id: randomUUID(),
    signal: controller.signal,
    deadline: Date.now() + timeoutMs,
    end,
    dispose() {
      clearTimeout(timer);
      for (const off of unsubscribe) off();
    },
  };
}

/** The error a request that ended early reports (deadline, disconnect or shutdown). */
export function requestEndedError(scope: RequestScope): GraphQLError {
  const reason: unknown = scope.signal.reason;
  if (reason instanceof GraphQLError) return reason;
  return END_ERRORS.deadline(Math.max(0, scope.deadline - Date.now()));
}
