// The machinery of translation: a compilation (parameters, variable names), projections, and the
// positional lists projections are made of. Projections return lists, not maps: a map repeats its
// keys in every row on the wire, and decoding them was the largest cost of an answer in Node.
import type { SelectionSetNode } from 'graphql';
import { int } from '../graph/executor.js';
import { decodeCursor, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Position } from '../graph/paging.js';
import { DATE_PARTS, partialProps, type EvidenceRecord } from '../graph/records.js';
import { attachPreloads } from './preload.js';
import { collectFields, type FieldRequest, type SelectionSource } from './selection.js';
import { GraphFailure } from '../graph/errors.js';

/** A Cypher expression and how to read its value back into what a resolver returns. */
export interface Projection<T = unknown> {
  cypher: string;
  read(raw: unknown): T;
}

/** One translation: its parameters and fresh variable names. */
export class Compilation {
  readonly params: Record<string, unknown> = {};
  private counter = 0;

  constructor(
    readonly source: SelectionSource,
    /** Prefix of the parameters' names, so that projections compiled apart can share a query. */
    private readonly prefix = 'sel',
  ) {}

  /** A parameter holding `value`; returns its reference (`$sel3`). */
  param(value: unknown): string {
    const name = `${this.prefix}${this.counter++}`;
    this.params[name] = value;
    return `$${name}`;
  }

  /** A parameter holding a whole number (LIMIT needs an INTEGER, not a float). */
  count(n: number): string {
    return this.param(int(n));
  }

  /** A variable name not used elsewhere in the query. */
  variable(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }
}

/** How one field is preloaded from the node variable of its parent, or null to leave it to its resolver. */
export type Rule = (c: Compilation, node: string, field: FieldRequest) => Projection | null;

/** A list expression built from named parts, read back by position. */
export class Tuple {
  private readonly parts: string[] = [];
  private readonly positions = new Map<string, number>();

  /** Adds a part; returns its position. */
  add(name: string, cypher: string): number {
    this.positions.set(name, this.parts.length);
    this.parts.push(cypher);
    return this.parts.length - 1;
  }

  get cypher(): string {
    return `[${this.parts.join(', ')}]`;
  }

  /** Reads part `name` of a value of this tuple. */
  get(raw: unknown, name: string): unknown {
    const position = this.positions.get(name);
    return position === undefined ? undefined : Tuple.at(raw, position);
  }

  /** Reads the part at `position` (as add() returned it) of a value: the fast path for readers built once. */
  static at(raw: unknown, position: number): unknown {
    return (raw as unknown[] | null)?.[position];
  }
}

/** Off only to measure the alternative (`npm run bench -- --ours-batched`): nested fields then resolve level by level through the batch loader. */
let nestedTranslation = true;

/** Turns the translation of nested fields on or off for this process (see nestedTranslation). */
export function setNestedTranslation(enabled: boolean): void {
  nestedTranslation = enabled;
}

/** The preloads a type's rules give for the fields selected on it, and the names of the fields left to resolvers. */
export function preloadFields(
  c: Compilation,
  node: string,
  selections: SelectionSetNode[],
  typeName: string,
  rules: Record<string, Rule>,
): { entries: [string, Projection][]; unresolved: Set<string> } {
  const entries: [string, Projection][] = [];
  const unresolved = new Set<string>();
  for (const field of collectFields(c.source, selections, typeName)) {
    const rule = nestedTranslation ? rules[field.name] : undefined;
    const projection = rule ? rule(c, node, field) : null;
    if (projection) entries.push([field.responseKey, projection]);
    else unresolved.add(field.name);
  }
  return { entries, unresolved };
}

/** Adds preloads to a tuple; returns how to attach them, read, to a record. */
export function withPreloads(tuple: Tuple, entries: [string, Projection][]): <T extends object>(record: T, raw: unknown) => T {
  const parts = entries.map(([key, projection]) => ({ key, projection, position: tuple.add(`@${key}`, projection.cypher) }));
  if (parts.length === 0) return (record) => record;
  return (record, raw) => {
    const found = new Map<string, unknown>();
    for (const { key, projection, position } of parts) {
      const value = projection.read(Tuple.at(raw, position));
      // undefined: preloaded for another kind of entity (see kindPreloads); the resolver decides.
      if (value !== undefined) found.set(key, value);
    }
    return attachPreloads(record, found);
  };
}

/** The stored properties of a date flattened with `prefix` (see dateProperties in graph/seed.ts). */
export const dateProps = (prefix: string) => DATE_PARTS.map((part) => prefix + part);

/** Properties by the GraphQL field that reads them (other fields need only what `always` lists). */
export interface PropertyTable {
  always: readonly string[];
  byField: Record<string, readonly string[]>;
}

/**
 * Adds the properties the selected fields read to a tuple (property reads are Neo4j's work, and
 * every value is decoded); returns how to read them back as a property map.
 */
export function withProperties(
  tuple: Tuple,
  node: string,
  table: PropertyTable,
  selected: Iterable<string>,
  extra: readonly string[] = [],
): (raw: unknown) => Record<string, unknown> {
  const properties = new Set([...table.always, ...extra]);
  for (const field of selected) for (const property of table.byField[field] ?? []) properties.add(property);
  const parts = [...properties].map((name) => ({ name, position: tuple.add(`.${name}`, `${node}.${name}`) }));
  return (raw) => {
    const props: Record<string, unknown> = {};
    for (const { name, position } of parts) props[name] = Tuple.at(raw, position);
    return partialProps(props);
  };
}

/** A valid page (size and cursor), or null: the resolver then reports the error. */
export function pageOf(args: Record<string, unknown>): { first: number; position: Position | null; after: string | null } | null {
  if (args.last != null || args.before != null) return null;
  const first = firstOf(args);
  if (first === null) return null;
  const after = typeof args.after === 'string' ? args.after : null;
  try {
    return { first, position: after === null ? null : decodeCursor(after), after };
  } catch (error) {
    if (error instanceof GraphFailure) return null;
    throw error;
  }
}

/** A valid `first` (default page size), or null. */
export function firstOf(args: Record<string, unknown>): number | null {
  const first = typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE;
  return Number.isInteger(first) && first >= 1 && first <= MAX_PAGE_SIZE ? first : null;
}

/** A list of projected items (a COLLECT subquery returning `item.cypher`). */
export function listOf<T>(cypher: string, item: Projection<T>): Projection<T[]> {
  return { cypher, read: (raw) => ((raw ?? []) as unknown[]).map((value) => item.read(value)) };
}

const EVIDENCE = (ev: string) => `[${ev}.id, ${ev}.sourceId, ${ev}.start, ${ev}.end, ${ev}.quote]`;
const readEvidence = (raw: unknown): EvidenceRecord => {
  const [id, sourceId, start, end, quote] = raw as [string, string, number, number, string];
  return { id, sourceId, start, end, quote };
};

/** Evidence spans matched by `match` (binding `ev`), in the order it gives. */
export function evidenceList(c: Compilation, match: (ev: string) => string): Projection<EvidenceRecord[]> {
  const ev = c.variable('ev');
  return listOf(`COLLECT { ${match(ev)} RETURN ${EVIDENCE(ev)} AS ${c.variable('x')} }`, { cypher: '', read: readEvidence });
}

/** Evidence by a list of ids (relationships and stances keep their evidence that way), in that order. */
export function evidenceByIds(c: Compilation, ids: string): Projection<EvidenceRecord[]> {
  const id = c.variable('eid');
  return evidenceList(c, (ev) => `UNWIND coalesce(${ids}, []) AS ${id} MATCH (${ev}:Evidence {id: ${id}})`);
}
