/** Where a compiled answer keeps, on a record, what it preloaded for its fields (by response key). */
export const PRELOADED = Symbol('preloaded');

type WithPreloads = { [PRELOADED]?: Map<string, unknown> };

/** Attaches preloaded field values to a record (invisible to anything but the preload plugin). */
export function attachPreloads<T extends object>(record: T, preloads: Map<string, unknown>): T {
  // A plain assignment, not defineProperty (4x slower, and it runs for every record of an answer): a
  // symbol key is skipped by JSON, for...in and Object.keys alike.
  if (preloads.size > 0) (record as WithPreloads)[PRELOADED] = preloads;
  return record;
}

/** The value preloaded for a field of `parent` under `responseKey`, if the answer was compiled with it. */
export function preloaded(parent: unknown, responseKey: string): { value: unknown } | undefined {
  const preloads = (parent as WithPreloads | null | undefined)?.[PRELOADED];
  if (!preloads?.has(responseKey)) return undefined;
  return { value: preloads.get(responseKey) };
}
