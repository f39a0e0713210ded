import type { GraphExecutor } from './graph/executor.js';
import type { Logger } from './logger.js';

/** What every resolver sees; built fresh for each request so caches never leak between requests. */
export interface Context {
  executor: GraphExecutor;
  logger: Logger;
}

/** Long-lived dependencies the per-request context is built from. */
export interface ContextDeps {
  executor: GraphExecutor;
  logger: Logger;
}

/** Builds a fresh per-request context. */
export function createContext(deps: ContextDeps): Context {
  return { executor: deps.executor, logger: deps.logger };
}
