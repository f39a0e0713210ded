// Argument parsing and connection building shared by the domain files.
import { GraphQLError } from 'graphql';
import { encodeCursor, pageSize, type Page } from '../graph/paging.js';
import { decodeGlobalId } from './builder.js';

/** Accepts an entity's slug or its global id and returns the slug. */
export function slugFrom(value: string): string {
  if (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(value)) return value;
  return decodeGlobalId(value).id;
}

/** Like slugFrom, for optional arguments. */
export function optionalSlug(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : slugFrom(value);
}

/**
 * Turns a date argument into an inclusive bound on the sortable key: "2024", "2024-10" or "2024-10-25".
 * A lower bound fills missing parts with 00, an upper bound with 99.
 */
export function dateBound(value: string | null | undefined, bound: 'from' | 'to', argumentName: string): string | null {
  if (value === null || value === undefined) return null;
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value);
  if (!match) {
    throw new GraphQLError(`"${argumentName}" must be a date like 2024, 2024-10 or 2024-10-25 (got "${value}")`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName },
    });
  }
  const fill = bound === 'from' ? '00' : '99';
  return `${match[1]}-${match[2] ?? fill}-${match[3] ?? fill}`;
}

/** Validates connection arguments: forward pagination only, `first` at most 100. */
export function forwardPage(args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null }): { first: number; after: string | null } {
  if ((args.last !== null && args.last !== undefined) || (args.before !== null && args.before !== undefined)) {
    throw new GraphQLError('Backward pagination (last/before) is not supported: page forward with first/after', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return { first: pageSize(args.first), after: args.after ?? null };
}

/** Builds a relay connection from a page. */
export function toConnection<T>(page: Page<T>, after: string | null) {
  const edges = page.rows.map((node, i) => ({ cursor: encodeCursor(page.positions[i] ?? { key: '', id: '' }), node }));
  return {
    edges,
    totalCount: page.totalCount,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Awaits a lookup that the graph guarantees (an edge's end, a stance's claim) and fails loudly if it is gone. */
export async function required<T>(value: Promise<T | null>, what: string): Promise<T> {
  const resolved = await value;
  if (resolved === null) throw new Error(`${what} is missing from the graph`);
  return resolved;
}

/** Drops nulls and errors from a DataLoader.loadMany result. */
export function present<T>(values: (T | null | Error)[]): T[] {
  return values.filter((value): value is T => value !== null && !(value instanceof Error));
}
