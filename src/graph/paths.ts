import { int, type GraphExecutor } from './executor.js';
import { ENTITY_RELATIONSHIP_TYPES } from './projections.js';
import type { RowProjection } from './paging.js';
import { parseRelationshipType, partialProps, relationshipFrom, type EntityRecord, type RelationshipRecord } from './records.js';

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
  /** The entities along the path, when projected (see PathProjections), by where they appear. */
  projected: { entities: EntityRecord[] | null; froms: EntityRecord[] | null; tos: EntityRecord[] | null };
}

/** Options of a path search. */
export interface PathOptions {
  maxHops: number;
  types: string[] | null;
  /** How many shortest paths to return, shortest first. */
  k: number;
  /** Only follow relationships on these grounds (STATED, ALLEGED, BACKGROUND); null follows all. */
  bases: string[] | null;
}

/** How the entities along the paths are projected (compiled from the selection), by where they appear. */
export interface PathProjections {
  entities?: RowProjection<EntityRecord> | undefined;
  hopFrom?: RowProjection<EntityRecord> | undefined;
  hopTo?: RowProjection<EntityRecord> | undefined;
  /** False when no hop's relationship is asked for: its properties are not read (a relationship holds about 20). */
  relationshipProperties?: boolean;
}

/** The outcome of a path search: whether both ends exist, and the paths found. */
export interface PathSearch {
  fromFound: boolean;
  toFound: boolean;
  paths: PathRecord[];
}

/**
 * A count written into the Cypher text, where a parameter cannot go (SHORTEST k, a pattern's hop
 * bound): a whole number 1..max, never input text.
 */
function literalCount(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) throw new RangeError(`${name} must be 1..${max}`);
  return value;
}

/**
 * Binds `p` to at most k paths from `a` to `b` (both bound) that are shortest, in no order. For one
 * path, shortestPath: the legacy bidirectional breadth-first search, which checks the hop filters
 * as it expands, costs about a third of `SHORTEST 1` on the bench's graphs (3 ms against 11 at 10k,
 * 6 against 19 at 1m; see docs/benchmarks.md, "Paths: one path, and more"). For more, `SHORTEST k`
 * (shortestPath has no "next shortest", and Neo4j refuses both kinds of search in one statement).
 * The hop limit is part of the pattern, so the search stops at that depth.
 */
function pathMatch(options: PathOptions): string {
  // Only the filters supplied become predicates: a catch-all `$x IS NULL OR ...` is evaluated on every hop.
  const hopFilters = [options.types ? 'type(r) IN $types' : null, options.bases ? 'r.basis IN $bases' : null].filter(
    (part) => part !== null,
  );
  const k = literalCount('k', options.k, MAX_PATHS);
  const maxHops = literalCount('maxHops', options.maxHops, MAX_PATH_HOPS);
  if (k === 1) {
    // In this form Neo4j checks the filters hop by hop during the search (no exhaustive fallback in the plan).
    const where = hopFilters.length > 0 ? ` WHERE all(r IN relationships(p) WHERE ${hopFilters.join(' AND ')})` : '';
    return `MATCH p = shortestPath((a)-[:${ENTITY_RELATIONSHIP_TYPES}*1..${maxHops}]-(b))${where}`;
  }
  const where = hopFilters.length > 0 ? ` WHERE ${hopFilters.join(' AND ')}` : '';
  return `MATCH p = SHORTEST ${k} (a)(()-[r:${ENTITY_RELATIONSHIP_TYPES}]-()${where}){1,${maxHops}}(b)`;
}

type PathRow = {
  fromFound: boolean;
  toFound: boolean;
  paths: {
    entityIds: string[];
    rels: { type: string; forward: boolean; props: Record<string, unknown> }[];
    entities: unknown[] | null;
    froms: unknown[] | null;
    tos: unknown[] | null;
  }[];
};

/** The k shortest paths between two entities over entity relationships, and whether both ends exist; one round-trip. */
export async function shortestPaths(
  executor: GraphExecutor,
  fromId: string,
  toId: string,
  options: PathOptions,
  projections: PathProjections = {},
): Promise<PathSearch> {
  const withProperties = projections.relationshipProperties !== false;
  const nodesAs = (projection: RowProjection<EntityRecord> | undefined, range: string) =>
    projection ? `[n IN nodes(p)${range} | ${projection.cypher}]` : 'null';
  const [row] = await executor.readRows<PathRow>(
    `OPTIONAL MATCH (a:Entity {id: $from})
     OPTIONAL MATCH (b:Entity {id: $to})
     CALL (a, b) {
       WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
       ${pathMatch(options)}
       WITH p ORDER BY length(p), reduce(key = '', rel IN relationships(p) | key + rel.id + '/') LIMIT $k
       RETURN collect({
         entityIds: [n IN nodes(p) | n.id],
         // A hop's direction compares nodes, not ids: its ends' ids are in entityIds already.
         rels: [i IN range(0, length(p) - 1) | {type: type(relationships(p)[i]), forward: startNode(relationships(p)[i]) = nodes(p)[i],
                props: ${withProperties ? 'properties(relationships(p)[i])' : '{id: relationships(p)[i].id}'}}],
         entities: ${nodesAs(projections.entities, '')},
         froms: ${nodesAs(projections.hopFrom, '[..-1]')},
         tos: ${nodesAs(projections.hopTo, '[1..]')}
       }) AS paths
     }
     RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, paths`,
    {
      ...projections.entities?.params,
      ...projections.hopFrom?.params,
      ...projections.hopTo?.params,
      from: fromId,
      to: toId,
      k: int(options.k),
      types: options.types,
      bases: options.bases,
    },
  );
  const read = (projection: RowProjection<EntityRecord> | undefined, values: unknown[] | null) =>
    projection && values ? values.map((value) => projection.read(value)) : null;
  const paths = (row?.paths ?? []).map((path): PathRecord => ({
    entityIds: path.entityIds,
    hops: path.rels.map((rel, i): PathHop => {
      const [fromId, toId] = [path.entityIds[i] ?? '', path.entityIds[i + 1] ?? ''];
      const [startId, endId] = rel.forward ? [fromId, toId] : [toId, fromId];
      return {
        fromId,
        toId,
        direction: rel.forward ? 'FORWARD' : 'BACKWARD',
        relationship: relationshipFrom(
          withProperties ? rel.props : partialProps(rel.props),
          parseRelationshipType(rel.type),
          startId,
          endId,
        ),
      };
    }),
    projected: {
      entities: read(projections.entities, path.entities),
      froms: read(projections.hopFrom, path.froms),
      tos: read(projections.hopTo, path.tos),
    },
  }));
  return { fromFound: row?.fromFound === true, toFound: row?.toFound === true, paths };
}
