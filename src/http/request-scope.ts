import { setMaxListeners } from 'node:events';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { createRequestScope, requestEndedError, type RequestScope } from '../graph/scope.js';
import { failureToGraphQLError } from './errors.js';

type TrackedScope = ReturnType<typeof createRequestScope>;

/** Per-request scopes: a deadline, the client's disconnect and the server's shutdown end a request. */
export class RequestScopes {
  private readonly scopes = new WeakMap<Request, TrackedScope>();
  private readonly active = new Set<TrackedScope>();

  constructor(
    private readonly timeoutMs: number,
    private readonly shutdown: AbortSignal,
  ) {
    // Every running request listens for the shutdown: as many listeners as requests is expected.
    setMaxListeners(0, shutdown);
  }

  /** The scope of a request (created on first use). */
  of(request: Request): RequestScope {
    let scope = this.scopes.get(request);
    if (!scope) {
      scope = createRequestScope(this.timeoutMs, [
        { signal: request.signal, reason: 'client-gone' },
        { signal: this.shutdown, reason: 'shutdown' },
      ]);
      this.scopes.set(request, scope);
      this.active.add(scope);
    }
    return scope;
  }

  /** Releases a finished request's timer and listeners. */
  finish(request: Request): void {
    const scope = this.scopes.get(request);
    if (!scope) return;
    scope.dispose();
    this.active.delete(scope);
  }

  /** How many requests are still running. */
  get inFlight(): number {
    return this.active.size;
  }

  /** The yoga plugin: execution stops, and answers with the reason, as soon as the scope ends. */
  plugin(): Plugin<{ scope?: RequestScope }> {
    return {
      onRequest: ({ request }) => void this.of(request),
      onExecute: ({ args, executeFn, setExecuteFn }) => {
        const scope = this.of(args.contextValue.request);
        setExecuteFn((executeArgs) => untilEnded(executeFn({ ...executeArgs, signal: scope.signal } as typeof executeArgs), scope));
      },
      // A subscription streams until the client leaves or the server shuts down: no deadline.
      onSubscribe: ({ args }) => {
        const request = (args.contextValue as { request?: Request }).request;
        if (request) this.scopes.get(request)?.clearDeadline();
      },
      onResponse: ({ request }) => this.finish(request),
    };
  }
}

/** The execution's result, or, if the scope ends first, an answer that says why. */
function untilEnded<T>(execution: Promise<T> | T, scope: RequestScope): Promise<T | ExecutionResult> {
  return new Promise((resolve, reject) => {
    const onEnd = () => resolve({ errors: [failureToGraphQLError(requestEndedError(scope))] });
    if (scope.signal.aborted) return onEnd();
    scope.signal.addEventListener('abort', onEnd, { once: true });
    Promise.resolve(execution)
      .then(resolve, (error: unknown) =>
        scope.signal.aborted ? onEnd() : reject(error instanceof Error ? error : new Error(String(error))),
      )
      .finally(() => scope.signal.removeEventListener('abort', onEnd));
  });
}
