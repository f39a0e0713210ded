// Cypher shared by the raw server and the @cypher fields of the Neo4j GraphQL Library server, so that
// where the library needs hand-written Cypher it runs the same Cypher as the ceiling and the two
// differ only by what the library adds around it.

/** Relationship types between entities, in string order: the order the shapes list relationships in. */
export const ENTITY_RELATIONSHIP_TYPES = [
  'ALLIED_WITH',
  'AT_WAR_WITH',
  'HOLDS_ROLE',
  'INVOLVED_IN',
  'LOCATED_IN',
  'PARTY_TO',
  'PART_OF',
  'SUPPLIES',
] as const;
export const TYPE_ALTERNATIVES = ENTITY_RELATIONSHIP_TYPES.join('|');

/**
 * Binds `out` to the first `limit` relationships of entity `e` in (type, id) order, as maps
 * {type, outgoing, otherId, other (name), evidenceIds}; every variable in scope is kept. `limit` is
 * a literal or a parameter. One subquery per type, in type order, each skipped once `limit` are
 * collected: on a hub only the first types' relationships are read and sorted (a tenth of the db
 * hits of one ORDER BY type(r), r.id over all of them on the 2,000-relationship hub).
 */
export function firstRelationships(limit: string, out: string): string {
  const steps = ENTITY_RELATIONSHIP_TYPES.map(
    (type, i) => `
      CALL (e, acc${i}) {
        WITH e, acc${i} WHERE size(acc${i}) < ${limit}
        MATCH (e)-[r:${type}]-(o:Entity)
        WITH e, r, o ORDER BY r.id LIMIT ${limit}
        RETURN collect({type: '${type}', outgoing: startNode(r) = e, otherId: o.id, other: o.name, evidenceIds: r.evidenceIds}) AS got${i}
      }
      WITH *, acc${i} + got${i} AS acc${i + 1}`,
  ).join('');
  return `WITH *, [] AS acc0${steps}
      WITH *, acc${ENTITY_RELATIONSHIP_TYPES.length}[..${limit}] AS ${out}`;
}

/** The evidence spans a relationship map `x` of firstRelationships references, in the order of its ids, as `projection` of `ev`. */
export const evidenceOf = (x: string, projection: string) => `COLLECT {
          UNWIND range(0, size(${x}.evidenceIds) - 1) AS i
          MATCH (ev:Evidence {id: ${x}.evidenceIds[i]})
          RETURN ${projection} ORDER BY i
        }`;

/**
 * Binds `st` to the first `limit` statements whose speaker is entity `$id`, or is PART_OF /
 * HOLDS_ROLE in something that is PART_OF{0,3} it, in date order (undated last) then id. Every write
 * keeps that as (:Statement)-[:COUNTS_FOR {affiliationId, orderKey}]->(:Entity) links
 * (src/graph/affiliations.ts), so this is a range of the (affiliationId, orderKey) index, read in
 * order: the planner seeks it only with a predicate on both properties, and reads it in order only
 * when ordered by both (by orderKey alone it sorts the whole range).
 */
export const affiliatedStatements = (limit: string) => `
      MATCH (st:Statement)-[x:COUNTS_FOR]->() WHERE x.affiliationId = $id AND x.orderKey IS NOT NULL
      WITH st, x ORDER BY x.affiliationId, x.orderKey LIMIT ${limit}`;

/**
 * Binds `p`, `rels` and `nodes` to the 3 shortest paths from `$from` to `$to` (at most 6 hops over
 * the entity relationship types, either direction), ordered by length, then by their relationship
 * ids joined with '/'. Among equally long paths at the last length, which ones are found first is
 * Neo4j's choice; the facts compare only what is determined (see pathFacts in bench/contract.ts).
 */
export const SHORTEST_3_PATHS = `
      MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
      MATCH p = SHORTEST 3 (a)-[:${TYPE_ALTERNATIVES}]-{1,6}(b)
      WITH p, relationships(p) AS rels, nodes(p) AS nodes
      ORDER BY length(p), reduce(key = head(rels).id, r IN tail(rels) | key + '/' + r.id)
      LIMIT 3`;
