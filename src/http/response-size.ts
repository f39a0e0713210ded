import { GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';

/**
 * The size of `value` as JSON (strings counted in UTF-16 units plus quotes), or a number above
 * `limit` as soon as it is known to exceed it: the walk stops there, so checking costs O(limit).
 */
export function jsonSizeUpTo(value: unknown, limit: number): number {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && size <= limit) {
    const item = stack.pop();
    if (item === null || item === undefined) size += 4;
    else if (typeof item === 'string') size += item.length + 2;
    else if (typeof item === 'number' || typeof item === 'boolean') size += String(item).length;
    else if (Array.isArray(item)) {
      size += 2 + Math.max(0, item.length - 1);
      for (const element of item) stack.push(element);
    } else if (typeof item === 'object') {
      // for...in, not Object.entries: no array per object (this walk runs on every answer).
      let keys = 0;
      for (const key in item) {
        if (!Object.hasOwn(item, key)) continue;
        keys += 1;
        size += key.length + 3;
        stack.push((item as Record<string, unknown>)[key]);
      }
      size += 2 + Math.max(0, keys - 1);
    }
  }
  return size;
}

/** Replaces an answer larger than `maxBytes` by an error, before it is serialized or sent. */
export function useResponseSizeLimit(maxBytes: number): Plugin {
  return {
    onExecutionResult({ result, setResult }) {
      if (result === undefined || isAsyncIterable(result) || !('data' in result) || result.data == null) return;
      const size = jsonSizeUpTo(result.data, maxBytes);
      if (size <= maxBytes) return;
      setResult({
        errors: [
          new GraphQLError(
            `The answer would be larger than ${maxBytes.toLocaleString('en-US')} bytes (MAX_RESPONSE_BYTES); ask for fewer items or fields (smaller first, no source texts)`,
            { extensions: { code: 'RESPONSE_TOO_LARGE', max: maxBytes, http: { status: 400 } } },
          ),
        ],
      });
    },
  };
}
