// Plain records the data-access layer returns; the GraphQL layer exposes them without more Cypher.

/** A date as stored: what the source states, with inferred parts marked. */
export interface DateRecord {
  text: string | null;
  year: number | null;
  month: number | null;
  day: number | null;
  precision: string;
  inferredYear: number | null;
  inferredYearBasis: string | null;
  inferred: boolean;
  inferenceBasis: string | null;
  evidenceIds: string[];
  sortKey: string;
}

export interface EntityRecord {
  id: string;
  kind: string;
  name: string;
  aliases: string[];
  description: string;
  background: string[];
  orgType: string | null;
  eventStatus: string | null;
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
  type: string;
  fromId: string;
  toId: string;
  role: string | null;
  basis: string;
  claimId: string | null;
  note: string | null;
  evidenceIds: string[];
  since: DateRecord | null;
  sourceId: string;
}

export interface StanceRecord {
  statementId: string;
  claimId: string;
  stance: string;
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
  quantity: QuantityRecord | null;
  aboutIds: string[];
  evidenceIds: string[];
  conflictIds: string[];
  stances: StanceRecord[];
  /** A conflicting claim is linked, or some statement supports it while another denies it. */
  contested: boolean;
}

type Props = Record<string, unknown>;

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const strs = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** Rebuilds a date from the prefixed properties the loader flattened it into. */
export function dateFrom(props: Props, prefix: string): DateRecord | null {
  const precision = str(props[`${prefix}Precision`]);
  if (precision === null) return null;
  return {
    text: str(props[`${prefix}Text`]),
    year: num(props[`${prefix}Year`]),
    month: num(props[`${prefix}Month`]),
    day: num(props[`${prefix}Day`]),
    precision,
    inferredYear: num(props[`${prefix}InferredYear`]),
    inferredYearBasis: str(props[`${prefix}InferredYearBasis`]),
    inferred: props[`${prefix}Inferred`] === true,
    inferenceBasis: str(props[`${prefix}InferenceBasis`]),
    evidenceIds: strs(props[`${prefix}EvidenceIds`]),
    sortKey: str(props[`${prefix}SortKey`]) ?? '0000-00-00',
  };
}

/** Maps an Entity node's properties to a record. */
export function entityFrom(props: Props): EntityRecord {
  return {
    id: String(props.id),
    kind: String(props.kind),
    name: String(props.name),
    aliases: strs(props.aliases),
    description: str(props.description) ?? '',
    background: strs(props.background),
    orgType: str(props.orgType),
    eventStatus: str(props.eventStatus),
    date: dateFrom(props, 'date'),
  };
}

/** Maps an entity relationship's properties to a record. */
export function relationshipFrom(props: Props, type: string, fromId: string, toId: string): RelationshipRecord {
  return {
    id: String(props.id),
    type,
    fromId,
    toId,
    role: str(props.role),
    basis: str(props.basis) ?? 'STATED',
    claimId: str(props.claimId),
    note: str(props.note),
    evidenceIds: strs(props.evidenceIds),
    since: dateFrom(props, 'since'),
    sourceId: str(props.sourceId) ?? '',
  };
}

/** Maps a Statement node plus its collected links to a record. */
export function statementFrom(props: Props, links: Omit<StatementRecord, 'id' | 'orderKey' | 'summary' | 'quote' | 'quoteEvidenceId' | 'citesText' | 'sourceId' | 'date'>): StatementRecord {
  return {
    id: String(props.id),
    orderKey: str(props.orderKey) ?? `${str(props.dateSortKey) ?? '9999-99-99'}\u0001${String(props.id)}`,
    summary: String(props.summary),
    quote: str(props.quote),
    quoteEvidenceId: str(props.quoteEvidenceId),
    citesText: str(props.citesText),
    sourceId: str(props.sourceId) ?? '',
    date: dateFrom(props, 'date'),
    ...links,
  };
}

/** Maps a Claim node plus its collected links to a record. */
export function claimFrom(props: Props, links: Pick<ClaimRecord, 'aboutIds' | 'evidenceIds' | 'conflictIds' | 'stances' | 'contested'>): ClaimRecord {
  const value = num(props.value);
  return {
    id: String(props.id),
    proposition: String(props.proposition),
    topic: String(props.topic),
    sourceId: str(props.sourceId) ?? '',
    quantity:
      value === null
        ? null
        : {
            measure: String(props.measure),
            value,
            unit: String(props.unit),
            approximate: props.approximate === true,
            qualifiers: strs(props.qualifiers),
          },
    ...links,
  };
}
