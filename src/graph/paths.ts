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

type NodeUse = keyof PathRecord['projected'];

/**
 * Which of a path's nodes each use projects: all of them, all but the last (hop starts), all but the
 * first (hop ends); as a Cypher range, and as the part it takes of a read over every node.
 */
const USE_NODES: Record<NodeUse, { range: string; of: (all: EntityRecord[]) => EntityRecord[] }> = {
  entities: { range: '', of: (all) => all },
  froms: { range: '[..-1]', of: (all) => all.slice(0, -1) },
  tos: { range: '[1..]', of: (all) => all.slice(1) },
};

/** One projection of a path's nodes read from Neo4j, and the uses it serves. */
interface NodeRead {
  cypher: string;
  /** The nodes read: a use's own range, or all of them when several uses share the read. */
  range: string;
  uses: { use: NodeUse; projection: RowProjection<EntityRecord> }[];
}

/**
 * The node projections to read, each distinct Cypher once: a hop's `from { name }` and `to { name }`
 * read the same properties of the same nodes (shifted by one), so they share one read of every node.
 */
function nodeReads(projections: PathProjections): NodeRead[] {
  const reads = new Map<string, NodeRead>();
  const uses: [NodeUse, RowProjection<EntityRecord> | undefined][] = [
    ['entities', projections.entities],
    ['froms', projections.hopFrom],
    ['tos', projections.hopTo],
  ];
  for (const [use, projection] of uses) {
    if (!projection) continue;
    const read = reads.get(projection.cypher);
    if (read) {
      read.range = '';
      read.uses.push({ use, projection });
    } else reads.set(projection.cypher, { cypher: projection.cypher, range: USE_NODES[use].range, uses: [{ use, projection }] });
  }
  return [...reads.values()];
}

/** A hop as read: its type, whether it follows the stored direction, and its properties (or only its id). */
type HopRow = [type: string, forward: boolean, props: Record<string, unknown> | string];

type PathRow = {
  fromFound: boolean;
  toFound: boolean;
  /** Each path: its entity ids (null when a node read gives them), its hops, and one list per node read (see nodeReads). */
  paths: [entityIds: string[] | null, rels: HopRow[], nodes: unknown[][]][];
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
  const reads = nodeReads(projections);
  // A read over every node gives the ids too; without one they are read on their own.
  const idsFrom = reads.find((read) => read.range === '');
  const [row] = await executor.readRows<PathRow>(
    `OPTIONAL MATCH (a:Entity {id: $from})
     OPTIONAL MATCH (b:Entity {id: $to})
     CALL (a, b) {
       WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
       ${pathMatch(options)}
       // The ids are read once: for the order, then for the answer.
       WITH p, [rel IN relationships(p) | rel.id] AS relIds
       ORDER BY length(p), reduce(key = '', id IN relIds | key + id + '/') LIMIT $k
       // Lists, not maps: the driver decodes a map's keys one by one, for every path and hop.
       RETURN collect([
         ${idsFrom ? 'null' : '[n IN nodes(p) | n.id]'},
         // A hop's direction compares nodes, not ids: its ends' ids are in the entity ids already.
         [i IN range(0, length(p) - 1) | [type(relationships(p)[i]), startNode(relationships(p)[i]) = nodes(p)[i],
           ${withProperties ? 'properties(relationships(p)[i])' : 'relIds[i]'}]],
         [${reads.map((read) => `[n IN nodes(p)${read.range} | ${read.cypher}]`).join(', ')}]
       ]) AS paths
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
  const paths = (row?.paths ?? []).map(([ids, rels, nodes]): PathRecord => {
    const projected: PathRecord['projected'] = { entities: null, froms: null, tos: null };
    let readIds: string[] | undefined;
    reads.forEach((read, i) => {
      for (const { use, projection } of read.uses) {
        // Each use reads with its own projection: the same Cypher, but its own preloads.
        const records = (nodes[i] ?? []).map((value) => projection.read(value));
        projected[use] = read.range === '' ? USE_NODES[use].of(records) : records;
        if (read === idsFrom) readIds ??= records.map((record) => record.id);
      }
    });
    const entityIds = ids ?? readIds ?? [];
    return {
      entityIds,
      hops: rels.map(([type, forward, props], i): PathHop => {
        const [fromId, toId] = [entityIds[i] ?? '', entityIds[i + 1] ?? ''];
        const [startId, endId] = forward ? [fromId, toId] : [toId, fromId];
        return {
          fromId,
          toId,
          direction: forward ? 'FORWARD' : 'BACKWARD',
          relationship: relationshipFrom(
            typeof props === 'string' ? partialProps({ id: props }) : props,
            parseRelationshipType(type),
            startId,
            endId,
          ),
        };
      }),
      projected,
    };
  });
  return { fromFound: row?.fromFound === true, toFound: row?.toFound === true, paths };
}
