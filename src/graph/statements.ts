import type { GraphExecutor } from './executor.js';
import { keysetPageCypher, readKeysetPage, type Page } from './paging.js';
import { STATEMENT_MAP } from './projections.js';
import { lookup } from './lookup.js';
import { statementFrom, type StanceRecord, type StatementRecord } from './records.js';

export interface StatementRow {
  props: Record<string, unknown>;
  speakerIds: string[];
  viaIds: string[];
  citedIds: string[];
  aboutIds: string[];
  evidenceIds: string[];
  stances: StanceRecord[];
}

/** Maps a row of STATEMENT_MAP to a record. */
export function toStatementRecord(row: StatementRow): StatementRecord {
  return statementFrom(row.props, {
    speakerIds: row.speakerIds,
    viaId: row.viaIds[0] ?? null,
    citedIds: row.citedIds,
    aboutIds: row.aboutIds,
    evidenceIds: row.evidenceIds,
    stances: row.stances,
  });
}

/** Sort key of a statement: its date key, undated last. */
const STATEMENT_KEY = `coalesce(st.dateSortKey, '9999-99-99')`;

/** Filters for the statement list; all optional and combined with AND. */
export interface StatementFilter {
  speakerId?: string | null;
  /** Speakers that are this country/organization, part of it, or hold a role in it or its parts. */
  speakerAffiliationId?: string | null;
  speakerKinds?: string[] | null;
  aboutId?: string | null;
  viaId?: string | null;
  stance?: string | null;
  claimId?: string | null;
  sourceId?: string | null;
  /** Inclusive date range on the sortable key (YYYY-MM-DD, inferred year when not stated). */
  from?: string | null;
  to?: string | null;
}

/** One page of statements ordered by date (undated last) then id, with the total; one round-trip. */
export async function listStatements(executor: GraphExecutor, filter: StatementFilter, first: number, after: string | null | undefined): Promise<Page<StatementRecord>> {
  const match = `MATCH (st:Statement)
     WHERE ($speaker IS NULL OR EXISTS { MATCH (:Entity {id: $speaker})-[:SAID]->(st) })
       AND ($affiliation IS NULL OR EXISTS {
             MATCH (sp:Entity)-[:SAID]->(st)
             WHERE ($speakerKinds IS NULL OR sp.kind IN $speakerKinds)
               AND (sp.id = $affiliation
                    OR EXISTS { MATCH (sp)-[:PART_OF|HOLDS_ROLE]->(:Entity)-[:PART_OF]->{0,3}(:Entity {id: $affiliation}) }) })
       AND ($speakerKinds IS NULL OR EXISTS { MATCH (sp:Entity)-[:SAID]->(st) WHERE sp.kind IN $speakerKinds })
       AND ($about IS NULL OR EXISTS { MATCH (st)-[:ABOUT]->(:Entity {id: $about}) })
       AND ($via IS NULL OR EXISTS { MATCH (st)-[:VIA]->(:Entity {id: $via}) })
       AND ($stance IS NULL OR EXISTS { MATCH (st)-[r:TAKES_STANCE]->(:Claim) WHERE r.stance = $stance })
       AND ($claim IS NULL OR EXISTS { MATCH (st)-[:TAKES_STANCE]->(:Claim {id: $claim}) })
       AND ($source IS NULL OR st.sourceId = $source)
       AND ($from IS NULL OR st.dateSortKey >= $from)
       AND ($to IS NULL OR st.dateSortKey <= $to)
     WITH st, ${STATEMENT_KEY} AS key`;
  return readKeysetPage(
    executor,
    keysetPageCypher(match, 'st', STATEMENT_MAP),
    {
      speaker: filter.speakerId ?? null,
      affiliation: filter.speakerAffiliationId ?? null,
      speakerKinds: filter.speakerKinds && filter.speakerKinds.length > 0 ? filter.speakerKinds : null,
      about: filter.aboutId ?? null,
      via: filter.viaId ?? null,
      stance: filter.stance ?? null,
      claim: filter.claimId ?? null,
      source: filter.sourceId ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
    },
    first,
    after,
    toStatementRecord,
  );
}

const byDate = (a: StatementRecord, b: StatementRecord) => {
  const ka = a.date?.sortKey ?? '9999-99-99';
  const kb = b.date?.sortKey ?? '9999-99-99';
  return ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};
const mapStatement = (value: Record<string, unknown>) => toStatementRecord(value as unknown as StatementRow);

/** Batched lookups of statements by slug, and of the statements linked to an entity (keyed by entity slug). */
export const STATEMENT_LOOKUPS = {
  statement: lookup({
    cypher: `UNWIND $statement AS key MATCH (st:Statement {id: key}) RETURN 'statement' AS kind, key, ${STATEMENT_MAP} AS value`,
    many: false,
    map: mapStatement,
  }),
  statementsBy: lookup({
    cypher: `UNWIND $statementsBy AS key MATCH (:Entity {id: key})-[:SAID]->(st:Statement) RETURN 'statementsBy' AS kind, key, ${STATEMENT_MAP} AS value`,
    many: true,
    map: mapStatement,
    order: byDate,
  }),
  statementsAbout: lookup({
    cypher: `UNWIND $statementsAbout AS key MATCH (st:Statement)-[:ABOUT]->(:Entity {id: key}) RETURN 'statementsAbout' AS kind, key, ${STATEMENT_MAP} AS value`,
    many: true,
    map: mapStatement,
    order: byDate,
  }),
  statementsVia: lookup({
    cypher: `UNWIND $statementsVia AS key MATCH (st:Statement)-[:VIA]->(:Entity {id: key}) RETURN 'statementsVia' AS kind, key, ${STATEMENT_MAP} AS value`,
    many: true,
    map: mapStatement,
    order: byDate,
  }),
};
