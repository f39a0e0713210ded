import type { GraphExecutor } from './executor.js';
import { readListPage, type Page, type PageRequest, type RowProjection } from './paging.js';
import { CLAIM_MAP, CONTESTED } from './projections.js';
import { lookup } from './lookup.js';
import { claimRecordFrom, type ClaimRecord } from './records.js';

/** Filters for the claim list; all optional and combined with AND. */
export interface ClaimFilter {
  aboutId?: string | null;
  topic?: string | null;
  measure?: string | null;
  /** Claims some statement takes this stance on (e.g. DENIES). */
  stance?: string | null;
  hasQuantity?: boolean | null;
  /** Only claims with a linked conflicting claim, or both asserted/estimated and denied. */
  contested?: boolean | null;
  /** Words to look for in the proposition (full-text). */
  text?: string | null;
  /** Retracted claims too (left out by default; the full-text index holds only current claims). */
  includeRetracted?: boolean;
}

/** Where a claim list starts: the most selective filter supplied, so an index does the first cut. */
function claimAnchor(filter: ClaimFilter): { match: string; uses: keyof ClaimFilter | null } {
  if (filter.text) return { match: `CALL db.index.fulltext.queryNodes('claim_text', $text) YIELD node AS c`, uses: 'text' };
  // A retracted claim trades its Claim label for RetractedClaim (see curation.ts); listing both cannot use the Claim indexes' hints.
  const label = filter.includeRetracted ? 'Claim|RetractedClaim' : 'Claim';
  const hint = (property: string) => (filter.includeRetracted ? '' : ` USING INDEX c:Claim(${property})`);
  // Hinted: ordered by id with a LIMIT, the planner would otherwise walk the id index and filter.
  if (filter.measure) return { match: `MATCH (c:${label} {measure: $measure})${hint('measure')}`, uses: 'measure' };
  if (filter.topic) return { match: `MATCH (c:${label} {topic: $topic})${hint('topic')}`, uses: 'topic' };
  if (filter.aboutId) return { match: `MATCH (:Entity {id: $about})<-[:ABOUT]-(c:${label})`, uses: 'aboutId' };
  return { match: `MATCH (c:${label})`, uses: null };
}

/** The claim list's filters as Cypher (binds `c`): only the filters supplied become predicates. */
export function claimQuery(filter: ClaimFilter): {
  match: string;
  conditions: string[];
  params: Record<string, unknown>;
  entityIds: string[];
} {
  const anchor = claimAnchor(filter);
  const conditions: string[] = [];
  const unless = (key: keyof ClaimFilter, condition: string) => {
    if (filter[key] !== null && filter[key] !== undefined && anchor.uses !== key) conditions.push(condition);
  };
  unless('measure', 'c.measure = $measure');
  unless('topic', 'c.topic = $topic');
  unless('aboutId', 'EXISTS { MATCH (c)-[:ABOUT]->(:Entity {id: $about}) }');
  if (filter.hasQuantity !== null && filter.hasQuantity !== undefined)
    conditions.push(filter.hasQuantity ? 'c.value IS NOT NULL' : 'c.value IS NULL');
  if (filter.stance) conditions.push('EXISTS { MATCH (:Statement)-[r:TAKES_STANCE]->(c) WHERE r.stance = $stance }');
  if (filter.contested !== null && filter.contested !== undefined) conditions.push(`${CONTESTED} = $contested`);
  return {
    match: anchor.match,
    conditions,
    entityIds: filter.aboutId ? [filter.aboutId] : [],
    params: {
      text: filter.text ?? null,
      measure: filter.measure ?? null,
      topic: filter.topic ?? null,
      about: filter.aboutId ?? null,
      stance: filter.stance ?? null,
      contested: filter.contested ?? null,
    },
  };
}

/** One page of claims ordered by id, with the total when asked; one round-trip, only the supplied filters. */
export async function listClaims(
  executor: GraphExecutor,
  filter: ClaimFilter,
  page: PageRequest,
  projection?: RowProjection<ClaimRecord>,
): Promise<Page<ClaimRecord>> {
  const query = claimQuery(filter);
  return readListPage(
    executor,
    {
      match: query.match,
      variable: 'c',
      conditions: query.conditions,
      orderKey: 'c.id',
      projection: projection?.cypher ?? CLAIM_MAP,
      entityIds: query.entityIds,
    },
    { ...projection?.params, ...query.params },
    page,
    projection ? (raw: unknown) => projection.read(raw) : claimRecordFrom,
  );
}

/** A topic or measure key with how many claims have it. */
export interface ClaimKeyCount {
  id: string;
  claimCount: number;
  /** For a measure: the units its claims use (at most 10). */
  units: string[];
}

/**
 * One page of topic or measure keys in key order, with their claim counts: the loader keeps one
 * Topic/Measure node per key with its count, so a page reads the id index, never the claims.
 */
export async function listClaimKeys(executor: GraphExecutor, key: 'Topic' | 'Measure', page: PageRequest): Promise<Page<ClaimKeyCount>> {
  // The label is one of two constants, never input.
  return readListPage(
    executor,
    {
      match: `MATCH (k:${key === 'Topic' ? 'Topic' : 'Measure'})`,
      variable: 'k',
      conditions: [],
      orderKey: 'k.id',
      projection: '{id: k.id, claimCount: k.claimCount, units: coalesce(k.units, [])}',
    },
    {},
    page,
    (raw: ClaimKeyCount) => raw,
  );
}

/** Batched lookup of claims by slug. */
export const CLAIM_LOOKUPS = {
  claim: lookup()({
    cypher: `MATCH (c:Claim {id: req.id}) RETURN 'claim' AS kind, req.key AS key, ${CLAIM_MAP} AS value`,
    many: false,
    map: claimRecordFrom,
  }),
};
