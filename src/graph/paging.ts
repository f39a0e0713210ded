import { int, type GraphExecutor } from './executor.js';
import { badArgument, UnknownEntities } from './errors.js';

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
  throw badArgument('after', `Invalid cursor ${quoted}: use a cursor returned by this API`);
}

/** Validates `first` (1..100, default 20). */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badArgument('first', `"first" must be between 1 and ${MAX_PAGE_SIZE} (got ${first})`);
  }
  return first;
}

/** A page of rows with the count of all matches. */
export interface Page<Row> {
  rows: Row[];
  totalCount: number;
  hasNextPage: boolean;
  /** Keyset position of the row at an index of `rows`, for its cursor (computed only when a cursor is asked for). */
  positionAt(index: number): Position;
}

/**
 * Cuts a page from rows fetched one past it (the extra one only tells that more follow; without it,
 * `hasNextPage` is false and must not be read): only the rows on the page are read; a row's
 * position is computed when its cursor is asked for.
 */
export function readPage<Raw, Row>(
  fetched: readonly Raw[],
  first: number,
  totalCount: number,
  read: (raw: Raw) => Row,
  position: (row: Row, raw: Raw) => Position,
): Page<Row> {
  const raws = fetched.slice(0, first);
  const rows = raws.map(read);
  return { rows, totalCount, hasNextPage: fetched.length > first, positionAt: (index) => position(rows[index] as Row, raws[index] as Raw) };
}

/** How many rows to read for a page of `first`: one more when `hasNextPage` must be told. */
export function rowsToFetch(first: number, withNext: boolean): number {
  return withNext ? first + 1 : first;
}

/** Cuts a page from rows fetched with one extra (to learn whether a next page exists). */
export function toPage<Row>(rows: Row[], first: number, totalCount: number, position: (row: Row) => Position): Page<Row> {
  return readPage(rows, first, totalCount, (row) => row, position);
}

/** A connection from rows fetched past the page (one extra tells whether more follow). */
export function connectionFromRows<T>(
  fetched: { rows: T[]; total: number | null } | null,
  first: number,
  after: string | null,
  position: (row: T) => Position,
) {
  // total is only fetched when totalCount is selected; otherwise nobody reads the 0.
  return toConnection(toPage(fetched?.rows ?? [], first, fetched?.total ?? 0, position), after);
}

/** A connection from raw rows fetched one past the page, reading only the rows on the page. */
export function connectionFromRaw<Raw, T>(
  fetched: { rows: readonly Raw[] | null; total: number | null },
  first: number,
  after: string | null,
  read: (raw: Raw) => T,
  position: (row: T) => Position,
) {
  return toConnection(readPage(fetched.rows ?? [], first, fetched.total ?? 0, read, position), after);
}

const cursorAt = <T>(page: Page<T>, index: number) => encodeCursor(page.positionAt(index));

/**
 * An edge of a connection. A class, not an object literal with a getter: one is made per row of
 * every answer, and a literal with an accessor is built slowly; the cursor is encoded only when a
 * client asks for it (most ask for nodes only).
 */
class Edge<T> {
  constructor(
    readonly node: T,
    private readonly page: Page<T>,
    private readonly index: number,
  ) {}

  get cursor(): string {
    return cursorAt(this.page, this.index);
  }
}

class PageInfo<T> {
  constructor(
    private readonly page: Page<T>,
    readonly hasPreviousPage: boolean,
  ) {}

  get hasNextPage(): boolean {
    return this.page.hasNextPage;
  }

  get startCursor(): string | null {
    return this.page.rows.length > 0 ? cursorAt(this.page, 0) : null;
  }

  get endCursor(): string | null {
    return this.page.rows.length > 0 ? cursorAt(this.page, this.page.rows.length - 1) : null;
  }
}

/** Builds a relay connection from a page. */
export function toConnection<T>(page: Page<T>, after: string | null) {
  return {
    edges: page.rows.map((node, i) => new Edge(node, page, i)),
    totalCount: page.totalCount,
    pageInfo: new PageInfo(page, after !== null),
  };
}

/**
 * A list query: where it starts, its filters, and the stored, indexed, unique key it is ordered by.
 * Every part is fixed text from the data-access layer, never input; values are parameters.
 */
export interface ListQuery {
  /** Binds `variable`, and may be followed by WHERE (a MATCH, or a procedure call's YIELD). */
  match: string;
  variable: string;
  /** Conditions that must all hold (only the filters a request supplies). */
  conditions: string[];
  /** The order key expression, e.g. `st.orderKey`: stored, indexed and unique per row (it may read a variable of `match` other than `variable`). */
  orderKey: string;
  /**
   * A property the match fixes by equality and that precedes the order key in the index, e.g.
   * `x.affiliationId`: ordering by both lets Neo4j read the composite index in order instead of sorting.
   */
  orderPrefix?: string;
  projection: string;
  /** True when `match` can bind the same node more than once. */
  distinct?: boolean;
  /** Entity ids the filters name: checked in the same round-trip, so an unknown one fails instead of listing nothing. */
  entityIds?: string[];
}

/** How rows are projected: a Cypher map over the query's node variable, its parameters, and how to read it back. */
export interface RowProjection<Row> {
  cypher: string;
  params: Record<string, unknown>;
  read(raw: unknown): Row;
}

/** What page of a list to read. */
export interface PageRequest {
  first: number;
  after: string | null | undefined;
  /** Count every match as well (a scan of the matches): only when totalCount is selected. */
  withTotal: boolean;
  /**
   * Fetch the row after the page, which only tells `hasNextPage` (default true): off when that is
   * not selected, since the extra row costs its whole projection, nested lists included.
   */
  withNext?: boolean;
}

function listCypher(query: ListQuery, withTotal: boolean): string {
  const { match, variable, conditions, orderKey, orderPrefix, projection, distinct } = query;
  const where = (extra: string[]) => {
    const all = [...conditions, ...extra];
    const clause = all.length > 0 ? ` WHERE ${all.join(' AND ')}` : '';
    return distinct ? ` WITH DISTINCT ${variable}${clause}` : clause;
  };
  const page = `CALL () {
       ${match}${where([`${orderKey} > $after`])}
       WITH ${variable}, ${orderKey} AS _key ORDER BY ${orderPrefix ? `${orderPrefix}, ` : ''}_key LIMIT $limit
       RETURN collect([_key, ${projection}]) AS page
     }`;
  const missing = query.entityIds && query.entityIds.length > 0 ? MISSING_ENTITIES : 'null AS missing';
  if (!withTotal) return `${page} RETURN page, null AS total, ${missing}`;
  // Without conditions, count(...) over a label is answered by Neo4j's count store.
  return `${page} CALL () { ${match}${where([])} RETURN count(${variable}) AS total } RETURN page, total, ${missing}`;
}

/** The ids of $entityIds that match no entity: one index seek each. */
export const MISSING_ENTITIES = `COLLECT { UNWIND $entityIds AS _ref WITH _ref WHERE NOT EXISTS { MATCH (:Entity {id: _ref}) } RETURN _ref } AS missing`;

/** Reads one keyset page of a list (and its total when asked) in one round-trip; throws UnknownEntities when a named entity does not exist. */
export async function readListPage<Raw, Row extends { id: string }>(
  executor: GraphExecutor,
  query: ListQuery,
  params: Record<string, unknown>,
  request: PageRequest,
  map: (raw: Raw) => Row,
): Promise<Page<Row>> {
  const position = request.after ? decodeCursor(request.after) : null;
  // Each entry a [key, value] list, not a map: the driver decodes a map's keys one by one, for every row.
  const [row] = await executor.readRows<{ total: number | null; page: [key: string, value: Raw][]; missing: string[] | null }>(
    listCypher(query, request.withTotal),
    {
      ...params,
      entityIds: query.entityIds ?? [],
      after: position?.key ?? '',
      limit: int(rowsToFetch(request.first, request.withNext !== false)),
    },
  );
  if (row?.missing && row.missing.length > 0) throw new UnknownEntities(row.missing);
  return readPage(
    row?.page ?? [],
    request.first,
    row?.total ?? 0,
    ([, value]) => map(value),
    (record, [key]) => ({ key, id: record.id }),
  );
}
