import type { GraphExecutor } from './executor.js';
import { keysetPageCypher, readKeysetPage, type Page } from './paging.js';
import { CLAIM_MAP, CONTESTED } from './projections.js';
import { lookup } from './lookup.js';
import { claimFrom, type ClaimRecord, type StanceRecord } from './records.js';

interface ClaimRow {
  props: Record<string, unknown>;
  aboutIds: string[];
  evidenceIds: string[];
  conflictIds: string[];
  stances: StanceRecord[];
  contested: boolean;
}

const toRecord = (row: ClaimRow): ClaimRecord =>
  claimFrom(row.props, { aboutIds: row.aboutIds, evidenceIds: row.evidenceIds, conflictIds: row.conflictIds, stances: row.stances, contested: row.contested });

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
}

/** One page of claims ordered by id, with the total; one round-trip. */
export async function listClaims(executor: GraphExecutor, filter: ClaimFilter, first: number, after: string | null | undefined): Promise<Page<ClaimRecord>> {
  const match = `CALL () {
       MATCH (c:Claim) WHERE $text IS NULL RETURN c
       UNION
       UNWIND CASE WHEN $text IS NULL THEN [] ELSE [$text] END AS text
       CALL db.index.fulltext.queryNodes('claim_text', text) YIELD node RETURN node AS c
     }
     WITH c WHERE ($about IS NULL OR EXISTS { MATCH (c)-[:ABOUT]->(:Entity {id: $about}) })
       AND ($topic IS NULL OR c.topic = $topic)
       AND ($measure IS NULL OR c.measure = $measure)
       AND ($hasQuantity IS NULL OR (c.value IS NOT NULL) = $hasQuantity)
       AND ($stance IS NULL OR EXISTS { MATCH (:Statement)-[r:TAKES_STANCE]->(c) WHERE r.stance = $stance })
       AND ($contested IS NULL OR $contested = ${CONTESTED})
     WITH c, '' AS key`;
  return readKeysetPage(
    executor,
    keysetPageCypher(match, 'c', CLAIM_MAP),
    {
      text: filter.text ?? null,
      about: filter.aboutId ?? null,
      topic: filter.topic ?? null,
      measure: filter.measure ?? null,
      hasQuantity: filter.hasQuantity ?? null,
      stance: filter.stance ?? null,
      contested: filter.contested ?? null,
    },
    first,
    after,
    toRecord,
  );
}

/** Batched lookup of claims by slug. */
export const CLAIM_LOOKUPS = {
  claim: lookup()({
    cypher: `MATCH (c:Claim {id: req.id}) RETURN 'claim' AS kind, req.key AS key, ${CLAIM_MAP} AS value`,
    many: false,
    map: (value) => toRecord(value as unknown as ClaimRow),
  }),
};
