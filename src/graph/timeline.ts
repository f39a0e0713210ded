import { int, type GraphExecutor } from './executor.js';
import { ENTITY_MAP, ENTITY_RELATIONSHIP_TYPES, STATEMENT_MAP } from './projections.js';
import { entityRecordFrom, statementRecordFrom, type EntityRecord, type StatementRecord } from './records.js';

/** A dated statement or event. */
export type TimelineItem = { kind: 'STATEMENT'; sortKey: string; statement: StatementRecord } | { kind: 'EVENT'; sortKey: string; event: EntityRecord };

/** Options of a timeline query: an inclusive range on the date key and an optional entity. */
export interface TimelineOptions {
  from: string | null;
  to: string | null;
  /** Only items involving this entity: statements it made or that are about it, events it is linked to. */
  entityId: string | null;
  limit: number;
}

/** Dated statements and events in date order (then id), in one round-trip. */
export async function timeline(executor: GraphExecutor, options: TimelineOptions): Promise<TimelineItem[]> {
  const rows = await executor.readRows<{ kind: 'STATEMENT' | 'EVENT'; sortKey: string; statement: unknown; entity: unknown; id: string }>(
    `CALL () {
       MATCH (st:Statement) WHERE st.dateSortKey IS NOT NULL
         AND ($from IS NULL OR st.dateSortKey >= $from) AND ($to IS NULL OR st.dateSortKey <= $to)
         AND ($entity IS NULL OR EXISTS { MATCH (st)-[:SAID|ABOUT]-(:Entity {id: $entity}) })
       RETURN 'STATEMENT' AS kind, st.dateSortKey AS sortKey, st.id AS id, ${STATEMENT_MAP} AS statement, null AS entity
       UNION ALL
       MATCH (e:Event) WHERE e.dateSortKey IS NOT NULL
         AND ($from IS NULL OR e.dateSortKey >= $from) AND ($to IS NULL OR e.dateSortKey <= $to)
         AND ($entity IS NULL OR e.id = $entity OR EXISTS { MATCH (e)-[:${ENTITY_RELATIONSHIP_TYPES}]-(:Entity {id: $entity}) })
       RETURN 'EVENT' AS kind, e.dateSortKey AS sortKey, e.id AS id, null AS statement, ${ENTITY_MAP} AS entity
     }
     RETURN kind, sortKey, id, statement, entity
     ORDER BY sortKey, id
     LIMIT $limit`,
    { from: options.from, to: options.to, entity: options.entityId, limit: int(options.limit) },
  );
  return rows.map((row): TimelineItem =>
    row.kind === 'STATEMENT' && row.statement
      ? { kind: 'STATEMENT', sortKey: row.sortKey, statement: statementRecordFrom(row.statement) }
      : { kind: 'EVENT', sortKey: row.sortKey, event: entityRecordFrom(row.entity) },
  );
}
