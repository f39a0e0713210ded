// The shapes of the API's answers the dashboard reads, as selected by the documents in documents.ts
// (tests/dashboard/documents.unit.test.ts checks those documents against schema/schema.graphql).

export type EntityKind = 'AGREEMENT' | 'COUNTRY' | 'EVENT' | 'ORGANIZATION' | 'PERSON';
export type Basis = 'ALLEGED' | 'BACKGROUND' | 'STATED';
export type Stance = 'ACCUSES' | 'ASSERTS' | 'DECLINES_TO_COMMENT' | 'DENIES' | 'DOES_NOT_CONFIRM' | 'ESTIMATES' | 'REFRAINS_FROM_DENYING';
export type DatePrecision = 'DAY' | 'MONTH' | 'MONTH_DAY' | 'YEAR';

/** An entity as links and graph nodes need it. */
export interface EntityRef {
  slug: string;
  name: string;
  kind: EntityKind;
}

/** A date as precise as its source, inferred parts flagged. */
export interface PartialDate {
  display: string;
  text: string | null;
  precision: DatePrecision;
  inferred: boolean;
  inferenceBasis: string | null;
  inferredYear: number | null;
  inferredYearBasis: string | null;
  year: number | null;
  month: number | null;
  day: number | null;
  sortKey: string;
}

/** Words of a source, by offsets into its text. */
export interface EvidenceSpan {
  quote: string;
  start: number;
  end: number;
  source: { id: string; slug: string; title: string };
}

/** A statement with what its card shows. */
export interface StatementView {
  slug: string;
  summary: string;
  quote: string | null;
  citesText: string | null;
  date: PartialDate | null;
  speakers: EntityRef[];
  via: EntityRef | null;
  about: EntityRef[];
  evidence: EvidenceSpan[];
  quoteEvidence: EvidenceSpan | null;
  stances: { stance: Stance; claim: { slug: string; proposition: string } }[];
}

/** A relationship seen from one of its ends. */
export interface RelationshipView {
  slug: string;
  type: string;
  basis: Basis;
  direction: 'INCOMING' | 'OUTGOING';
  role: string | null;
  note: string | null;
  from: EntityRef;
  to: EntityRef;
  other: EntityRef;
  evidence: EvidenceSpan[];
  claim: { slug: string; proposition: string } | null;
}

/** A number a claim states. */
export interface Quantity {
  measure: string;
  value: number;
  unit: string;
  approximate: boolean;
  qualifiers: string[];
}

/** A claim with its stances and the claims it conflicts with. */
export interface ClaimView {
  slug: string;
  proposition: string;
  topic: string;
  contested: boolean;
  quantity: Quantity | null;
  conflictsWith: { slug: string }[];
  evidence: EvidenceSpan[];
  stances: { stance: Stance; statement: { slug: string; speakers: EntityRef[]; date: PartialDate | null } }[];
}

/** A page of results. */
export interface Connection<T> {
  totalCount: number;
  edges: { node: T }[];
}

/** An entity page's data. */
export interface EntityDetail extends EntityRef {
  description: string;
  aliases: string[];
  background: string[];
  roles?: { title: string | null; basis: Basis; body: EntityRef }[];
  date?: PartialDate | null;
  status?: string | null;
  organizationType?: string | null;
  relationships: Connection<RelationshipView>;
  statements: Connection<StatementView>;
  statementsAbout: Connection<StatementView>;
}

/** One hop of a path. */
export interface PathHopView {
  from: EntityRef;
  to: EntityRef;
  type: string;
  direction: 'FORWARD' | 'BACKWARD';
  relationship: RelationshipView;
}

/** A path between two entities. */
export interface PathView {
  length: number;
  entities: EntityRef[];
  hops: PathHopView[];
}

/** A dated statement or event. */
export interface TimelineItemView {
  kind: 'EVENT' | 'STATEMENT';
  date: PartialDate;
  statement: StatementView | null;
  event: (EntityRef & { status: string | null; description: string }) | null;
}

/** A full-text hit. */
export interface SearchHitView {
  kind: 'ENTITY' | 'STATEMENT';
  highlight: string;
  entity: EntityRef | null;
  statement: { slug: string; summary: string; speakers: EntityRef[] } | null;
}

/** An entity a name may refer to. */
export interface CandidateView {
  entity: EntityRef;
  matchedBy: string;
  matchedName: string;
}
