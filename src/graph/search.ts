import { int, type GraphExecutor } from './executor.js';
import type { RowProjection } from './paging.js';
import { ENTITY_MAP, STATEMENT_MAP } from './projections.js';
import { entityRecordFrom, statementRecordFrom, type EntityRecord, type StatementRecord } from './records.js';

/** A full-text hit: an entity or a statement, with its Lucene score and the text that matched. */
export type SearchHit =
  | { kind: 'ENTITY'; score: number; entity: EntityRecord; matchedText: string }
  | { kind: 'STATEMENT'; score: number; statement: StatementRecord; matchedText: string };

/** Full-text search over entity names/aliases/descriptions and statement summaries/quotes; one round-trip. */
export async function searchGraph(
  executor: GraphExecutor,
  query: string,
  limit: number,
  projections: { entity?: RowProjection<EntityRecord>; statement?: RowProjection<StatementRecord> } = {},
): Promise<SearchHit[]> {
  const { entity: entityProjection, statement: statementProjection } = projections;
  const rows = await executor.readRows<{
    kind: 'ENTITY' | 'STATEMENT';
    score: number;
    entity: unknown;
    statement: unknown;
  }>(
    `CALL () {
       CALL db.index.fulltext.queryNodes('entity_text', $query, {limit: $limit}) YIELD node AS e, score
       RETURN 'ENTITY' AS kind, score, ${entityProjection?.cypher ?? ENTITY_MAP} AS entity, null AS statement
       UNION ALL
       CALL db.index.fulltext.queryNodes('statement_text', $query, {limit: $limit}) YIELD node AS st, score
       RETURN 'STATEMENT' AS kind, score, null AS entity, ${statementProjection?.cypher ?? STATEMENT_MAP} AS statement
     }
     RETURN kind, score, entity, statement
     ORDER BY score DESC
     LIMIT $limit`,
    { ...entityProjection?.params, ...statementProjection?.params, query, limit: int(limit) },
  );
  return rows.map((row): SearchHit => {
    if (row.kind === 'STATEMENT' && row.statement) {
      const statement = statementProjection ? statementProjection.read(row.statement) : statementRecordFrom(row.statement);
      return { kind: 'STATEMENT', score: row.score, statement, matchedText: bestField(query, [statement.quote, statement.summary]) };
    }
    const entity = entityProjection ? entityProjection.read(row.entity) : entityRecordFrom(row.entity);
    return {
      kind: 'ENTITY',
      score: row.score,
      entity,
      matchedText: bestField(query, [entity.name, entity.aliases.join(', '), entity.description]),
    };
  });
}

/** Words of a Lucene query worth highlighting (operators, field names and wildcards dropped). */
export function queryTerms(query: string): string[] {
  return query
    .replace(/[+\-!(){}[\]^"~*?:\\/]|&&|\|\|/g, ' ')
    .split(/\s+/)
    .filter((word) => word.length > 1 && !['AND', 'OR', 'NOT', 'TO'].includes(word))
    .map((word) => word.toLowerCase());
}

function bestField(query: string, fields: (string | null)[]): string {
  const terms = queryTerms(query);
  let best = fields.find((field) => field) ?? '';
  let bestHits = -1;
  for (const field of fields) {
    if (!field) continue;
    const lower = field.toLowerCase();
    const hits = terms.filter((term) => lower.includes(term)).length;
    if (hits > bestHits) {
      best = field;
      bestHits = hits;
    }
  }
  return best;
}
