import { randomUUID } from 'node:crypto';
import { GraphFailure } from './errors.js';

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

const END_ERRORS: Record<EndReason, (timeoutMs: number) => GraphFailure> = {
  deadline: (timeoutMs) =>
    new GraphFailure(
      'DEADLINE_EXCEEDED',
      `The request ran past its ${timeoutMs} ms deadline and was stopped; ask for less (smaller pages, fewer hops)`,
      { httpStatus: 504 },
    ),
  'client-gone': () => new GraphFailure('REQUEST_CANCELLED', 'The client closed the connection; the request was cancelled'),
  shutdown: () =>
    new GraphFailure('SERVER_SHUTTING_DOWN', 'The server is shutting down; please retry', { httpStatus: 503, retryAfterSeconds: 1 }),
};

/** A scope that ends at `timeoutMs` from now or when one of `endedBy` fires, whichever comes first. */
export function createRequestScope(
  timeoutMs: number,
  endedBy: { signal: AbortSignal; reason: EndReason }[],
): RequestScope & { end(reason: EndReason): void; dispose(): void; clearDeadline(): void } {
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
  const scope = {
    id: randomUUID(),
    signal: controller.signal,
    deadline: Date.now() + timeoutMs,
    end,
    /** For a subscription: it lives until the client leaves or the server shuts down, not to a deadline. */
    clearDeadline() {
      clearTimeout(timer);
      scope.deadline = Number.POSITIVE_INFINITY;
    },
    dispose() {
      clearTimeout(timer);
      for (const off of unsubscribe) off();
    },
  };
  return scope;
}

/** The error a request that ended early reports (deadline, disconnect or shutdown). */
export function requestEndedError(scope: RequestScope): GraphFailure {
  const reason: unknown = scope.signal.reason;
  if (reason instanceof GraphFailure) return reason;
  return END_ERRORS.deadline(Math.max(0, scope.deadline - Date.now()));
}
