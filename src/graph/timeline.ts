import { int, type GraphExecutor } from './executor.js';
import { orderKeyUpTo } from './derived.js';
import { UnknownEntities } from './errors.js';
import { ENTITY_MAP, ENTITY_RELATIONSHIP_TYPES, STATEMENT_MAP } from './projections.js';
import { entityRecordFrom, statementRecordFrom, type EntityRecord, type StatementRecord } from './records.js';

/** A dated statement or event. */
export type TimelineItem =
  { kind: 'STATEMENT'; sortKey: string; statement: StatementRecord } | { kind: 'EVENT'; sortKey: string; event: EntityRecord };

/** How a statement involves an entity on its timeline: it said it, is its subject, relayed it, or is cited by it. */
export const TIMELINE_STATEMENT_LINKS = 'SAID|ABOUT|VIA|CITES';

/** Options of a timeline query: an inclusive range on the date key and an optional entity. */
export interface TimelineOptions {
  from: string | null;
  to: string | null;
  /** Only items involving this entity: statements it made, is the subject of, relayed or is cited by; the event itself and events it is linked to. */
  entityId: string | null;
  limit: number;
}

/**
 * Dated statements and events in date order (then id), in one round-trip. Each side reads at most
 * `limit` items in index order (or from the entity's own links), so the work follows the page, not the graph.
 */
export async function timeline(executor: GraphExecutor, options: TimelineOptions): Promise<TimelineItem[]> {
  // Only the filters supplied become predicates. Undated statements have order keys from 9999, after every date.
  const statementRange = ['st.orderKey >= $fromKey', 'st.orderKey <= $toKey', 'st.dateSortKey IS NOT NULL'];
  const eventRange = ['e.dateSortKey >= $from', 'e.dateSortKey <= $to'];
  const statements = options.entityId
    ? `MATCH (:Entity {id: $entity})-[:${TIMELINE_STATEMENT_LINKS}]-(st:Statement) WITH DISTINCT st WHERE ${statementRange.join(' AND ')}`
    : `MATCH (st:Statement) WHERE ${statementRange.join(' AND ')}`;
  const events = options.entityId
    ? `MATCH (:Entity {id: $entity})-[:${ENTITY_RELATIONSHIP_TYPES}]-{0,1}(e:Event) WITH DISTINCT e WHERE ${eventRange.join(' AND ')}`
    : `MATCH (e:Event) WHERE ${eventRange.join(' AND ')}`;
  const [row] = await executor.readRows<{
    items: { kind: 'STATEMENT' | 'EVENT'; sortKey: string; statement: unknown; entity: unknown }[];
    entityFound: boolean | null;
  }>(
    `CALL () {
       CALL () {
         ${statements}
         WITH st ORDER BY st.orderKey LIMIT $limit
         RETURN 'STATEMENT' AS kind, st.dateSortKey AS sortKey, st.id AS id, ${STATEMENT_MAP} AS statement, null AS entity
         UNION ALL
         ${events}
         WITH e ORDER BY e.dateSortKey, e.id LIMIT $limit
         RETURN 'EVENT' AS kind, e.dateSortKey AS sortKey, e.id AS id, null AS statement, ${ENTITY_MAP} AS entity
       }
       WITH kind, sortKey, id, statement, entity ORDER BY sortKey, id LIMIT $limit
       RETURN collect({kind: kind, sortKey: sortKey, statement: statement, entity: entity}) AS items
     }
     RETURN items, CASE WHEN $entity IS NULL THEN null ELSE EXISTS { MATCH (:Entity {id: $entity}) } END AS entityFound`,
    {
      from: options.from ?? '',
      to: options.to ?? '9999-99-99',
      fromKey: options.from ?? '',
      toKey: orderKeyUpTo(options.to ?? '9999-99-98'),
      entity: options.entityId,
      limit: int(options.limit),
    },
  );
  if (options.entityId && row?.entityFound === false) throw new UnknownEntities([options.entityId]);
  return (row?.items ?? []).map((item): TimelineItem =>
    item.kind === 'STATEMENT' && item.statement
      ? { kind: 'STATEMENT', sortKey: item.sortKey, statement: statementRecordFrom(item.statement) }
      : { kind: 'EVENT', sortKey: item.sortKey, event: entityRecordFrom(item.entity) },
  );
}
