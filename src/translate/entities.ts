// Translation of what a selection asks about an entity: its properties, relationships, statements,
// mentions, and the lists only some kinds have (a country's officials, a person's roles...).
import type { SelectionSetNode } from 'graphql';
import type { EntityEdge } from '../graph/entities.js';
import { connectionFromRaw, rowsToFetch } from '../graph/paging.js';
import { ENTITY_RELATIONSHIP_TYPES, MAX_LINKS } from '../graph/projections.js';
import { entityFrom, parseRelationshipType, relationshipFrom, type EntityRecord, type StatementRecord } from '../graph/records.js';
import { RELATIONSHIP_TYPES } from '../seed/format.js';
import {
  dateProps,
  evidenceByIds,
  evidenceList,
  firstOf,
  listOf,
  pageOf,
  preloadFields,
  Tuple,
  withPreloads,
  withProperties,
  type Compilation,
  type Projection,
  type PropertyTable,
  type Rule,
} from './core.js';
import { asksNextPage, collectFields, selectionsAt, type FieldRequest } from './selection.js';
import { statementProjection } from './statements.js';

const ENTITY_PROPERTIES: PropertyTable = {
  // kind decides the GraphQL type of an Entity.
  always: ['id', 'kind'],
  byField: {
    name: ['name'],
    aliases: ['aliases'],
    aliasDetails: ['aliases', 'statedAliases'],
    description: ['description'],
    background: ['background'],
    organizationType: ['orgType'],
    status: ['eventStatus'],
    date: dateProps('date'),
  },
};

const RELATIONSHIP_PROPERTIES: PropertyTable = {
  // The id places the relationship in its list (cursors); the resolvers read the rest.
  always: ['id'],
  byField: {
    role: ['role'],
    basis: ['basis'],
    note: ['note'],
    since: dateProps('since'),
    claim: ['claimId'],
    evidence: ['evidenceIds'],
    source: ['sourceId'],
    slug: ['id'],
  },
};

const ROLE_PROPERTIES: PropertyTable = {
  always: ['id'],
  byField: { title: ['role'], basis: ['basis'], note: ['note'], evidence: ['evidenceIds'] },
};

const byTypeAndId = (edge: EntityEdge) => ({ key: edge.relationship.type, id: edge.relationship.id });
const byOrderKey = (statement: StatementRecord) => ({ key: statement.orderKey, id: statement.id });

/** EntityRelationship fields preloaded, over relationship `r` with `other` at its far end. */
export function edgeRules(other: string, r: string): Record<string, Rule> {
  return {
    other: (c, _node, field) => entityProjection(c, other, field.selections),
    evidence: (c) => evidenceByIds(c, `${r}.evidenceIds`),
  };
}

/** An entity's relationships as a connection: a page in (type, id) order, filtered as asked. */
const relationships: Rule = (c, node, field) => {
  const page = pageOf(field.args);
  if (!page) return null;
  const requested = Array.isArray(field.args.types) && field.args.types.length > 0 ? new Set(field.args.types as string[]) : null;
  const basis = Array.isArray(field.args.basis) && field.args.basis.length > 0 ? c.param(field.args.basis) : null;
  const direction = field.args.direction === 'OUTGOING' || field.args.direction === 'INCOMING' ? field.args.direction : null;
  // A retracted relationship is a RETRACTED one that keeps its type as a property: shown only when asked.
  const withRetracted = field.args.includeRetracted === true;
  const arrow = (r: string, other: string, type: string) =>
    direction === 'OUTGOING'
      ? `(${node})-[${r}:${type}]->(${other})`
      : direction === 'INCOMING'
        ? `(${node})<-[${r}:${type}]-(${other})`
        : `(${node})-[${r}:${type}]-(${other})`;
  // The types in order, each read only while the page is not full: a hub's page reads its first
  // types' relationships, not all of them. The types come from this code's list (the argument only
  // selects among them), never from input text.
  const types = [...RELATIONSHIP_TYPES]
    .sort()
    .filter((type) => (!requested || requested.has(type)) && (!page.position || type >= page.position.key));
  const rows = c.count(rowsToFetch(page.first, asksNextPage(c.source, field.selections, 'EntityRelationshipsConnection')));
  const afterId = page.position ? c.param(page.position.id) : null;
  const r = c.variable('r');
  const other = c.variable('o');
  let accumulated = c.variable('acc');
  const steps = [`WITH ${node}, [] AS ${accumulated}`];
  for (const type of types) {
    const [stepR, stepOther, next] = [c.variable('r'), c.variable('o'), c.variable('acc')];
    const conditions = [
      ...(withRetracted ? [`coalesce(${stepR}.type, type(${stepR})) = '${type}'`] : []),
      ...(basis ? [`${stepR}.basis IN ${basis}`] : []),
      ...(afterId && type === page.position?.key ? [`${stepR}.id > ${afterId}`] : []),
    ];
    // CASE is lazy: a type is not read once the page is full. (collect() would be refused here, an
    // aggregation inside a projection's subquery.)
    steps.push(`WITH ${node}, ${accumulated} + CASE WHEN size(${accumulated}) < ${rows} THEN COLLECT {
          MATCH ${arrow(stepR, stepOther, withRetracted ? `${type}|RETRACTED` : type)}${conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : ''}
          WITH ${stepR}, ${stepOther} ORDER BY ${stepR}.id LIMIT ${rows}
          RETURN [${stepR}, ${stepOther}] } ELSE [] END AS ${next}`);
    accumulated = next;
  }
  const item = c.variable('x');
  const edgeSelections = selectionsAt(
    c.source,
    field.selections,
    ['EntityRelationshipsConnection', 'EntityRelationshipsConnectionEdge'],
    ['edges', 'node'],
  );
  const preloads = preloadFields(c, r, edgeSelections, 'EntityRelationship', edgeRules(other, r));
  const edge = new Tuple();
  edge.add('outgoing', `startNode(${r}) = ${node}`);
  edge.add('type', `coalesce(${r}.type, type(${r}))`);
  edge.add('retracted', `type(${r}) = 'RETRACTED'`);
  edge.add('otherId', `${other}.id`);
  const propertiesOf = withProperties(edge, r, RELATIONSHIP_PROPERTIES, preloads.unresolved);
  const attach = withPreloads(edge, preloads.entries);
  const withTotal = collectFields(c.source, field.selections, 'EntityRelationshipsConnection').some((f) => f.name === 'totalCount');
  const counted = c.variable('r');
  const countConditions = [
    ...(requested ? [`coalesce(${counted}.type, type(${counted})) IN ${c.param([...requested])}`] : []),
    ...(basis ? [`${counted}.basis IN ${basis}`] : []),
  ];
  const total = withTotal
    ? `COUNT { MATCH ${arrow(counted, '', withRetracted ? `${ENTITY_RELATIONSHIP_TYPES}|RETRACTED` : ENTITY_RELATIONSHIP_TYPES)}${countConditions.length > 0 ? ` WHERE ${countConditions.join(' AND ')}` : ''} }`
    : 'null';
  // The entity's id once, not per row: with each row's direction and far end it gives both ends.
  const cypher = `[${node}.id, COLLECT {
      ${steps.join('\n      ')}
      UNWIND ${accumulated}[..${rows}] AS ${item}
      WITH ${node}, ${item}[0] AS ${r}, ${item}[1] AS ${other}
      RETURN ${edge.cypher} AS ${c.variable('x')} }, ${total}]`;
  return {
    cypher,
    read: (raw) => {
      const [entityId, rowsRead, totalRead] = (raw ?? []) as [string, unknown[] | null, number | null];
      const readEdge = (value: unknown): EntityEdge => {
        const outgoing = edge.get(value, 'outgoing') === true;
        const otherId = String(edge.get(value, 'otherId'));
        const relationship = relationshipFrom(
          propertiesOf(value),
          parseRelationshipType(edge.get(value, 'type')),
          outgoing ? entityId : otherId,
          outgoing ? otherId : entityId,
          edge.get(value, 'retracted') === true,
        );
        return attach({ entityId, direction: outgoing ? 'OUTGOING' : 'INCOMING', otherId, relationship }, value);
      };
      return connectionFromRaw({ rows: rowsRead, total: totalRead }, page.first, page.after, readEdge, byTypeAndId);
    },
  };
};

/** A connection of the statements linked to an entity by `pattern` (binding the statement variable). */
function statementConnection(pattern: (node: string, statement: string) => string, connectionType: string): Rule {
  return (c, node, field) => {
    const page = pageOf(field.args);
    if (!page) return null;
    const st = c.variable('st');
    // The order key places each statement in the connection (its cursor).
    const child = statementProjection(
      c,
      st,
      selectionsAt(c.source, field.selections, [connectionType, `${connectionType}Edge`], ['edges', 'node']),
      ['orderKey'],
    );
    const withTotal = collectFields(c.source, field.selections, connectionType).some((f) => f.name === 'totalCount');
    const counted = c.variable('st');
    const cypher = `[COLLECT { MATCH ${pattern(node, st)} WHERE ${st}.orderKey > ${c.param(page.position?.key ?? '')}
        WITH ${st} ORDER BY ${st}.orderKey LIMIT ${c.count(rowsToFetch(page.first, asksNextPage(c.source, field.selections, connectionType)))} RETURN ${child.cypher} AS ${c.variable('x')} },
      ${withTotal ? `COUNT { MATCH ${pattern(node, counted)} }` : 'null'}]`;
    return {
      cypher,
      read: (raw) => {
        const [rows, total] = (raw ?? []) as [unknown[] | null, number | null];
        return connectionFromRaw({ rows, total }, page.first, page.after, (row) => child.read(row), byOrderKey);
      },
    };
  };
}

const mentions: Rule = (c, node, field) => {
  const first = firstOf(field.args);
  if (first === null) return null;
  return evidenceList(
    c,
    (ev) =>
      `MATCH (${node})-[:MENTIONED_IN]->(${ev}:Evidence) WITH ${ev} ORDER BY ${ev}.sourceId, ${ev}.start, ${ev}.end LIMIT ${c.count(first)}`,
  );
};

/** Fields every kind of entity has. */
export const ENTITY_RULES: Record<string, Rule> = {
  relationships,
  statements: statementConnection((e, st) => `(${e})-[:SAID]->(${st}:Statement)`, 'EntityStatementsConnection'),
  statementsAbout: statementConnection((e, st) => `(${st}:Statement)-[:ABOUT]->(${e})`, 'EntityStatementsAboutConnection'),
  statementsVia: statementConnection((e, st) => `(${st}:Statement)-[:VIA]->(${e})`, 'EntityStatementsViaConnection'),
  mentions,
};

/**
 * The entities at the other end of the first `first` relationships of one type (by relationship id),
 * each once, in the order first met: what the kind-specific lists (parts, allies...) return.
 */
function related(type: string, direction?: 'OUTGOING' | 'INCOMING'): Rule {
  return (c, e, field) => {
    const first = firstOf(field.args);
    if (first === null) return null;
    const r = c.variable('r');
    const other = c.variable('o');
    const pattern =
      direction === 'OUTGOING'
        ? `(${e})-[${r}:${type}]->(${other})`
        : direction === 'INCOMING'
          ? `(${e})<-[${r}:${type}]-(${other})`
          : `(${e})-[${r}:${type}]-(${other})`;
    const child = entityProjection(c, other, field.selections);
    // DISTINCT keeps each entity where it is first met (an aggregation would be refused inside a projection).
    return listOf(
      `COLLECT { MATCH ${pattern} WITH ${r}, ${other} ORDER BY ${r}.id LIMIT ${c.count(first)} WITH DISTINCT ${other} RETURN ${child.cypher} AS ${c.variable('x')} }`,
      child,
    );
  };
}

/** Role fields over HOLDS_ROLE `r` from `person` to `body`. */
export function roleRules(person: string, body: string, r: string): Record<string, Rule> {
  return {
    person: (c, _node, field) => entityProjection(c, person, field.selections, 'Person'),
    body: (c, _node, field) => entityProjection(c, body, field.selections),
    evidence: (c) => evidenceByIds(c, `${r}.evidenceIds`),
  };
}

/** Roles matched by `match` (binding person, body and role), ordered by person, body and role. */
function roleList(c: Compilation, field: FieldRequest, match: (person: string, body: string, r: string) => string): Projection | null {
  const first = firstOf(field.args);
  if (first === null) return null;
  const [person, body, r] = [c.variable('p'), c.variable('b'), c.variable('h')];
  const preloads = preloadFields(c, r, field.selections, 'Role', roleRules(person, body, r));
  const role = new Tuple();
  role.add('personId', `${person}.id`);
  role.add('bodyId', `${body}.id`);
  const propertiesOf = withProperties(role, r, ROLE_PROPERTIES, preloads.unresolved);
  const attach = withPreloads(role, preloads.entries);
  const read = (value: unknown) => {
    const personId = String(role.get(value, 'personId'));
    const bodyId = String(role.get(value, 'bodyId'));
    return attach({ personId, bodyId, relationship: relationshipFrom(propertiesOf(value), 'HOLDS_ROLE', personId, bodyId) }, value);
  };
  return listOf(
    `COLLECT { ${match(person, body, r)} WITH DISTINCT ${person}, ${body}, ${r} ORDER BY ${person}.id, ${body}.id, ${r}.id LIMIT ${c.count(first)}
      RETURN ${role.cypher} AS ${c.variable('x')} }`,
    { cypher: '', read },
  );
}

const officials: Rule = (c, e, field) =>
  roleList(
    c,
    field,
    (person, body, r) => `MATCH (${body}:Entity)-[:PART_OF]->{0,3}(${e}) MATCH (${person}:Person)-[${r}:HOLDS_ROLE]->(${body})`,
  );

/** Fields only some kinds of entity have. */
export const KIND_RULES: Record<string, Record<string, Rule>> = {
  Country: {
    parts: related('PART_OF', 'INCOMING'),
    agreements: related('PARTY_TO', 'OUTGOING'),
    allies: related('ALLIED_WITH'),
    atWarWith: related('AT_WAR_WITH'),
    events: related('INVOLVED_IN', 'OUTGOING'),
    officials,
  },
  Person: {
    roles: (c, e, field) =>
      roleList(c, field, (person, body, r) => `MATCH (${e})-[${r}:HOLDS_ROLE]->(${body}) WITH ${e} AS ${person}, ${body}, ${r}`),
  },
  Organization: { partOf: related('PART_OF', 'OUTGOING'), members: related('PART_OF', 'INCOMING'), officials },
  Agreement: { parties: related('PARTY_TO', 'INCOMING') },
  Event: { participants: related('INVOLVED_IN', 'INCOMING'), locations: related('LOCATED_IN', 'OUTGOING') },
};

/**
 * Preloads for fields asked under `... on <Kind>` on an entity whose kind is only known when it is
 * read: each is computed only for nodes with that label, and read back by the kind it was for.
 */
function kindPreloads(c: Compilation, e: string, selections: SelectionSetNode[], known: Set<string>): [string, Projection][] {
  const byKey = new Map<string, [string, Projection][]>();
  for (const [kind, rules] of Object.entries(KIND_RULES)) {
    for (const field of collectFields(c.source, selections, kind)) {
      const rule = rules[field.name];
      if (!rule || known.has(field.responseKey)) continue;
      const projection = rule(c, e, field);
      if (projection) byKey.set(field.responseKey, [...(byKey.get(field.responseKey) ?? []), [kind, projection]]);
    }
  }
  return [...byKey.entries()].map(([key, variants]) => {
    const cases = variants.map(([kind, projection]) => `WHEN ${e}:${kind} THEN ['${kind}', ${projection.cypher}]`).join(' ');
    const readers = new Map(variants);
    const read = (raw: unknown) => {
      if (raw == null) return undefined;
      const [kind, value] = raw as [string, unknown];
      return readers.get(kind)?.read(value);
    };
    return [key, { cypher: `CASE ${cases} END`, read }];
  });
}

/**
 * An entity (node variable `e`) with what the selection asks for under it preloaded. `typeName`
 * is the entity type the field declares (the `Entity` interface, unless it names a kind).
 */
export function entityProjection(
  c: Compilation,
  e: string,
  selections: SelectionSetNode[],
  typeName = 'Entity',
  extraProperties: readonly string[] = [],
): Projection<EntityRecord> {
  const preloads = preloadFields(c, e, selections, typeName, { ...ENTITY_RULES, ...KIND_RULES[typeName] });
  const entries =
    typeName === 'Entity'
      ? [...preloads.entries, ...kindPreloads(c, e, selections, new Set(preloads.entries.map(([key]) => key)))]
      : preloads.entries;
  // Fields asked under `... on <Kind>` read properties too (an event's date, an organization's type).
  const kindFields =
    typeName === 'Entity'
      ? Object.keys(KIND_RULES).flatMap((kind) => collectFields(c.source, selections, kind).map((field) => field.name))
      : [];
  const tuple = new Tuple();
  const propertiesOf = withProperties(tuple, e, ENTITY_PROPERTIES, [...preloads.unresolved, ...kindFields], extraProperties);
  const attach = withPreloads(tuple, entries);
  return { cypher: tuple.cypher, read: (raw) => attach(entityFrom(propertiesOf(raw)), raw) };
}

/** Entities at the end of `pattern` (binding `other`), ordered by slug: a statement's speakers, a claim's subjects. */
export function entityList(c: Compilation, pattern: (other: string) => string, field: FieldRequest, single = false): Projection {
  const other = c.variable('n');
  const child = entityProjection(c, other, field.selections);
  const list = `COLLECT { MATCH ${pattern(other)} WITH DISTINCT ${other} ORDER BY ${other}.id LIMIT ${single ? 1 : MAX_LINKS} RETURN ${child.cypher} AS ${c.variable('x')} }`;
  return single ? { cypher: `head(${list})`, read: (raw) => (raw == null ? null : child.read(raw)) } : listOf(list, child);
}
