import { CLAIM_LOOKUPS } from './claims.js';
import { ENTITY_LOOKUPS } from './entities.js';
import { EVIDENCE_LOOKUPS } from './evidence.js';
import { int, type GraphExecutor } from './executor.js';
import type { Lookup } from './lookup.js';
import { STATEMENT_LOOKUPS } from './statements.js';

/** Every batched lookup, by kind. */
export const LOOKUPS = { ...ENTITY_LOOKUPS, ...STATEMENT_LOOKUPS, ...CLAIM_LOOKUPS, ...EVIDENCE_LOOKUPS };

export type LookupKind = keyof typeof LOOKUPS;
type ValueOf<K extends LookupKind> = ReturnType<(typeof LOOKUPS)[K]['map']>;
/** The arguments a request of kind K carries besides the id. */
export type ArgsOf<K extends LookupKind> = NonNullable<(typeof LOOKUPS)[K]['argsType']>;
/** What a request of each kind resolves to: a record or null, or a list. */
export type LookupResult<K extends LookupKind> = (typeof LOOKUPS)[K]['many'] extends true ? ValueOf<K>[] : ValueOf<K> | null;

/** Every lookup kind. */
export const LOOKUP_KINDS = Object.keys(LOOKUPS) as LookupKind[];
const KINDS = LOOKUP_KINDS;
const PAGED_KINDS = KINDS.filter((kind) => (LOOKUPS[kind] as Lookup<unknown, object>).rowsFor !== undefined);

// One query per mix of kinds a nesting level needs, holding a branch per kind, each taking its own
// requests from the one list: whatever lookups a level needs, it is one round-trip, and the query
// has one parameter shape. (Neo4j caches a plan per query text *and* parameter types, with list
// sizes in buckets: a list per kind would make each mix of sizes a new plan.) Only the kinds
// present are included: a branch with nothing to do still costs Neo4j time on every call.
const batchQueries = new Map<string, string>();
function batchQuery(kinds: readonly LookupKind[]): string {
  const id = kinds.join(',');
  let query = batchQueries.get(id);
  if (query === undefined) {
    const branches = kinds.map((kind) => `UNWIND $requests AS req WITH req WHERE req.kind = '${kind}'\n${LOOKUPS[kind].cypher}`);
    query = `CALL () {\n${branches.join('\nUNION ALL\n')}\n}\nRETURN kind, key, value`;
    batchQueries.set(id, query);
  }
  return query;
}

/** Smallest list of requests sent (see the padding in fetchLookups). */
export const MIN_BATCH_SIZE = 11;
/** A request no branch answers. */
const PADDING = { kind: '', key: '', id: '' };

/** A lookup request: a kind, the id it starts from and its arguments; `key` identifies it in the batch. */
export interface LookupKey {
  kind: LookupKind;
  key: string;
  request: { id: string } & Record<string, unknown>;
}

/** Builds the request for a kind, with a key that is the same for equal requests. */
export function lookupKey<K extends LookupKind>(kind: K, id: string, args?: ArgsOf<K>): LookupKey {
  const entries = Object.entries(args ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  const key = entries.length === 0 ? id : `${id}\u0000${JSON.stringify(entries)}`;
  return { kind, key, request: { id, ...Object.fromEntries(entries) } };
}

/** Resolves many lookups of any kinds in one round-trip; results come back in request order. */
export async function fetchLookups(executor: GraphExecutor, requests: readonly LookupKey[]): Promise<unknown[]> {
  const params: Record<string, unknown> = {};
  const batch: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  const limits = new Map<LookupKind, number>();
  for (const { kind, key, request } of requests) {
    const definition = LOOKUPS[kind] as Lookup<unknown, object>;
    if (definition.rowsFor) limits.set(kind, Math.max(limits.get(kind) ?? 1, definition.rowsFor(request)));
    if (seen.has(`${kind}\u0000${key}`)) continue;
    seen.add(`${kind}\u0000${key}`);
    batch.push({ ...request, kind, key });
  }
  // Neo4j buckets list sizes by powers of ten in its plan cache key: padding small batches to one
  // bucket leaves two plans in practice (up to 100 requests, up to 1,000), both warmed at start-up.
  while (batch.length < MIN_BATCH_SIZE) batch.push(PADDING);
  params.requests = batch;
  for (const kind of PAGED_KINDS) if (limits.has(kind)) params[`${kind}Limit`] = int(limits.get(kind) ?? 1);
  const kinds = KINDS.filter((kind) => batch.some((request) => request.kind === kind));
  const rows = await executor.readRows<{ kind: LookupKind; key: string; value: Record<string, unknown> }>(batchQuery(kinds), params);

  const found = new Map<string, unknown[]>();
  for (const row of rows) {
    const id = `${row.kind}\u0000${row.key}`;
    const list = found.get(id) ?? [];
    list.push(LOOKUPS[row.kind].map(row.value));
    found.set(id, list);
  }
  return requests.map(({ kind, key }) => {
    const values = found.get(`${kind}\u0000${key}`) ?? [];
    const definition = LOOKUPS[kind] as Lookup<unknown, object>;
    if (!definition.many) return values[0] ?? null;
    return definition.order ? values.sort(definition.order) : values;
  });
}

/** Convenience for scripts and tests: one kind, many ids, the same arguments. */
export async function lookupMany<K extends LookupKind>(
  executor: GraphExecutor,
  kind: K,
  ids: readonly string[],
  args?: ArgsOf<K>,
): Promise<LookupResult<K>[]> {
  return (await fetchLookups(
    executor,
    ids.map((id) => lookupKey(kind, id, args)),
  )) as LookupResult<K>[];
}
