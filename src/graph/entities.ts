import type { GraphExecutor } from './executor.js';
import { keysetPageCypher, readKeysetPage, type Page } from './paging.js';
import { ENTITY_MAP, ENTITY_RELATIONSHIP_TYPES } from './projections.js';
import { lookup } from './lookup.js';
import { entityFrom, relationshipFrom, type EntityRecord, type RelationshipRecord } from './records.js';

type Props = Record<string, unknown>;
interface EntityRow {
  props: Props;
  mentionIds: string[];
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
  const params = {
    kinds: filter.kinds && filter.kinds.length > 0 ? filter.kinds : null,
    text: filter.nameContains ? filter.nameContains.toLowerCase() : null,
    country: filter.relatedCountryId ?? null,
    byName: order === 'NAME',
  };
  // "Related to a country": the country itself, anything linked to it directly, or part of / holding a role in something linked to it.
  const match = `MATCH (e:Entity)
     WHERE ($kinds IS NULL OR e.kind IN $kinds)
       AND ($text IS NULL OR toLower(e.name) CONTAINS $text OR any(a IN e.aliases WHERE toLower(a) CONTAINS $text))
       AND ($country IS NULL OR e.id = $country
            OR EXISTS { MATCH (e)-[:${ENTITY_RELATIONSHIP_TYPES}]-{1,2}(c:Country {id: $country}) })
     WITH e, CASE WHEN $byName THEN toLower(e.name) ELSE e.id END AS key`;
  return readKeysetPage(executor, keysetPageCypher(match, 'e', ENTITY_MAP), params, first, after, (raw: EntityRow) => entityFrom(raw.props, raw.mentionIds));
}

/** An entity relationship seen from one end. */
export interface EntityEdge {
  entityId: string;
  direction: 'OUTGOING' | 'INCOMING';
  otherId: string;
  relationship: RelationshipRecord;
}

/** An entity within reach of another, with its distance in hops. */
export interface Neighbour {
  entityId: string;
  neighbourId: string;
  distance: number;
}

/** A person holding a role in an organization or country (or in one of its parts). */
export interface OfficialRow {
  orgId: string;
  personId: string;
  role: string | null;
  bodyId: string;
  relationship: RelationshipRecord;
}

const bySlug = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Batched lookups of entities and what hangs off them, keyed by entity slug. */
export const ENTITY_LOOKUPS = {
  entity: lookup({
    cypher: `UNWIND $entity AS key MATCH (e:Entity {id: key}) RETURN 'entity' AS kind, key, ${ENTITY_MAP} AS value`,
    many: false,
    map: (value) => entityFrom(value.props as Props, value.mentionIds as string[]),
  }),
  relationships: lookup<EntityEdge, true>({
    cypher: `UNWIND $relationships AS key
      MATCH (e:Entity {id: key})-[r:${ENTITY_RELATIONSHIP_TYPES}]-(other:Entity)
      RETURN 'relationships' AS kind, key,
             {entityId: key, outgoing: startNode(r) = e, type: type(r), fromId: startNode(r).id, toId: endNode(r).id, props: properties(r)} AS value`,
    many: true,
    map: (value) => {
      const outgoing = value.outgoing === true;
      const relationship = relationshipFrom(value.props as Props, String(value.type), String(value.fromId), String(value.toId));
      return {
        entityId: String(value.entityId),
        direction: outgoing ? 'OUTGOING' : 'INCOMING',
        otherId: outgoing ? relationship.toId : relationship.fromId,
        relationship,
      };
    },
    order: (a, b) => bySlug(a.relationship.type, b.relationship.type) || bySlug(a.relationship.id, b.relationship.id),
  }),
  // Keys are "<depth>:<slug>", depth 1-3.
  neighbours: lookup<Neighbour, true>({
    cypher: `UNWIND $neighbours AS key
      WITH key, toInteger(split(key, ':')[0]) AS depth, substring(key, size(split(key, ':')[0]) + 1) AS entityId
      MATCH (e:Entity {id: entityId})
      MATCH p = (e)-[:${ENTITY_RELATIONSHIP_TYPES}]-{1,3}(n:Entity)
      WHERE n <> e AND length(p) <= depth
      WITH key, entityId, n, min(length(p)) AS distance
      RETURN 'neighbours' AS kind, key, {entityId: entityId, neighbourId: n.id, distance: distance} AS value`,
    many: true,
    map: (value) => ({ entityId: String(value.entityId), neighbourId: String(value.neighbourId), distance: Number(value.distance) }),
    order: (a, b) => a.distance - b.distance || bySlug(a.neighbourId, b.neighbourId),
  }),
  // People holding a role in the keyed country/organization or in one of its parts.
  officials: lookup<OfficialRow, true>({
    cypher: `UNWIND $officials AS key
      MATCH (org:Entity {id: key})
      MATCH (body:Entity)-[:PART_OF]->{0,3}(org)
      MATCH (p:Person)-[r:HOLDS_ROLE]->(body)
      WITH DISTINCT key, p, body, r
      RETURN 'officials' AS kind, key, {orgId: key, personId: p.id, bodyId: body.id, props: properties(r)} AS value`,
    many: true,
    map: (value) => {
      const relationship = relationshipFrom(value.props as Props, 'HOLDS_ROLE', String(value.personId), String(value.bodyId));
      return { orgId: String(value.orgId), personId: String(value.personId), bodyId: String(value.bodyId), role: relationship.role, relationship };
    },
    order: (a, b) => bySlug(a.personId, b.personId) || bySlug(a.bodyId, b.bodyId),
  }),
};
