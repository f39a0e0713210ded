/** Where a compiled answer keeps, on a record, what it preloaded for its fields (by response key). */
export const PRELOADED = Symbol('preloaded');

type WithPreloads = { [PRELOADED]?: Map<string, unknown> };

/** Attaches preloaded field values to a record (invisible to anything but the preload plugin). */
export function attachPreloads<T extends object>(record: T, preloads: Map<string, unknown>): T {
  if (preloads.size > 0) Object.defineProperty(record, PRELOADED, { value: preloads, enumerable: false });
  return record;
}

/** The value preloaded for a field of `parent` under `responseKey`, if the answer was compiled with it. */
export function preloaded(parent: unknown, responseKey: string): { value: unknown } | undefined {
  const preloads = (parent as WithPreloads | null | undefined)?.[PRELOADED];
  if (!preloads?.has(responseKey)) return undefined;
  return { value: preloads.get(responseKey) };
}
