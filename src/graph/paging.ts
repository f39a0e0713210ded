import { int, type GraphExecutor } from './executor.js';
import { GraphQLError } from 'graphql';

/** Largest page a client may ask for. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** A keyset position: the sort key and id of the last row seen. */
export interface Position {
  key: string;
  id: string;
}

/** Encodes a keyset position as an opaque cursor. */
export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.key, position.id]), 'utf8').toString('base64url');
}

/** Decodes a cursor from encodeCursor, or throws a BAD_USER_INPUT error. */
export function decodeCursor(cursor: string): Position {
  try {
    if (cursor.length > 2_000) throw new Error('too long');
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { key: value[0], id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  const quoted = cursor.length > 100 ? `${JSON.stringify(cursor.slice(0, 100))}…` : JSON.stringify(cursor);
  throw new GraphQLError(`Invalid cursor ${quoted}: use a cursor returned by this API`, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' } });
}

/** Validates `first` (1..100, default 20). */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new GraphQLError(`"first" must be between 1 and ${MAX_PAGE_SIZE} (got ${first})`, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' } });
  }
  return first;
}

/** A page of rows with the count of all matches. */
export interface Page<Row> {
  rows: Row[];
  totalCount: number;
  hasNextPage: boolean;
  /** Keyset position of each row, for its cursor. */
  positions: Position[];
}

/** Cuts a page from rows fetched with one extra (to learn whether a next page exists). */
export function toPage<Row>(rows: Row[], first: number, totalCount: number, position: (row: Row) => Position): Page<Row> {
  const page = rows.slice(0, first);
  return { rows: page, totalCount, hasNextPage: rows.length > first, positions: page.map(position) };
}

/**
 * Cypher for one keyset page of a list plus its total, in one round-trip. `match` must bind
 * `variable` and a sortable `key`; both come from this code, never from input.
 */
export function keysetPageCypher(match: string, variable: string, projection: string): string {
  return `CALL () { ${match} RETURN count(${variable}) AS total }
     CALL () {
       ${match}
       WITH ${variable}, key WHERE $afterKey IS NULL OR key > $afterKey OR (key = $afterKey AND ${variable}.id > $afterId)
       ORDER BY key, ${variable}.id LIMIT $limit
       RETURN collect({key: key, value: ${projection}}) AS page
     }
     RETURN total, page`;
}

/** Runs a keysetPageCypher query (with `after`/`first` turned into its parameters) and maps its rows. */
export async function readKeysetPage<Raw, Row extends { id: string }>(
  executor: GraphExecutor,
  cypher: string,
  params: Record<string, unknown>,
  first: number,
  after: string | null | undefined,
  map: (raw: Raw) => Row,
): Promise<Page<Row>> {
  const position = after ? decodeCursor(after) : null;
  const [row] = await executor.readRows<{ total: number; page: { key: string; value: Raw }[] }>(cypher, {
    ...params,
    afterKey: position?.key ?? null,
    afterId: position?.id ?? null,
    limit: int(first + 1),
  });
  const rows = (row?.page ?? []).map((entry) => ({ key: entry.key, record: map(entry.value) }));
  const page = toPage(rows, first, row?.total ?? 0, (entry) => ({ key: entry.key, id: entry.record.id }));
  return { ...page, rows: page.rows.map((entry) => entry.record) };
}
