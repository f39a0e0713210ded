import DataLoader from 'dataloader';
import { fetchLookups, LOOKUP_KINDS, lookupKey, type ArgsOf, type LookupKey, type LookupKind, type LookupResult } from './graph/batch.js';
import type { RequestLimits } from './config.js';
import type { GraphExecutor } from './graph/executor.js';
import type { RequestScope } from './graph/scope.js';
import type { Logger } from './logger.js';
import type { GraphEvents } from './events.js';
import type { AuthState } from './http/auth.js';
import type { PubSub } from 'graphql-yoga';

/** The arguments a loader call takes after the id: none for plain lookups, the page and filters for lists. */
type LoaderArgs<K extends LookupKind> = [keyof ArgsOf<K>] extends [never] ? [] : [args: ArgsOf<K>];

/** A typed view of the request's batch loader for one kind of lookup. */
export interface KindLoader<K extends LookupKind> {
  load(id: string, ...args: LoaderArgs<K>): Promise<LookupResult<K>>;
  loadMany(ids: readonly string[], ...args: LoaderArgs<K>): Promise<LookupResult<K>[]>;
}

/** Per-request loaders, one per lookup kind. All share one DataLoader, so a nesting level costs one Cypher round-trip. */
export type Loaders = { [K in LookupKind]: KindLoader<K> };

/** What every resolver sees; built fresh for each request so caches never leak between requests. */
export interface Context {
  /** Bound to the request: its transactions end with the request's deadline or disconnect. */
  executor: GraphExecutor;
  logger: Logger;
  loaders: Loaders;
  limits: RequestLimits;
  /** Who is calling and what they may do (scopes checked by the schema's authScopes). */
  auth: AuthState;
  /** Where writes announce themselves to subscriptions. */
  pubsub: PubSub<GraphEvents>;
}

/** Gives a context fresh loaders (empty caches): a subscription's context lives across events, and each event must read fresh data. */
export function renewLoaders(context: Context): void {
  context.loaders = createLoaders(context.executor);
}

/** Long-lived dependencies the per-request context is built from. */
export interface ContextDeps {
  executor: GraphExecutor;
  logger: Logger;
  limits: RequestLimits;
  authenticate: (authorization: string | null) => Promise<AuthState>;
  pubsub: PubSub<GraphEvents>;
}

/** Builds fresh loaders bound to an executor. */
export function createLoaders(executor: GraphExecutor): Loaders {
  const batch = new DataLoader<LookupKey, unknown, string>((keys) => fetchLookups(executor, keys), {
    cacheKeyFn: ({ kind, key }) => `${kind}\u0000${key}`,
  });
  const view = <K extends LookupKind>(kind: K): KindLoader<K> => {
    const load = async (id: string, args?: ArgsOf<K>) => (await batch.load(lookupKey(kind, id, args))) as LookupResult<K>;
    return {
      load: (id, ...args) => load(id, args[0]),
      loadMany: (ids, ...args) => Promise.all(ids.map((id) => load(id, args[0]))),
    };
  };
  return Object.fromEntries(LOOKUP_KINDS.map((kind) => [kind, view(kind)])) as Loaders;
}

/** Builds a fresh per-request context whose database work ends with the request's scope. */
export async function createContext(deps: ContextDeps, scope: RequestScope, authorization: string | null): Promise<Context> {
  const executor = deps.executor.forRequest(scope);
  return {
    executor,
    logger: deps.logger,
    loaders: createLoaders(executor),
    limits: deps.limits,
    auth: await deps.authenticate(authorization),
    pubsub: deps.pubsub,
  };
}
