import type { GraphExecutor } from './executor.js';
import { orderKeyUpTo } from './derived.js';
import { readListPage, type Page, type PageRequest, type RowProjection } from './paging.js';
import { STATEMENT_MAP } from './projections.js';
import { lookup } from './lookup.js';
import type { EntityKind } from '../seed/format.js';
import { statementRecordFrom, type StatementRecord } from './records.js';
import { affiliationMembers, COUNTS_FOR } from './affiliations.js';

/** Filters for the statement list; all optional and combined with AND. */
export interface StatementFilter {
  speakerId?: string | null;
  /** Speakers that are this country/organization, part of it, or hold a role in it or its parts. */
  speakerAffiliationId?: string | null;
  speakerKinds?: EntityKind[] | null;
  aboutId?: string | null;
  viaId?: string | null;
  stance?: string | null;
  claimId?: string | null;
  sourceId?: string | null;
  /** Retracted statements too (they are left out by default). */
  includeRetracted?: boolean;
  /** Inclusive date range on the sortable key (YYYY-MM-DD, inferred year when not stated). */
  from?: string | null;
  to?: string | null;
}

/**
 * True when the affiliation filter can read the COUNTS_FOR links (see affiliations.ts): retracted
 * statements have none, and speaker kinds need the speaker, so either one walks the members instead.
 */
function readsAffiliationLinks(filter: StatementFilter): boolean {
  return !filter.includeRetracted && !(filter.speakerKinds && filter.speakerKinds.length > 0);
}

/** Where a statement list starts: the most selective filter supplied, so an index or a node does the first cut. */
function statementAnchor(
  filter: StatementFilter,
  label: string,
): { match: string; uses: keyof StatementFilter | null; distinct: boolean; condition?: string; orderKey?: string; orderPrefix?: string } {
  if (filter.claimId) {
    // The stance filter applies to the stance on this claim, not to any claim of the statement.
    const stance = filter.stance ? ' {stance: $stance}' : '';
    return { match: `MATCH (:Claim {id: $claim})<-[:TAKES_STANCE${stance}]-(st:${label})`, uses: 'claimId', distinct: true };
  }
  if (filter.speakerId) return { match: `MATCH (:Entity {id: $speaker})-[:SAID]->(st:${label})`, uses: 'speakerId', distinct: false };
  if (filter.speakerAffiliationId && readsAffiliationLinks(filter)) {
    // A range of the (affiliationId, orderKey) link index, in order: reads the page, not the affiliation (see affiliations.ts).
    return {
      match: `MATCH (st:Statement)-[x:${COUNTS_FOR}]->()`,
      condition: 'x.affiliationId = $affiliation',
      uses: 'speakerAffiliationId',
      distinct: false,
      orderKey: 'x.orderKey',
      orderPrefix: 'x.affiliationId',
    };
  }
  if (filter.speakerAffiliationId) {
    // From the affiliation outwards: it, the bodies that are part of it, and whoever is part of or holds a role in one.
    const kinds = filter.speakerKinds && filter.speakerKinds.length > 0 ? ' WHERE sp.kind IN $speakerKinds' : '';
    return {
      match: `MATCH (a:Entity {id: $affiliation})
       ${affiliationMembers('a', 'sp')}${kinds}
       MATCH (sp)-[:SAID]->(st:${label})`,
      uses: 'speakerAffiliationId',
      distinct: true,
    };
  }
  if (filter.viaId) return { match: `MATCH (st:${label})-[:VIA]->(:Entity {id: $via})`, uses: 'viaId', distinct: false };
  if (filter.aboutId) return { match: `MATCH (st:${label})-[:ABOUT]->(:Entity {id: $about})`, uses: 'aboutId', distinct: false };
  if (filter.sourceId) return { match: `MATCH (st:${label} {sourceId: $source})`, uses: 'sourceId', distinct: false };
  return { match: `MATCH (st:${label})`, uses: null, distinct: false };
}

/** The statement list's filters as Cypher: where it starts, what must hold, and the parameters. */
export interface StatementQuery {
  /** Binds `st`. */
  match: string;
  conditions: string[];
  /** The stored key the list is ordered by: the statement's, or a copy on the link the match starts from. */
  orderKey: string;
  /** What the match fixes ahead of the order key in its index (see ListQuery). */
  orderPrefix?: string;
  /** True when `match` can bind a statement more than once. */
  distinct: boolean;
  params: Record<string, unknown>;
  /** Entity ids the filters name (an unknown one is NOT_FOUND, not an empty list). */
  entityIds: string[];
}

/** Compiles a statement filter: only the filters supplied become predicates, the most selective one starts the match. */
export function statementQuery(filter: StatementFilter): StatementQuery {
  // A retracted statement trades its Statement label for RetractedStatement (see curation.ts).
  const anchor = statementAnchor(filter, filter.includeRetracted ? 'Statement|RetractedStatement' : 'Statement');
  const orderKey = anchor.orderKey ?? 'st.orderKey';
  const conditions: string[] = anchor.condition ? [anchor.condition] : [];
  const speakerKinds = filter.speakerKinds && filter.speakerKinds.length > 0;
  const unless = (key: keyof StatementFilter, condition: string) => {
    if (filter[key] !== null && filter[key] !== undefined && anchor.uses !== key) conditions.push(condition);
  };
  unless('speakerId', 'EXISTS { MATCH (:Entity {id: $speaker})-[:SAID]->(st) }');
  unless(
    'speakerAffiliationId',
    readsAffiliationLinks(filter)
      ? `EXISTS { MATCH (st)-[x:${COUNTS_FOR}]->() WHERE x.affiliationId = $affiliation }`
      : `EXISTS { MATCH (sp:Entity)-[:SAID]->(st)
       WHERE (sp.id = $affiliation OR EXISTS { MATCH (sp)-[:PART_OF|HOLDS_ROLE]->(:Entity)-[:PART_OF]->{0,3}(:Entity {id: $affiliation}) })
         AND ($speakerKinds IS NULL OR sp.kind IN $speakerKinds) }`,
  );
  unless('viaId', 'EXISTS { MATCH (st)-[:VIA]->(:Entity {id: $via}) }');
  unless('aboutId', 'EXISTS { MATCH (st)-[:ABOUT]->(:Entity {id: $about}) }');
  unless('sourceId', 'st.sourceId = $source');
  if (speakerKinds && !filter.speakerAffiliationId) {
    conditions.push('EXISTS { MATCH (sp:Entity)-[:SAID]->(st) WHERE sp.kind IN $speakerKinds }');
  }
  // The stance applies to the claim asked about (see statementAnchor), else to a claim about `about`, else to any claim.
  if (filter.stance && !filter.claimId) {
    conditions.push(
      filter.aboutId
        ? 'EXISTS { MATCH (st)-[r:TAKES_STANCE]->(:Claim)-[:ABOUT]->(:Entity {id: $about}) WHERE r.stance = $stance }'
        : 'EXISTS { MATCH (st)-[r:TAKES_STANCE]->(:Claim) WHERE r.stance = $stance }',
    );
  }
  if (filter.from || filter.to) conditions.push('st.dateSortKey IS NOT NULL');
  if (filter.from) conditions.push(`${orderKey} >= $from`);
  if (filter.to) conditions.push(`${orderKey} <= $to`);
  return {
    match: anchor.match,
    orderKey,
    orderPrefix: anchor.orderPrefix,
    conditions,
    distinct: anchor.distinct,
    entityIds: [filter.speakerId, filter.speakerAffiliationId, filter.aboutId, filter.viaId].filter((id) => typeof id === 'string'),
    params: {
      speaker: filter.speakerId ?? null,
      affiliation: filter.speakerAffiliationId ?? null,
      speakerKinds: filter.speakerKinds && filter.speakerKinds.length > 0 ? filter.speakerKinds : null,
      about: filter.aboutId ?? null,
      via: filter.viaId ?? null,
      stance: filter.stance ?? null,
      claim: filter.claimId ?? null,
      source: filter.sourceId ?? null,
      from: filter.from ?? null,
      to: filter.to ? orderKeyUpTo(filter.to) : null,
    },
  };
}

/** One page of statements ordered by date (undated last) then id, with the total when asked; one round-trip. */
export async function listStatements(
  executor: GraphExecutor,
  filter: StatementFilter,
  page: PageRequest,
  projection?: RowProjection<StatementRecord>,
): Promise<Page<StatementRecord>> {
  const query = statementQuery(filter);
  return readListPage(
    executor,
    {
      match: query.match,
      variable: 'st',
      conditions: query.conditions,
      orderKey: query.orderKey,
      orderPrefix: query.orderPrefix,
      projection: projection?.cypher ?? STATEMENT_MAP,
      distinct: query.distinct,
      entityIds: query.entityIds,
    },
    { ...projection?.params, ...query.params },
    page,
    projection ? (raw: unknown) => projection.read(raw) : statementRecordFrom,
  );
}

/** One page of the statements linked to an entity, in date order (undated last), with the total when asked for. */
export interface StatementPage {
  /** Up to the batch's largest `first` + 1 rows: the caller cuts its own page and learns whether more follow. */
  rows: StatementRecord[];
  total: number | null;
}

/** Which page of an entity's statements. */
export interface StatementPageArgs {
  first: number;
  /** Order key (see derived.ts) to continue after; null for the first page. */
  afterKey: string | null;
  withTotal: boolean;
}

/** A paged lookup of the statements linked to an entity by `pattern` (which binds `e` and `st`). */
function statementsLinkedBy(kind: string, pattern: string) {
  return lookup<StatementPageArgs>()({
    cypher: `MATCH (e:Entity {id: req.id})
      CALL (e, req) {
        MATCH ${pattern}
        WHERE st.orderKey > coalesce(req.afterKey, '')
        WITH st ORDER BY st.orderKey LIMIT $${kind}Limit
        RETURN collect(${STATEMENT_MAP}) AS rows
      }
      RETURN '${kind}' AS kind, req.key AS key, {rows: rows, total: CASE WHEN req.withTotal THEN COUNT { MATCH ${pattern} } END} AS value`,
    many: false,
    map: (value): StatementPage => ({
      rows: (Array.isArray(value.rows) ? value.rows : []).map(statementRecordFrom),
      total: typeof value.total === 'number' ? value.total : null,
    }),
    rowsFor: (args) => args.first + 1,
  });
}

/** Batched lookups of statements by slug, and pages of the statements linked to an entity. */
export const STATEMENT_LOOKUPS = {
  statement: lookup()({
    cypher: `MATCH (st:Statement {id: req.id}) RETURN 'statement' AS kind, req.key AS key, ${STATEMENT_MAP} AS value`,
    many: false,
    map: statementRecordFrom,
  }),
  statementsBy: statementsLinkedBy('statementsBy', '(e)-[:SAID]->(st:Statement)'),
  statementsAbout: statementsLinkedBy('statementsAbout', '(st:Statement)-[:ABOUT]->(e)'),
  statementsVia: statementsLinkedBy('statementsVia', '(st:Statement)-[:VIA]->(e)'),
};
