// Argument parsing and connection building shared by the domain files.
import { getNamedType, Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { RequestLimits } from '../config.js';
import { decodeCursor, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageSize, type PageRequest } from '../graph/paging.js';
import { asksNextPage, fieldSelections } from '../translate/selection.js';
export { connectionFromRows, toConnection } from '../graph/paging.js';
import { builder, decodeGlobalId, ENTITY_TYPENAMES } from './builder.js';
import { pageCost } from './cost.js';
import { badInput, shown } from './errors.js';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_SLUG_LENGTH = 200;

/** What an id argument refers to; a global id of another type is refused. */
export type IdTarget = 'entity' | 'claim';

const TARGETS: Record<IdTarget, { typenames: ReadonlySet<string>; what: string }> = {
  entity: { typenames: ENTITY_TYPENAMES, what: 'an entity' },
  claim: { typenames: new Set(['Claim']), what: 'a claim' },
};

/** Accepts a slug or a global id of the expected type and returns the slug. */
export function slugFrom(value: string, target: IdTarget = 'entity', argumentName = 'id'): string {
  if (SLUG.test(value)) {
    if (value.length > MAX_SLUG_LENGTH) throw badInput(`"${argumentName}" is too long to be a slug (${value.length} characters; at most ${MAX_SLUG_LENGTH})`, argumentName);
    return value;
  }
  const { typename, id } = decodeGlobalId(value);
  const expected = TARGETS[target];
  if (!expected.typenames.has(typename)) {
    throw badInput(`"${argumentName}" takes ${expected.what}, but ${shown(value)} is the global id of a ${typename}`, argumentName);
  }
  return id;
}

/** Like slugFrom, for optional arguments (ID arguments may arrive as numbers). */
export function optionalSlug(value: string | number | null | undefined, target: IdTarget = 'entity', argumentName = 'id'): string | null {
  return value === null || value === undefined ? null : slugFrom(String(value), target, argumentName);
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Turns a date argument into an inclusive bound on the sortable key: "2024", "2024-10" or "2024-10-25",
 * which must be a real calendar date. A lower bound fills missing parts with 00, an upper bound with 99.
 */
export function dateBound(value: string | null | undefined, bound: 'from' | 'to', argumentName: string): string | null {
  if (value === null || value === undefined) return null;
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value);
  const problem = (why: string) => badInput(`"${argumentName}" must be a date like 2024, 2024-10 or 2024-10-25 (got ${shown(value)}${why})`, argumentName);
  if (!match) throw problem('');
  const [, year, month, day] = match;
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) throw problem(`: there is no month ${month}`);
  if (day !== undefined && (Number(day) < 1 || Number(day) > daysInMonth(Number(year), Number(month)))) {
    throw problem(`: ${year}-${month} has no day ${day}`);
  }
  const fill = bound === 'from' ? '00' : '99';
  return `${year}-${month ?? fill}-${day ?? fill}`;
}

const LUCENE_OPERATORS = new Set(['AND', 'OR', 'NOT', '&&', '||']);

/** Checks a full-text query against the length and term limits, so Lucene never sees an oversized one. */
export function searchText(value: string, limits: Pick<RequestLimits, 'maxSearchLength' | 'maxSearchTerms'>, argumentName: string): string {
  if (value.trim() === '') throw badInput(`"${argumentName}" must not be empty`, argumentName);
  if (value.length > limits.maxSearchLength) {
    throw badInput(`"${argumentName}" is too long: ${value.length} characters, at most ${limits.maxSearchLength} (MAX_SEARCH_LENGTH)`, argumentName);
  }
  const terms = value.split(/[\s()[\]{}+\-!^~:"]+/).filter((word) => word !== '' && !LUCENE_OPERATORS.has(word)).length;
  if (terms > limits.maxSearchTerms) {
    throw badInput(`"${argumentName}" has ${terms} terms, at most ${limits.maxSearchTerms} (MAX_SEARCH_TERMS)`, argumentName);
  }
  return value;
}

/** Validates connection arguments (connections page forward only, see forward-pagination-plugin.ts): `first` at most 100. */
export function forwardPage(args: { first?: number | null; after?: string | null }): { first: number; after: string | null } {
  return { first: pageSize(args.first), after: args.after ?? null };
}

/** The page a root list field reads: its validated arguments, and the total and look-ahead row only when the selection needs them. */
export function listPage(info: GraphQLResolveInfo, args: { first?: number | null; after?: string | null }): PageRequest & { after: string | null } {
  const { first, after } = forwardPage(args);
  return { first, after, withTotal: selects(info, 'totalCount'), withNext: asksNextPage(info, fieldSelections(info), getNamedType(info.returnType).name) };
}

/** True when the field's selection asks for `name` (directly or through fragments), e.g. totalCount. */
export function selects(info: GraphQLResolveInfo, name: string): boolean {
  const within = (set: SelectionSetNode | undefined): boolean =>
    set !== undefined &&
    set.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name;
      if (selection.kind === Kind.INLINE_FRAGMENT) return within(selection.selectionSet);
      return within(info.fragments[selection.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => within(node.selectionSet));
}

/** The keyset position a cursor points at, or nulls for the first page. */
export function afterPosition(after: string | null): { afterKey: string | null; afterId: string | null } {
  const position = after === null ? null : decodeCursor(after);
  return { afterKey: position?.key ?? null, afterId: position?.id ?? null };
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

/** `first` for plain lists that grow with the corpus (an entity's mentions, a country's officials). */
export const firstArgs = builder.args((t) => ({
  first: t.int({ defaultValue: DEFAULT_PAGE_SIZE, required: true, description: `At most this many, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` }),
}));

/** Cost of a plain list bounded by `first`. */
export const firstCost = (args: { first: number }) => pageCost(args.first);

/** Cost of a connection: `first` items (default page size). */
export const connectionCost = (args: { first?: number | null }) => pageCost(args.first);

/** The first `first` items of a list, after checking `first`. */
export function firstItems<T>(items: readonly T[], first: number): T[] {
  return items.slice(0, pageSize(first));
}
