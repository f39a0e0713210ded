/**
 * A batched lookup: one Cypher branch that answers many keys of one kind at once.
 * Every branch reads its keys from `$<kind>` and returns the columns `kind, key, value`,
 * so that all lookups of a nesting level run as one query (see batch.ts).
 */
export interface Lookup<V> {
  cypher: string;
  /** True when a key has many values (a list), false when it has at most one. */
  many: boolean;
  map(value: Record<string, unknown>): V;
  /** Order of a key's values when `many`. */
  order?: (a: V, b: V) => number;
}

/** Declares a lookup, keeping whether it is list-valued in its type. */
export function lookup<V, const Many extends boolean>(definition: Lookup<V> & { many: Many }): Lookup<V> & { many: Many } {
  return definition;
}
