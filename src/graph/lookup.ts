/**
 * A batched lookup: one Cypher branch that answers many requests of one kind at once.
 * Every branch starts with `req` bound to one request, a map `{kind, key, id, ...arguments}`, and
 * returns the columns `kind, key, value`, so that all lookups of a nesting level run as one query
 * (see batch.ts). A lookup that pages reads its row limit from `$<kind>Limit`: the largest page
 * any of the batch's requests asked for (Cypher's LIMIT cannot vary per row).
 */
export interface Lookup<V, A extends object> {
  cypher: string;
  /** True when a request has many values (a list), false when it has at most one. */
  many: boolean;
  map(value: Record<string, unknown>): V;
  /** Order of a request's values when `many`. */
  order?: (a: V, b: V) => number;
  /** For lookups that page: the rows one request needs. */
  rowsFor?: (args: A) => number;
  /** Never set: carries the request arguments' type, so loaders can be typed from the registry. */
  readonly argsType?: A;
}

/** Declares a lookup whose requests carry arguments `A` besides the id (none by default). */
export function lookup<A extends object = Record<never, never>>() {
  return <V, const Many extends boolean>(definition: Lookup<V, A> & { many: Many }): Lookup<V, A> & { many: Many } => definition;
}
