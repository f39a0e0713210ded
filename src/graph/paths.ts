import { int, type GraphExecutor } from './executor.js';
import { ENTITY_RELATIONSHIP_TYPES } from './projections.js';
import { relationshipFrom, type RelationshipRecord } from './records.js';

/** Hard cap on path length: longer searches explode on a dense graph and rarely mean anything. */
export const MAX_PATH_HOPS = 6;
export const MAX_PATHS = 10;

/** One step of a path, read from its start towards its end. */
export interface PathHop {
  fromId: string;
  toId: string;
  /** FORWARD when the stored relationship points from `fromId` to `toId`. */
  direction: 'FORWARD' | 'BACKWARD';
  relationship: RelationshipRecord;
}

export interface PathRecord {
  entityIds: string[];
  hops: PathHop[];
}

/** Options of a path search. */
export interface PathOptions {
  maxHops: number;
  types: string[] | null;
  /** How many shortest paths to return, shortest first. */
  k: number;
  /** Leave out relationships that are only alleged (basis ALLEGED). */
  statedOnly: boolean;
}

/** The k shortest paths between two entities over entity relationships, in one round-trip. */
export async function shortestPaths(executor: GraphExecutor, fromId: string, toId: string, options: PathOptions): Promise<PathRecord[]> {
  const rows = await executor.readRows<{
    entityIds: string[];
    rels: { type: string; startId: string; endId: string; props: Record<string, unknown> }[];
  }>(
    `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
     MATCH p = SHORTEST ${MAX_PATHS} (a)(()-[r:${ENTITY_RELATIONSHIP_TYPES}]-()
                 WHERE ($types IS NULL OR type(r) IN $types) AND (NOT $statedOnly OR r.basis <> 'ALLEGED')){1,${MAX_PATH_HOPS}}(b)
     WHERE length(p) <= $maxHops
     RETURN [n IN nodes(p) | n.id] AS entityIds,
            [rel IN relationships(p) | {type: type(rel), startId: startNode(rel).id, endId: endNode(rel).id, props: properties(rel)}] AS rels
     ORDER BY length(p), reduce(key = '', rel IN relationships(p) | key + rel.id + '/')
     LIMIT $k`,
    { from: fromId, to: toId, k: int(options.k), types: options.types, maxHops: int(options.maxHops), statedOnly: options.statedOnly },
  );
  return rows.map((row) => ({
    entityIds: row.entityIds,
    hops: row.rels.map((rel, i) => {
      const stepFrom = row.entityIds[i] ?? rel.startId;
      return {
        fromId: stepFrom,
        toId: row.entityIds[i + 1] ?? rel.endId,
        direction: rel.startId === stepFrom ? 'FORWARD' : 'BACKWARD',
        relationship: relationshipFrom(rel.props, rel.type, rel.startId, rel.endId),
      };
    }),
  }));
}
