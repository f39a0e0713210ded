import { int, type GraphExecutor } from './executor.js';
import { decodeCursor, toPage, type Page } from './paging.js';
import { ENTITY_MAP, ENTITY_RELATIONSHIP_TYPES } from './projections.js';
import { entityFrom, relationshipFrom, type EntityRecord, type RelationshipRecord } from './records.js';

type Props = Record<string, unknown>;
interface EntityRow {
  props: Props;
  mentionIds: string[];
}

/** Loads entities by id, in the order asked (null where unknown). One round-trip. */
export async function entitiesByIds(executor: GraphExecutor, ids: readonly string[]): Promise<(EntityRecord | null)[]> {
  const rows = await executor.readRows<{ id: string; entity: EntityRow }>(
    `UNWIND $ids AS id
     MATCH (e:Entity {id: id})
     RETURN id, ${ENTITY_MAP} AS entity`,
    { ids: [...new Set(ids)] },
  );
  const byId = new Map(rows.map((row) => [row.id, entityFrom(row.entity.props, row.entity.mentionIds)]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Finds an entity by id, or by exact name or alias (case-insensitive). */
export async function findEntity(executor: GraphExecutor, idOrName: string): Promise<EntityRecord | null> {
  const rows = await executor.readRows<{ entity: EntityRow }>(
    `CALL () {
       MATCH (e:Entity {id: $value}) RETURN e, 0 AS rank
       UNION
       MATCH (e:Entity) WHERE toLower(e.name) = toLower($value) RETURN e, 1 AS rank
       UNION
       MATCH (e:Entity) WHERE any(a IN e.aliases WHERE toLower(a) = toLower($value)) RETURN e, 2 AS rank
     }
     WITH e, min(rank) AS rank ORDER BY rank, e.id LIMIT 1
     RETURN ${ENTITY_MAP} AS entity`,
    { value: idOrName },
  );
  const row = rows[0];
  return row ? entityFrom(row.entity.props, row.entity.mentionIds) : null;
}

/** Filters for the entity list. */
export interface EntityFilter {
  kinds?: string[] | null;
  nameContains?: string | null;
  relatedCountryId?: string | null;
}

export type EntityOrder = 'NAME' | 'ID';

/** One page of entities with the total, ordered by name (or id) then id; one round-trip. */
export async function listEntities(
  executor: GraphExecutor,
  filter: EntityFilter,
  order: EntityOrder,
  first: number,
  after: string | null | undefined,
): Promise<Page<EntityRecord>> {
  const position = after ? decodeCursor(after) : null;
  const params = {
    kinds: filter.kinds && filter.kinds.length > 0 ? filter.kinds : null,
    text: filter.nameContains ? filter.nameContains.toLowerCase() : null,
    country: filter.relatedCountryId ?? null,
    byName: order === 'NAME',
    afterKey: position?.key ?? null,
    afterId: position?.id ?? null,
    limit: int(first + 1),
  };
  // "Related to a country": the country itself, anything linked to it directly, or part of / holding a role in something linked to it.
  const match = `MATCH (e:Entity)
     WHERE ($kinds IS NULL OR e.kind IN $kinds)
       AND ($text IS NULL OR toLower(e.name) CONTAINS $text OR any(a IN e.aliases WHERE toLower(a) CONTAINS $text))
       AND ($country IS NULL OR e.id = $country
            OR EXISTS { MATCH (e)-[:${ENTITY_RELATIONSHIP_TYPES}]-{1,2}(c:Country {id: $country}) })
     WITH e, CASE WHEN $byName THEN toLower(e.name) ELSE e.id END AS key`;
  const [row] = await executor.readRows<{ total: number; page: { key: string; entity: EntityRow }[] }>(
    `CALL () { ${match} RETURN count(e) AS total }
     CALL () {
       ${match}
       WITH e, key WHERE $afterKey IS NULL OR key > $afterKey OR (key = $afterKey AND e.id > $afterId)
       ORDER BY key, e.id LIMIT $limit
       RETURN collect({key: key, entity: ${ENTITY_MAP}}) AS page
     }
     RETURN total, page`,
    params,
  );
  const rows = (row?.page ?? []).map((r) => ({ key: r.key, record: entityFrom(r.entity.props, r.entity.mentionIds) }));
  const page = toPage(rows, first, row?.total ?? 0, (r) => ({ key: r.key, id: r.record.id }));
  return { ...page, rows: page.rows.map((r) => r.record) };
}

/** An entity relationship seen from one end. */
export interface EntityEdge {
  entityId: string;
  direction: 'OUTGOING' | 'INCOMING';
  otherId: string;
  relationship: RelationshipRecord;
}

/** Every entity relationship touching each of the given entities, in one round-trip. */
export async function relationshipsOf(executor: GraphExecutor, entityIds: readonly string[]): Promise<Map<string, EntityEdge[]>> {
  const rows = await executor.readRows<{ entityId: string; outgoing: boolean; type: string; fromId: string; toId: string; props: Props }>(
    `UNWIND $ids AS entityId
     MATCH (e:Entity {id: entityId})-[r:${ENTITY_RELATIONSHIP_TYPES}]-(other:Entity)
     RETURN entityId, startNode(r) = e AS outgoing, type(r) AS type,
            startNode(r).id AS fromId, endNode(r).id AS toId, properties(r) AS props
     ORDER BY entityId, type, r.id`,
    { ids: [...new Set(entityIds)] },
  );
  const edges = new Map<string, EntityEdge[]>(entityIds.map((id) => [id, []]));
  for (const row of rows) {
    const relationship = relationshipFrom(row.props, row.type, row.fromId, row.toId);
    edges.get(row.entityId)?.push({
      entityId: row.entityId,
      direction: row.outgoing ? 'OUTGOING' : 'INCOMING',
      otherId: row.outgoing ? row.toId : row.fromId,
      relationship,
    });
  }
  return edges;
}

/** An entity within reach of another, with its distance in hops. */
export interface Neighbour {
  entityId: string;
  neighbourId: string;
  distance: number;
}

/** Entities within `depth` hops (1-3) of each given entity, nearest first; one round-trip. */
export async function neighboursOf(executor: GraphExecutor, entityIds: readonly string[], depth: number): Promise<Map<string, Neighbour[]>> {
  const rows = await executor.readRows<Neighbour>(
    `UNWIND $ids AS entityId
     MATCH (e:Entity {id: entityId})
     MATCH p = (e)-[:${ENTITY_RELATIONSHIP_TYPES}]-{1,3}(n:Entity)
     WHERE n <> e AND length(p) <= $depth
     WITH entityId, n, min(length(p)) AS distance
     RETURN entityId, n.id AS neighbourId, distance
     ORDER BY entityId, distance, neighbourId`,
    { ids: [...new Set(entityIds)], depth: int(depth) },
  );
  const result = new Map<string, Neighbour[]>(entityIds.map((id) => [id, []]));
  for (const row of rows) result.get(row.entityId)?.push(row);
  return result;
}

/** A person holding a role in an organization or country (or in one of its parts). */
export interface OfficialRow {
  orgId: string;
  personId: string;
  role: string | null;
  bodyId: string;
  relationship: RelationshipRecord;
}

/** Officials of each given country or organization: people holding a role in it or in its parts. One round-trip. */
export async function officialsOf(executor: GraphExecutor, ids: readonly string[]): Promise<Map<string, OfficialRow[]>> {
  const rows = await executor.readRows<{ orgId: string; personId: string; bodyId: string; props: Props }>(
    `UNWIND $ids AS orgId
     MATCH (org:Entity {id: orgId})
     MATCH (body:Entity)-[:PART_OF]->{0,3}(org)
     MATCH (p:Person)-[r:HOLDS_ROLE]->(body)
     RETURN DISTINCT orgId, p.id AS personId, body.id AS bodyId, properties(r) AS props
     ORDER BY orgId, personId`,
    { ids: [...new Set(ids)] },
  );
  const result = new Map<string, OfficialRow[]>(ids.map((id) => [id, []]));
  for (const row of rows) {
    const relationship = relationshipFrom(row.props, 'HOLDS_ROLE', row.personId, row.bodyId);
    result.get(row.orgId)?.push({ orgId: row.orgId, personId: row.personId, bodyId: row.bodyId, role: relationship.role, relationship });
  }
  return result;
}
