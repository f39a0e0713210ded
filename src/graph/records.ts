// Plain records the data-access layer returns; the GraphQL layer exposes them without more Cypher.
// Rows are parsed once, here: a value the schema cannot hold (an unknown kind, a missing name) is
// a broken invariant of the database and fails loudly instead of being relabelled.
import {
  DATE_PRECISIONS,
  ENTITY_KINDS,
  EVENT_STATUSES,
  ORG_TYPES,
  RELATIONSHIP_BASES,
  RELATIONSHIP_TYPES,
  STANCES,
  type EntityKind,
  type RelationshipType,
  type Stance,
} from '../seed/format.js';

export type DatePrecision = (typeof DATE_PRECISIONS)[number];
export type RelationshipBasis = (typeof RELATIONSHIP_BASES)[number];
export type OrgType = (typeof ORG_TYPES)[number];
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** A date as stored: what the source states, with inferred parts marked. */
export interface DateRecord {
  text: string | null;
  year: number | null;
  month: number | null;
  day: number | null;
  precision: DatePrecision;
  inferredYear: number | null;
  inferredYearBasis: string | null;
  inferred: boolean;
  inferenceBasis: string | null;
  evidenceIds: string[];
  sortKey: string;
}

export interface EntityRecord {
  id: string;
  kind: EntityKind;
  name: string;
  aliases: string[];
  /** The aliases some source uses itself; the rest are background knowledge. */
  statedAliases: string[];
  description: string;
  background: string[];
  orgType: OrgType | null;
  eventStatus: EventStatus | null;
  date: DateRecord | null;
}

export interface EvidenceRecord {
  id: string;
  sourceId: string;
  start: number;
  end: number;
  quote: string;
}

export interface SourceRecord {
  id: string;
  title: string;
  file: string;
  publisher: string | null;
  url: string | null;
  language: string;
  text: string;
}

export interface RelationshipRecord {
  id: string;
  type: RelationshipType;
  fromId: string;
  toId: string;
  role: string | null;
  basis: RelationshipBasis;
  claimId: string | null;
  note: string | null;
  evidenceIds: string[];
  since: DateRecord | null;
  sourceId: string;
  /** Taken back by an analyst (listed only when asked for; the reason is in `retractions`). */
  retracted: boolean;
}

export interface StanceRecord {
  statementId: string;
  claimId: string;
  stance: Stance;
  evidenceIds: string[];
}

export interface StatementRecord {
  id: string;
  /** Position in date order (undated last), ties broken by id: the key list cursors point at. */
  orderKey: string;
  summary: string;
  quote: string | null;
  quoteEvidenceId: string | null;
  citesText: string | null;
  sourceId: string;
  date: DateRecord | null;
  /** True once retracted: only lists that ask for retracted statements return it. */
  retracted: boolean;
  speakerIds: string[];
  viaId: string | null;
  citedIds: string[];
  aboutIds: string[];
  evidenceIds: string[];
  stances: StanceRecord[];
}

export interface QuantityRecord {
  measure: string;
  value: number;
  unit: string;
  approximate: boolean;
  qualifiers: string[];
}

export interface ClaimRecord {
  id: string;
  proposition: string;
  topic: string;
  sourceId: string;
  /** True once retracted: only lists that ask for retracted claims return it. */
  retracted: boolean;
  quantity: QuantityRecord | null;
  aboutIds: string[];
  evidenceIds: string[];
  conflictIds: string[];
  stances: StanceRecord[];
  /** A conflicting claim is linked, or some statement supports it while another denies it. */
  contested: boolean;
}

/** Marks a property map that holds only the properties a compiled query chose to read. */
const PARTIAL = Symbol('partial');

type Props = Record<string, unknown> & { [PARTIAL]?: true };

/**
 * Marks `props` as holding only what the query read: an absent key was not asked for, and no
 * resolver of the request reads it. In a whole map (`n {.*}`) an absent key is a null property.
 */
export function partialProps(props: Record<string, unknown>): Record<string, unknown> {
  (props as Props)[PARTIAL] = true;
  return props;
}

/** A stored row that breaks what the schema promises (a missing name, an unknown kind): reported, never relabelled. */
export class CorruptRecordError extends Error {
  override readonly name = 'CorruptRecordError';
}

const INVALID = Symbol('invalid');
type Parser<T> = (value: unknown) => T | typeof INVALID;

const text: Parser<string> = (value) => (typeof value === 'string' ? value : INVALID);
const number: Parser<number> = (value) => (typeof value === 'number' ? value : INVALID);
const flag: Parser<boolean> = (value) => (value === null ? false : typeof value === 'boolean' ? value : INVALID);
const texts: Parser<string[]> = (value) =>
  value === null ? [] : Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : INVALID;
const nullable =
  <T>(parse: Parser<T>): Parser<T | null> =>
  (value) =>
    value === null ? null : parse(value);
const oneOf = <T extends string>(values: readonly T[]): Parser<T> => {
  const allowed = new Set<string>(values);
  return (value) => (typeof value === 'string' && allowed.has(value) ? (value as T) : INVALID);
};

// Built once: rows are parsed on every request.
const optionalText = nullable(text);
const optionalNumber = nullable(number);
const entityKind = oneOf(ENTITY_KINDS);
const relationshipType = oneOf(RELATIONSHIP_TYPES);
const basisOf = oneOf(RELATIONSHIP_BASES);
const stanceOf = oneOf(STANCES);
const optionalPrecision = nullable(oneOf(DATE_PRECISIONS));
const optionalOrgType = nullable(oneOf(ORG_TYPES));
const optionalEventStatus = nullable(oneOf(EVENT_STATUSES));
/** The parts of a stored date: a node or relationship holds each as `<prefix><part>` (Neo4j properties cannot be maps). */
export const DATE_PARTS = [
  'Text',
  'Year',
  'Month',
  'Day',
  'Precision',
  'InferredYear',
  'InferredYearBasis',
  'Inferred',
  'InferenceBasis',
  'EvidenceIds',
  'SortKey',
] as const;
/** Property names of a date's parts, by prefix (`dateText`, `sinceText`...). */
const datePropertyNames = new Map<string, Record<(typeof DATE_PARTS)[number], string>>();
function dateNames(prefix: string) {
  let names = datePropertyNames.get(prefix);
  if (!names) {
    names = Object.fromEntries(DATE_PARTS.map((part) => [part, prefix + part])) as Record<(typeof DATE_PARTS)[number], string>;
    datePropertyNames.set(prefix, names);
  }
  return names;
}

/** Reads property `key` of a `what` row (see partialProps for absent keys). */
function read<T>(props: Props, key: string, parse: Parser<T>, what: string): T {
  const value = props[key];
  if (value === undefined && props[PARTIAL]) return value as T;
  const parsed = parse(value ?? null);
  if (parsed === INVALID)
    throw new CorruptRecordError(
      `${what} ${String(props.id)}: ${key} holds ${JSON.stringify(value)?.slice(0, 80)}, which the schema cannot represent`,
    );
  return parsed;
}

/** A relationship type from Cypher, checked. */
export function parseRelationshipType(value: unknown): RelationshipType {
  return read({ type: value }, 'type', relationshipType, 'relationship');
}

/** A stance from Cypher, checked. */
export function parseStance(value: unknown): Stance {
  return read({ stance: value }, 'stance', stanceOf, 'stance');
}

/** Rebuilds a date from the prefixed properties the loader flattened it into. */
export function dateFrom(props: Props, prefix: string): DateRecord | null {
  const names = dateNames(prefix);
  const precision = read(props, names.Precision, optionalPrecision, 'date');
  // Undefined: the date was not read (partialProps).
  if (precision === null || precision === undefined) return null;
  return {
    text: read(props, names.Text, optionalText, 'date'),
    year: read(props, names.Year, optionalNumber, 'date'),
    month: read(props, names.Month, optionalNumber, 'date'),
    day: read(props, names.Day, optionalNumber, 'date'),
    precision,
    inferredYear: read(props, names.InferredYear, optionalNumber, 'date'),
    inferredYearBasis: read(props, names.InferredYearBasis, optionalText, 'date'),
    inferred: read(props, names.Inferred, flag, 'date'),
    inferenceBasis: read(props, names.InferenceBasis, optionalText, 'date'),
    evidenceIds: read(props, names.EvidenceIds, texts, 'date'),
    sortKey: read(props, names.SortKey, text, 'date'),
  };
}

/** Maps an Entity node's properties to a record. */
export function entityFrom(props: Props): EntityRecord {
  const what = 'Entity';
  return {
    id: read(props, 'id', text, what),
    kind: read(props, 'kind', entityKind, what),
    name: read(props, 'name', text, what),
    aliases: read(props, 'aliases', texts, what),
    statedAliases: read(props, 'statedAliases', texts, what),
    description: read(props, 'description', text, what),
    background: read(props, 'background', texts, what),
    orgType: read(props, 'orgType', optionalOrgType, what),
    eventStatus: read(props, 'eventStatus', optionalEventStatus, what),
    date: dateFrom(props, 'date'),
  };
}

/** Maps an entity relationship's properties to a record. */
export function relationshipFrom(
  props: Props,
  type: RelationshipType,
  fromId: string,
  toId: string,
  retracted = false,
): RelationshipRecord {
  const what = 'relationship';
  return {
    id: read(props, 'id', text, what),
    type,
    fromId,
    toId,
    role: read(props, 'role', optionalText, what),
    basis: read(props, 'basis', basisOf, what),
    claimId: read(props, 'claimId', optionalText, what),
    note: read(props, 'note', optionalText, what),
    evidenceIds: read(props, 'evidenceIds', texts, what),
    since: dateFrom(props, 'since'),
    sourceId: read(props, 'sourceId', text, what),
    retracted,
  };
}

/** Maps a Statement node plus its collected links to a record. */
export function statementFrom(
  props: Props,
  links: Omit<
    StatementRecord,
    'id' | 'orderKey' | 'summary' | 'quote' | 'quoteEvidenceId' | 'citesText' | 'sourceId' | 'date' | 'retracted'
  >,
): StatementRecord {
  const what = 'Statement';
  return {
    id: read(props, 'id', text, what),
    orderKey: read(props, 'orderKey', text, what),
    summary: read(props, 'summary', text, what),
    quote: read(props, 'quote', optionalText, what),
    quoteEvidenceId: read(props, 'quoteEvidenceId', optionalText, what),
    citesText: read(props, 'citesText', optionalText, what),
    sourceId: read(props, 'sourceId', text, what),
    date: dateFrom(props, 'date'),
    retracted: read(props, 'retracted', flag, what),
    ...links,
  };
}

/** Maps a Claim node plus its collected links to a record. */
export function claimFrom(
  props: Props,
  links: Pick<ClaimRecord, 'aboutIds' | 'evidenceIds' | 'conflictIds' | 'stances' | 'contested'>,
): ClaimRecord {
  const what = 'Claim';
  const value = read(props, 'value', optionalNumber, what);
  return {
    id: read(props, 'id', text, what),
    proposition: read(props, 'proposition', text, what),
    topic: read(props, 'topic', text, what),
    sourceId: read(props, 'sourceId', text, what),
    retracted: read(props, 'retracted', flag, what),
    quantity:
      value === null || value === undefined
        ? null
        : {
            measure: read(props, 'measure', text, what),
            value,
            unit: read(props, 'unit', text, what),
            approximate: read(props, 'approximate', flag, what),
            qualifiers: read(props, 'qualifiers', texts, what),
          },
    ...links,
  };
}

/** A map returned by Cypher (a row's value), checked. */
export function mapFrom(value: unknown, what: string): Props {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Props;
  throw new CorruptRecordError(`${what}: expected a map, got ${JSON.stringify(value)?.slice(0, 80)}`);
}

const ids = (row: Props, key: string, what: string): string[] => read(row, key, texts, what) ?? [];

/** A stance map (statementId, claimId, stance, evidenceIds), checked. */
export function stanceFrom(value: unknown): StanceRecord {
  const row = mapFrom(value, 'stance');
  return {
    statementId: read(row, 'statementId', text, 'stance'),
    claimId: read(row, 'claimId', text, 'stance'),
    stance: read(row, 'stance', stanceOf, 'stance'),
    evidenceIds: ids(row, 'evidenceIds', 'stance'),
  };
}

const stancesOf = (row: Props): StanceRecord[] => {
  const list = row.stances;
  return Array.isArray(list) ? list.map(stanceFrom) : [];
};

/** A statement map (`{props, speakerIds, viaIds, …}`, see STATEMENT_MAP), checked. */
export function statementRecordFrom(value: unknown): StatementRecord {
  const row = mapFrom(value, 'Statement');
  const what = 'Statement';
  return statementFrom(mapFrom(row.props, what), {
    speakerIds: ids(row, 'speakerIds', what),
    viaId: ids(row, 'viaIds', what)[0] ?? null,
    citedIds: ids(row, 'citedIds', what),
    aboutIds: ids(row, 'aboutIds', what),
    evidenceIds: ids(row, 'evidenceIds', what),
    stances: stancesOf(row),
  });
}

/** A claim map (`{props, aboutIds, …, contested}`, see CLAIM_MAP), checked. */
export function claimRecordFrom(value: unknown): ClaimRecord {
  const row = mapFrom(value, 'Claim');
  const what = 'Claim';
  return claimFrom(mapFrom(row.props, what), {
    aboutIds: ids(row, 'aboutIds', what),
    evidenceIds: ids(row, 'evidenceIds', what),
    conflictIds: ids(row, 'conflictIds', what),
    stances: stancesOf(row),
    contested: read(row, 'contested', flag, what),
  });
}

/** An evidence span map (see EVIDENCE_MAP), checked. */
export function evidenceFrom(value: unknown): EvidenceRecord {
  const row = mapFrom(value, 'Evidence');
  const what = 'Evidence';
  return {
    id: read(row, 'id', text, what),
    sourceId: read(row, 'sourceId', text, what),
    start: read(row, 'start', number, what),
    end: read(row, 'end', number, what),
    quote: read(row, 'quote', text, what),
  };
}

/** A source map, checked. */
export function sourceFrom(value: unknown): SourceRecord {
  const row = mapFrom(value, 'Source');
  const what = 'Source';
  return {
    id: read(row, 'id', text, what),
    title: read(row, 'title', text, what),
    file: read(row, 'file', text, what),
    publisher: read(row, 'publisher', optionalText, what),
    url: read(row, 'url', optionalText, what),
    language: read(row, 'language', text, what),
    text: read(row, 'text', text, what),
  };
}

/** An entity map (`{props}`, see ENTITY_MAP), checked. */
export function entityRecordFrom(value: unknown): EntityRecord {
  return entityFrom(mapFrom(mapFrom(value, 'Entity').props, 'Entity'));
}
