import { CLAIM_LOOKUPS } from './claims.js';
import { ENTITY_LOOKUPS } from './entities.js';
import { EVIDENCE_LOOKUPS } from './evidence.js';
import type { GraphExecutor } from './executor.js';
import type { Lookup } from './lookup.js';
import { STATEMENT_LOOKUPS } from './statements.js';

/** Every batched lookup, by kind. */
export const LOOKUPS = { ...ENTITY_LOOKUPS, ...STATEMENT_LOOKUPS, ...CLAIM_LOOKUPS, ...EVIDENCE_LOOKUPS };

export type LookupKind = keyof typeof LOOKUPS;
type ValueOf<K extends LookupKind> = (typeof LOOKUPS)[K] extends Lookup<infer V> ? V : never;
/** What a key of each kind resolves to: a record or null, or a list. */
export type LookupResult<K extends LookupKind> = (typeof LOOKUPS)[K]['many'] extends true ? ValueOf<K>[] : ValueOf<K> | null;

const KINDS = Object.keys(LOOKUPS) as LookupKind[];

// One constant query holding every branch: kinds with no keys UNWIND an empty list and cost nothing.
// So whatever mix of lookups a nesting level of a GraphQL request needs, it is one round-trip.
const BATCH_QUERY = `CALL () {
${KINDS.map((kind) => LOOKUPS[kind].cypher).join('\nUNION ALL\n')}
}
RETURN kind, key, value`;

/** A lookup request: a kind and a key (a slug; for neighbours "<depth>:<slug>"). */
export interface LookupKey {
  kind: LookupKind;
  key: string;
}

/** Resolves many lookups of any kinds in one round-trip; results come back in request order. */
export async function fetchLookups(executor: GraphExecutor, requests: readonly LookupKey[]): Promise<unknown[]> {
  const params: Record<string, string[]> = Object.fromEntries(KINDS.map((kind) => [kind, []]));
  for (const { kind, key } of requests) params[kind]?.push(key);
  for (const kind of KINDS) params[kind] = [...new Set(params[kind])];
  const rows = await executor.readRows<{ kind: LookupKind; key: string; value: Record<string, unknown> }>(BATCH_QUERY, params);

  const found = new Map<string, unknown[]>();
  for (const row of rows) {
    const id = `${row.kind}\u0000${row.key}`;
    const list = found.get(id) ?? [];
    list.push(LOOKUPS[row.kind].map(row.value));
    found.set(id, list);
  }
  return requests.map(({ kind, key }) => {
    const values = found.get(`${kind}\u0000${key}`) ?? [];
    const definition = LOOKUPS[kind] as Lookup<unknown>;
    if (!definition.many) return values[0] ?? null;
    return definition.order ? values.sort(definition.order) : values;
  });
}

/** Convenience for scripts and tests: one kind, many keys. */
export async function lookupMany<K extends LookupKind>(executor: GraphExecutor, kind: K, keys: readonly string[]): Promise<LookupResult<K>[]> {
  return (await fetchLookups(executor, keys.map((key) => ({ kind, key })))) as LookupResult<K>[];
}
