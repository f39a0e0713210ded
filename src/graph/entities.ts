import { EVIDENCE_MAP } from './evidence.js';
import type { GraphExecutor } from './executor.js';
import { lookup } from './lookup.js';
import { entityCandidates, pickEntity } from './names.js';
import { readListPage, type Page, type PageRequest, type RowProjection } from './paging.js';
import { ENTITY_MAP, ENTITY_RELATIONSHIP_TYPES } from './projections.js';
import {
  entityRecordFrom,
  evidenceFrom,
  mapFrom,
  parseRelationshipType,
  relationshipFrom,
  type EntityRecord,
  type RelationshipRecord,
} from './records.js';

/**
 * Finds an entity by id, or by exact name or alias (case-insensitive); each branch index-backed. Failing
 * those, the only entity whose name or an alias contains the words (see names.ts); null when none or several do.
 */
export async function findEntity(
  executor: GraphExecutor,
  idOrName: string,
  projection?: RowProjection<EntityRecord>,
): Promise<EntityRecord | null> {
  const rows = await executor.readRows<{ entity: unknown }>(
    `CALL () {
       MATCH (e:Entity {id: $value}) RETURN e, 0 AS rank
       UNION
       MATCH (e:Entity {nameLower: $lower}) RETURN e, 1 AS rank
       UNION
       // The text index finds candidates containing the words; the alias must then match exactly.
       MATCH (e:Entity) WHERE e.searchText CONTAINS $lower AND any(a IN e.aliases WHERE toLower(a) = $lower) RETURN e, 2 AS rank
     }
     WITH e, min(rank) AS rank ORDER BY rank, e.id LIMIT 1
     RETURN ${projection?.cypher ?? ENTITY_MAP} AS entity`,
    { ...projection?.params, value: idOrName, lower: idOrName.toLowerCase() },
  );
  const row = rows[0];
  if (row) return projection ? projection.read(row.entity) : entityRecordFrom(row.entity);
  // No exact match: the one entity whose name or an alias contains the words ("Putin"), if only one does.
  const picked = pickEntity((await entityCandidates(executor, [idOrName])).get(idOrName) ?? []);
  if (picked === null || 'ambiguous' in picked) return null;
  if (projection) return readEntity(executor, picked.id, projection);
  const [found] = await executor.readRows<{ entity: unknown }>(`MATCH (e:Entity {id: $id}) RETURN ${ENTITY_MAP} AS entity`, {
    id: picked.id,
  });
  return found ? entityRecordFrom(found.entity) : null;
}

/** One entity by slug, projected as the request's selection asks (one round-trip, nested lists included). */
export async function readEntity(
  executor: GraphExecutor,
  id: string,
  projection: RowProjection<EntityRecord>,
): Promise<EntityRecord | null> {
  const [row] = await executor.readRows<{ entity: unknown }>(`MATCH (e:Entity {id: $id}) RETURN ${projection.cypher} AS entity`, {
    ...projection.params,
    id,
  });
  return row ? projection.read(row.entity) : null;
}

/** Filters for the entity list. */
export interface EntityFilter {
  kinds?: string[] | null;
  nameContains?: string | null;
  relatedCountryId?: string | null;
}

export type EntityOrder = 'NAME' | 'ID';

/** The entity list's filters as Cypher (binds `e`): where it starts, what must hold, and the parameters. */
export function entityQuery(filter: EntityFilter): {
  match: string;
  conditions: string[];
  distinct: boolean;
  params: Record<string, unknown>;
  entityIds: string[];
} {
  const kinds = filter.kinds && filter.kinds.length > 0 ? filter.kinds : null;
  const conditions: string[] = [];
  let match = 'MATCH (e:Entity)';
  let distinct = false;
  if (filter.relatedCountryId) {
    // "Related to a country": the country itself, anything linked to it, or linked to something linked to it.
    match = `MATCH (:Country {id: $country})-[:${ENTITY_RELATIONSHIP_TYPES}]-{0,2}(e:Entity)`;
    distinct = true;
  }
  if (filter.nameContains) {
    conditions.push('e.searchText CONTAINS $text');
    // Hinted as for claims: the text index finds the few matches; the name-order index would scan them all.
    if (!filter.relatedCountryId) match = 'MATCH (e:Entity) USING TEXT INDEX e:Entity(searchText)';
  }
  if (kinds) conditions.push('e.kind IN $kinds');
  return {
    match,
    conditions,
    distinct,
    entityIds: filter.relatedCountryId ? [filter.relatedCountryId] : [],
    params: { kinds, text: filter.nameContains?.toLowerCase() ?? null, country: filter.relatedCountryId ?? null },
  };
}

/** One page of entities ordered by name (case-insensitive) or slug, with the total when asked; one round-trip. */
export async function listEntities(
  executor: GraphExecutor,
  filter: EntityFilter,
  order: EntityOrder,
  page: PageRequest,
  projection?: RowProjection<EntityRecord>,
): Promise<Page<EntityRecord>> {
  const query = entityQuery(filter);
  return readListPage(
    executor,
    {
      match: query.match,
      variable: 'e',
      conditions: query.conditions,
      orderKey: order === 'NAME' ? 'e.nameOrder' : 'e.id',
      projection: projection?.cypher ?? ENTITY_MAP,
      distinct: query.distinct,
      entityIds: query.entityIds,
    },
    { ...projection?.params, ...query.params },
    page,
    projection ? (raw: unknown) => projection.read(raw) : entityRecordFrom,
  );
}

/** An entity relationship seen from one end. */
export interface EntityEdge {
  entityId: string;
  direction: 'OUTGOING' | 'INCOMING';
  otherId: string;
  relationship: RelationshipRecord;
}

/** One page of an entity's relationships, in (type, id) order, with the total when asked for. */
export interface EdgePage {
  /** Up to the batch's largest `first` + 1 rows: the caller cuts its own page and learns whether more follow. */
  rows: EntityEdge[];
  total: number | null;
}

/** Which of an entity's relationships, and which page of them. */
export interface RelationshipArgs {
  types: readonly string[] | null;
  direction: 'OUTGOING' | 'INCOMING' | null;
  basis: readonly string[] | null;
  /** Also list relationships an analyst retracted (default: no). */
  includeRetracted?: boolean;
  first: number;
  /** Keyset position (relationship type, relationship id) to continue after. */
  afterKey: string | null;
  afterId: string | null;
  /** Count every match (costs a scan of the entity's relationships): only when totalCount is selected. */
  withTotal: boolean;
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

// A retracted relationship is a RETRACTED one that keeps its type as a property.
const RELATIONSHIP_FILTER = `(req.includeRetracted = true OR type(r) <> 'RETRACTED')
      AND (req.types IS NULL OR coalesce(r.type, type(r)) IN req.types)
      AND (req.direction IS NULL OR (startNode(r) = e) = (req.direction = 'OUTGOING'))
      AND (req.basis IS NULL OR r.basis IN req.basis)`;

function edgeFrom(raw: unknown): EntityEdge {
  const value = mapFrom(raw, 'relationship');
  const outgoing = value.outgoing === true;
  const relationship = relationshipFrom(
    mapFrom(value.props, 'relationship'),
    parseRelationshipType(value.type),
    String(value.fromId),
    String(value.toId),
    value.retracted === true,
  );
  return {
    entityId: String(value.entityId),
    direction: outgoing ? 'OUTGOING' : 'INCOMING',
    otherId: outgoing ? relationship.toId : relationship.fromId,
    relationship,
  };
}

/** Batched lookups of entities and what hangs off them; every list is cut to the page asked for in Cypher. */
export const ENTITY_LOOKUPS = {
  entity: lookup()({
    cypher: `MATCH (e:Entity {id: req.id}) RETURN 'entity' AS kind, req.key AS key, ${ENTITY_MAP} AS value`,
    many: false,
    map: entityRecordFrom,
  }),
  mentions: lookup<{ first: number }>()({
    cypher: `MATCH (e:Entity {id: req.id})
      CALL (e) { MATCH (e)-[:MENTIONED_IN]->(ev:Evidence) RETURN ev ORDER BY ev.sourceId, ev.start, ev.end LIMIT $mentionsLimit }
      RETURN 'mentions' AS kind, req.key AS key, ${EVIDENCE_MAP} AS value`,
    many: true,
    map: evidenceFrom,
    order: (a, b) => bySlug(a.sourceId, b.sourceId) || a.start - b.start || a.end - b.end,
    rowsFor: (args) => args.first,
  }),
  relationships: lookup<RelationshipArgs>()({
    cypher: `MATCH (e:Entity {id: req.id})
      CALL (e, req) {
        MATCH (e)-[r:${ENTITY_RELATIONSHIP_TYPES}|RETRACTED]-()
        WHERE ${RELATIONSHIP_FILTER}
          AND (req.afterKey IS NULL OR coalesce(r.type, type(r)) > req.afterKey OR (coalesce(r.type, type(r)) = req.afterKey AND r.id > req.afterId))
        WITH e, r ORDER BY coalesce(r.type, type(r)), r.id LIMIT $relationshipsLimit
        RETURN collect({entityId: e.id, outgoing: startNode(r) = e, type: coalesce(r.type, type(r)), retracted: type(r) = 'RETRACTED', fromId: startNode(r).id, toId: endNode(r).id, props: properties(r)}) AS rows
      }
      RETURN 'relationships' AS kind, req.key AS key,
             {rows: rows, total: CASE WHEN req.withTotal THEN COUNT { MATCH (e)-[r:${ENTITY_RELATIONSHIP_TYPES}|RETRACTED]-() WHERE ${RELATIONSHIP_FILTER} } END} AS value`,
    many: false,
    map: (value): EdgePage => ({
      rows: (Array.isArray(value.rows) ? value.rows : []).map(edgeFrom),
      total: typeof value.total === 'number' ? value.total : null,
    }),
    rowsFor: (args) => args.first + 1,
  }),
  neighbours: lookup<{ depth: number; first: number }>()({
    cypher: `MATCH (e:Entity {id: req.id})
      CALL (e, req) {
        MATCH p = (e)-[:${ENTITY_RELATIONSHIP_TYPES}]-{1,3}(n:Entity)
        WHERE n <> e AND length(p) <= req.depth
        WITH n, min(length(p)) AS distance
        ORDER BY distance, n.id LIMIT $neighboursLimit
        RETURN n, distance
      }
      RETURN 'neighbours' AS kind, req.key AS key, {entityId: e.id, neighbourId: n.id, distance: distance} AS value`,
    many: true,
    map: (value) => ({ entityId: String(value.entityId), neighbourId: String(value.neighbourId), distance: Number(value.distance) }),
    order: (a, b) => a.distance - b.distance || bySlug(a.neighbourId, b.neighbourId),
    rowsFor: (args) => args.first,
  }),
  // People holding a role in the requested country/organization or in one of its parts.
  officials: lookup<{ first: number }>()({
    cypher: `MATCH (org:Entity {id: req.id})
      CALL (org) {
        MATCH (body:Entity)-[:PART_OF]->{0,3}(org)
        MATCH (p:Person)-[r:HOLDS_ROLE]->(body)
        WITH DISTINCT p, body, r ORDER BY p.id, body.id, r.id LIMIT $officialsLimit
        RETURN p, body, r
      }
      RETURN 'officials' AS kind, req.key AS key, {orgId: org.id, personId: p.id, bodyId: body.id, props: properties(r)} AS value`,
    many: true,
    map: (value) => {
      const relationship = relationshipFrom(
        mapFrom(value.props, 'relationship'),
        'HOLDS_ROLE',
        String(value.personId),
        String(value.bodyId),
      );
      return {
        orgId: String(value.orgId),
        personId: String(value.personId),
        bodyId: String(value.bodyId),
        role: relationship.role,
        relationship,
      };
    },
    order: (a, b) => bySlug(a.personId, b.personId) || bySlug(a.bodyId, b.bodyId) || bySlug(a.relationship.id, b.relationship.id),
    rowsFor: (args) => args.first,
  }),
};
