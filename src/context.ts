import DataLoader from 'dataloader';
import { fetchLookups, type LookupKey, type LookupKind, type LookupResult } from './graph/batch.js';
import type { RequestLimits } from './config.js';
import type { GraphExecutor } from './graph/executor.js';
import type { RequestScope } from './graph/scope.js';
import type { Logger } from './logger.js';

/** A typed view of the request's batch loader for one kind of lookup. */
export interface KindLoader<K extends LookupKind> {
  load(key: string): Promise<LookupResult<K>>;
  loadMany(keys: readonly string[]): Promise<LookupResult<K>[]>;
}

/** Per-request loaders. All kinds share one DataLoader, so a nesting level costs one Cypher round-trip. */
export interface Loaders {
  entity: KindLoader<'entity'>;
  statement: KindLoader<'statement'>;
  claim: KindLoader<'claim'>;
  evidence: KindLoader<'evidence'>;
  source: KindLoader<'source'>;
  relationships: KindLoader<'relationships'>;
  officials: KindLoader<'officials'>;
  statementsBy: KindLoader<'statementsBy'>;
  statementsAbout: KindLoader<'statementsAbout'>;
  statementsVia: KindLoader<'statementsVia'>;
  /** Entities within `depth` (1-3) hops. */
  neighbours(depth: number): KindLoader<'neighbours'>;
}

/** What every resolver sees; built fresh for each request so caches never leak between requests. */
export interface Context {
  /** Bound to the request: its transactions end with the request's deadline or disconnect. */
  executor: GraphExecutor;
  logger: Logger;
  loaders: Loaders;
  limits: RequestLimits;
}

/** Long-lived dependencies the per-request context is built from. */
export interface ContextDeps {
  executor: GraphExecutor;
  logger: Logger;
  limits: RequestLimits;
}

/** Builds fresh loaders bound to an executor. */
export function createLoaders(executor: GraphExecutor): Loaders {
  const batch = new DataLoader<LookupKey, unknown, string>((keys) => fetchLookups(executor, keys), {
    cacheKeyFn: ({ kind, key }) => `${kind}\u0000${key}`,
  });
  const view = <K extends LookupKind>(kind: K, prefix = ''): KindLoader<K> => ({
    load: async (key) => (await batch.load({ kind, key: prefix + key })) as LookupResult<K>,
    loadMany: (keys) => Promise.all(keys.map(async (key) => (await batch.load({ kind, key: prefix + key })) as LookupResult<K>)),
  });
  return {
    entity: view('entity'),
    statement: view('statement'),
    claim: view('claim'),
    evidence: view('evidence'),
    source: view('source'),
    relationships: view('relationships'),
    officials: view('officials'),
    statementsBy: view('statementsBy'),
    statementsAbout: view('statementsAbout'),
    statementsVia: view('statementsVia'),
    neighbours: (depth) => view('neighbours', `${depth}:`),
  };
}

/** Builds a fresh per-request context whose database work ends with the request's scope. */
export function createContext(deps: ContextDeps, scope: RequestScope): Context {
  const executor = deps.executor.forRequest(scope);
  return { executor, logger: deps.logger, loaders: createLoaders(executor), limits: deps.limits };
}
