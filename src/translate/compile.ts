// Translation of a GraphQL selection into one Cypher projection: every nested list or object the
// selection asks for (relationships, statements, speakers, stances, claims, evidence...) is fetched
// by a COLLECT subquery inside the parent's projection, cut to its page in Cypher, and handed to
// its resolver as preloaded (see preload.ts). A field this module does not translate is resolved as
// before, through the request's batch loader. All Cypher text here is fixed by this code; values are
// parameters.
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { Integer } from 'neo4j-driver';
import { int } from '../graph/executor.js';
import { connectionFromRows, decodeCursor, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Position, type RowProjection } from '../graph/paging.js';
import { CLAIM_LINKS, ENTITY_RELATIONSHIP_TYPES, MAX_LINKS, STATEMENT_LINKS } from '../graph/projections.js';
import { RELATIONSHIP_TYPES } from '../seed/format.js';
import { claimFrom, entityFrom, relationshipFrom, statementFrom, type ClaimRecord, type EntityRecord, type EvidenceRecord, type StanceRecord, type StatementRecord } from '../graph/records.js';
import type { EntityEdge } from '../graph/entities.js';
import type { PathProjections, PathRecord } from '../graph/paths.js';
import { attachPreloads } from './preload.js';
import { collectFields, fieldSelections, selectionsAt, type FieldRequest, type SelectionSource } from './selection.js';
import type { SelectionSetNode } from 'graphql';

type Raw = Record<string, unknown>;

/** A Cypher expression and how to read its value back into what a resolver returns. */
export interface Projection<T = unknown> {
  cypher: string;
  read(raw: unknown): T;
}

/** One translation: its parameters and fresh variable names. */
export class Compilation {
  readonly params: Record<string, unknown> = {};
  private counter = 0;

  constructor(
    readonly source: SelectionSource,
    /** Prefix of the parameters' names, so that projections compiled apart can share a query. */
    private readonly prefix = 'sel',
  ) {}

  /** A parameter holding `value`; returns its reference (`$sel3`). */
  param(value: unknown): string {
    const name = `${this.prefix}${this.counter++}`;
    this.params[name] = value;
    return `$${name}`;
  }

  /** A variable name not used elsewhere in the query. */
  variable(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }
}

type Rule = (c: Compilation, node: string, field: FieldRequest) => Projection | null;

/** Reads a `preload` map of a projection back, by response key. */
function preloadsOf(entries: [string, Projection][], raw: unknown): Map<string, unknown> {
  const values = ((raw as Raw | null)?.preload ?? {}) as Raw;
  return new Map(entries.map(([key, projection]) => [key, projection.read(values[key])]));
}

function preloadCypher(entries: [string, Projection][]): string {
  return entries.length === 0 ? '' : `, preload: {${entries.map(([key, projection]) => `\`${key}\`: ${projection.cypher}`).join(', ')}}`;
}

/** The preloads a type's rules give for the fields selected on it; the names of the fields left to loaders. */
function preloadFields(c: Compilation, node: string, selections: SelectionSetNode[], typeName: string, rules: Record<string, Rule>): { entries: [string, Projection][]; unresolved: Set<string> } {
  const entries: [string, Projection][] = [];
  const unresolved = new Set<string>();
  for (const field of collectFields(c.source, selections, typeName)) {
    const rule = rules[field.name];
    const projection = rule ? rule(c, node, field) : null;
    if (projection) entries.push([field.responseKey, projection]);
    else unresolved.add(field.name);
  }
  return { entries, unresolved };
}

/** The stored properties of a date flattened with `prefix` (see dateProperties in graph/seed.ts). */
const dateProps = (prefix: string) => ['Text', 'Year', 'Month', 'Day', 'Precision', 'InferredYear', 'InferredYearBasis', 'Inferred', 'InferenceBasis', 'EvidenceIds', 'SortKey'].map((part) => prefix + part);

/** Node properties by the GraphQL field that reads them (other fields need only what `always` lists). */
interface PropertyTable {
  always: readonly string[];
  byField: Record<string, readonly string[]>;
}

const ENTITY_PROPERTIES: PropertyTable = {
  // kind decides the GraphQL type of an Entity.
  always: ['id', 'kind'],
  byField: { name: ['name'], aliases: ['aliases'], description: ['description'], background: ['background'], organizationType: ['orgType'], status: ['eventStatus'], date: dateProps('date') },
};
const STATEMENT_PROPERTIES: PropertyTable = {
  always: ['id'],
  byField: { summary: ['summary'], quote: ['quote'], quoteEvidence: ['quoteEvidenceId'], citesText: ['citesText'], date: dateProps('date'), source: ['sourceId'] },
};
const CLAIM_PROPERTIES: PropertyTable = {
  always: ['id'],
  byField: { proposition: ['proposition'], topic: ['topic'], quantity: ['measure', 'value', 'unit', 'approximate', 'qualifiers'], source: ['sourceId'] },
};

const RELATIONSHIP_PROPERTIES: PropertyTable = {
  // The id places the relationship in its list (cursors); the resolvers below read the rest.
  always: ['id'],
  byField: { role: ['role'], basis: ['basis'], note: ['note'], since: dateProps('since'), claim: ['claimId'], evidence: ['evidenceIds'], source: ['sourceId'], slug: ['id'] },
};

/** A map projection of only the properties the selected fields read (property reads are what Neo4j's work counts). */
function propertiesOf(node: string, table: PropertyTable, selected: Iterable<string>, extra: readonly string[] = []): string {
  const properties = new Set([...table.always, ...extra]);
  for (const field of selected) for (const property of table.byField[field] ?? []) properties.add(property);
  return `${node} {${[...properties].map((property) => `.${property}`).join(', ')}}`;
}

/** A valid page size, or null (the resolver then reports the error). */
function pageOf(args: Record<string, unknown>): { first: number; position: Position | null; after: string | null } | null {
  if (args.last != null || args.before != null) return null;
  const first = typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) return null;
  const after = typeof args.after === 'string' ? args.after : null;
  try {
    return { first, position: after === null ? null : decodeCursor(after), after };
  } catch (error) {
    if (error instanceof GraphQLError) return null;
    throw error;
  }
}

const limit = (c: Compilation, n: number): string => c.param(int(n) as Integer);

function evidenceList(cypher: string): Projection<EvidenceRecord[]> {
  return { cypher, read: (raw) => ((raw ?? []) as EvidenceRecord[]).map((ev) => ({ id: ev.id, sourceId: ev.sourceId, start: ev.start, end: ev.end, quote: ev.quote })) };
}

/** Evidence by a list of ids (relationships and stances keep their evidence that way), in that order. */
function evidenceByIds(c: Compilation, ids: string): Projection<EvidenceRecord[]> {
  const id = c.variable('eid');
  const ev = c.variable('ev');
  return evidenceList(`COLLECT { UNWIND coalesce(${ids}, []) AS ${id} MATCH (${ev}:Evidence {id: ${id}}) RETURN ${ev} {.*} AS ${c.variable('x')} }`);
}

/** Entities at the end of `pattern` (binding `other`), ordered by slug: a statement's speakers, a claim's subjects. */
function entityList(c: Compilation, pattern: (other: string) => string, field: FieldRequest, single = false): Projection {
  const other = c.variable('n');
  const child = entityProjection(c, other, field.selections);
  const list = `COLLECT { MATCH ${pattern(other)} WITH DISTINCT ${other} ORDER BY ${other}.id LIMIT ${single ? 1 : MAX_LINKS} RETURN ${child.cypher} AS ${c.variable('x')} }`;
  return single
    ? { cypher: `head(${list})`, read: (raw) => (raw == null ? null : child.read(raw)) }
    : { cypher: list, read: (raw) => ((raw ?? []) as unknown[]).map((item) => child.read(item)) };
}

// ---------------------------------------------------------------------------------------------
// Entities

const byTypeAndId = (edge: EntityEdge) => ({ key: edge.relationship.type, id: edge.relationship.id });
const byOrderKey = (statement: StatementRecord) => ({ key: statement.orderKey, id: statement.id });

/** EntityRelationship fields the compiler preloads, over relationship `r` seen from `node` with `other` at its far end. */
function edgeRules(other: string, relationship: string): Record<string, Rule> {
  return {
    other: (c, _node, field) => entityProjection(c, other, field.selections),
    evidence: (c) => evidenceByIds(c, `${relationship}.evidenceIds`),
  };
}

const relationships: Rule = (c, node, field) => {
  const page = pageOf(field.args);
  if (!page) return null;
  const requested = Array.isArray(field.args.types) && field.args.types.length > 0 ? new Set(field.args.types as string[]) : null;
  const basis = Array.isArray(field.args.basis) && field.args.basis.length > 0 ? c.param(field.args.basis) : null;
  const direction = field.args.direction === 'OUTGOING' || field.args.direction === 'INCOMING' ? field.args.direction : null;
  const arrow = (r: string, other: string, type: string) =>
    direction === 'OUTGOING' ? `(${node})-[${r}:${type}]->(${other})` : direction === 'INCOMING' ? `(${node})<-[${r}:${type}]-(${other})` : `(${node})-[${r}:${type}]-(${other})`;
  // The order is (type, id): the types in order, each read only while the page is not full, so a
  // hub's page reads the relationships of its first types, not all of them. The types come from this
  // code's list (the argument only selects among them), never from input text.
  const types = [...RELATIONSHIP_TYPES].sort().filter((type) => (!requested || requested.has(type)) && (!page.position || type >= page.position.key));
  const rows = limit(c, page.first + 1);
  const afterId = page.position ? c.param(page.position.id) : null;
  const r = c.variable('r');
  const other = c.variable('o');
  const accumulators = types.map(() => c.variable('acc'));
  const empty = c.variable('acc');
  const steps = types.map((type, i) => {
    const before = i === 0 ? empty : (accumulators[i - 1] ?? empty);
    const [stepR, stepOther] = [c.variable('r'), c.variable('o')];
    const conditions = [...(basis ? [`${stepR}.basis IN ${basis}`] : []), ...(afterId && type === page.position?.key ? [`${stepR}.id > ${afterId}`] : [])];
    // CASE is lazy: a type's relationships are not read once the page is full. (collect() would be
    // refused here: an aggregation inside a projection's subquery.)
    return `WITH ${node}, ${before} + CASE WHEN size(${before}) < ${rows} THEN COLLECT {
          MATCH ${arrow(stepR, stepOther, type)}${conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : ''}
          WITH ${stepR}, ${stepOther} ORDER BY ${stepR}.id LIMIT ${rows}
          RETURN {r: ${stepR}, o: ${stepOther}} } ELSE [] END AS ${accumulators[i]}`;
  });
  const all = accumulators.at(-1) ?? empty;
  const item = c.variable('x');
  const connection = field.selections;
  const edgeSelections = selectionsAt(c.source, connection, ['EntityRelationshipsConnection', 'EntityRelationshipsConnectionEdge'], ['edges', 'node']);
  const preloads = preloadFields(c, r, edgeSelections, 'EntityRelationship', edgeRules(other, r));
  const withTotal = collectFields(c.source, connection, 'EntityRelationshipsConnection').some((f) => f.name === 'totalCount');
  const counted = c.variable('r');
  const countConditions = [
    ...(requested ? [`type(${counted}) IN ${c.param([...requested])}`] : []),
    ...(basis ? [`${counted}.basis IN ${basis}`] : []),
  ];
  // The entity's id once, not per row: with each row's direction and far end it gives both ends.
  const cypher = `{entityId: ${node}.id, rows: COLLECT {
      WITH ${node}, [] AS ${empty}
      ${steps.join('\n      ')}
      UNWIND ${all}[..${rows}] AS ${item}
      WITH ${node}, ${item}.r AS ${r}, ${item}.o AS ${other}
      RETURN {outgoing: startNode(${r}) = ${node}, type: type(${r}), otherId: ${other}.id,
              props: ${propertiesOf(r, RELATIONSHIP_PROPERTIES, preloads.unresolved)}${preloadCypher(preloads.entries)}} AS ${c.variable('x')} },
    total: ${withTotal ? `COUNT { MATCH ${arrow(counted, '', ENTITY_RELATIONSHIP_TYPES)}${countConditions.length > 0 ? ` WHERE ${countConditions.join(' AND ')}` : ''} }` : 'null'}}`;
  return {
    cypher,
    read: (raw) => {
      const value = (raw ?? {}) as { entityId?: string; rows?: Raw[]; total?: number | null };
      const entityId = String(value.entityId);
      const found = (value.rows ?? []).map((edge): EntityEdge => {
        const outgoing = edge.outgoing === true;
        const otherId = String(edge.otherId);
        const relationship = relationshipFrom(edge.props as Raw, String(edge.type), outgoing ? entityId : otherId, outgoing ? otherId : entityId);
        const record: EntityEdge = { entityId, direction: outgoing ? 'OUTGOING' : 'INCOMING', otherId, relationship };
        return attachPreloads(record, preloadsOf(preloads.entries, edge));
      });
      return connectionFromRows({ rows: found, total: value.total ?? null }, page.first, page.after, byTypeAndId);
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
    const child = statementProjection(c, st, selectionsAt(c.source, field.selections, [connectionType, `${connectionType}Edge`], ['edges', 'node']), ['orderKey']);
    const withTotal = collectFields(c.source, field.selections, connectionType).some((f) => f.name === 'totalCount');
    const counted = c.variable('st');
    const cypher = `{rows: COLLECT { MATCH ${pattern(node, st)} WHERE ${st}.orderKey > ${c.param(page.position?.key ?? '')}
        WITH ${st} ORDER BY ${st}.orderKey LIMIT ${limit(c, page.first + 1)} RETURN ${child.cypher} AS ${c.variable('x')} },
      total: ${withTotal ? `COUNT { MATCH ${pattern(node, counted)} }` : 'null'}}`;
    return {
      cypher,
      read: (raw) => {
        const value = (raw ?? {}) as { rows?: unknown[]; total?: number | null };
        const rows = (value.rows ?? []).map((row) => child.read(row));
        return connectionFromRows({ rows, total: value.total ?? null }, page.first, page.after, byOrderKey);
      },
    };
  };
}

const mentions: Rule = (c, node, field) => {
  const first = typeof field.args.first === 'number' ? field.args.first : DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) return null;
  const ev = c.variable('ev');
  return evidenceList(`COLLECT { MATCH (${node})-[:MENTIONED_IN]->(${ev}:Evidence) WITH ${ev} ORDER BY ${ev}.sourceId, ${ev}.start, ${ev}.end LIMIT ${limit(c, first)} RETURN ${ev} {.*} AS ${c.variable('x')} }`);
};

const ENTITY_RULES: Record<string, Rule> = {
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
    const first = firstOf(field);
    if (first === null) return null;
    const r = c.variable('r');
    const other = c.variable('o');
    const pattern = direction === 'OUTGOING' ? `(${e})-[${r}:${type}]->(${other})` : direction === 'INCOMING' ? `(${e})<-[${r}:${type}]-(${other})` : `(${e})-[${r}:${type}]-(${other})`;
    const child = entityProjection(c, other, field.selections);
    // DISTINCT keeps each entity where it is first met (an aggregation here would be refused inside a projection).
    return {
      cypher: `COLLECT { MATCH ${pattern} WITH ${r}, ${other} ORDER BY ${r}.id LIMIT ${limit(c, first)}
        WITH DISTINCT ${other} RETURN ${child.cypher} AS ${c.variable('x')} }`,
      read: (raw) => ((raw ?? []) as unknown[]).map((item) => child.read(item)),
    };
  };
}

/** Role fields over HOLDS_ROLE `r` from `person` to `body`. */
function roleRules(person: string, body: string, r: string): Record<string, Rule> {
  return {
    person: (c, _node, field) => entityProjection(c, person, field.selections, 'Person'),
    body: (c, _node, field) => entityProjection(c, body, field.selections),
    evidence: (c) => evidenceByIds(c, `${r}.evidenceIds`),
  };
}

/** Roles matched by `match` (binding person, body and role), ordered by person, body and role. */
function roleList(c: Compilation, field: FieldRequest, match: (person: string, body: string, r: string) => string): Projection | null {
  const first = firstOf(field);
  if (first === null) return null;
  const person = c.variable('p');
  const body = c.variable('b');
  const r = c.variable('h');
  const preloads = preloadFields(c, r, field.selections, 'Role', roleRules(person, body, r));
  return {
    cypher: `COLLECT { ${match(person, body, r)} WITH DISTINCT ${person}, ${body}, ${r} ORDER BY ${person}.id, ${body}.id, ${r}.id LIMIT ${limit(c, first)}
      RETURN {personId: ${person}.id, bodyId: ${body}.id, props: properties(${r})${preloadCypher(preloads.entries)}} AS ${c.variable('x')} }`,
    read: (raw) =>
      ((raw ?? []) as Raw[]).map((row) => {
        const personId = String(row.personId);
        const bodyId = String(row.bodyId);
        const role = { personId, bodyId, relationship: relationshipFrom(row.props as Raw, 'HOLDS_ROLE', personId, bodyId) };
        return attachPreloads(role, preloadsOf(preloads.entries, row));
      }),
  };
}

const officials: Rule = (c, e, field) =>
  roleList(c, field, (person, body, r) => `MATCH (${body}:Entity)-[:PART_OF]->{0,3}(${e}) MATCH (${person}:Person)-[${r}:HOLDS_ROLE]->(${body})`);

/** Fields only some kinds of entity have. */
const KIND_RULES: Record<string, Record<string, Rule>> = {
  Country: {
    parts: related('PART_OF', 'INCOMING'),
    agreements: related('PARTY_TO', 'OUTGOING'),
    allies: related('ALLIED_WITH'),
    atWarWith: related('AT_WAR_WITH'),
    events: related('INVOLVED_IN', 'OUTGOING'),
    officials,
  },
  Person: {
    roles: (c, e, field) => roleList(c, field, (person, body, r) => `MATCH (${e})-[${r}:HOLDS_ROLE]->(${body}) WITH ${e} AS ${person}, ${body}, ${r}`),
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
    const cases = variants.map(([kind, projection]) => `WHEN ${e}:${kind} THEN {kind: '${kind}', value: ${projection.cypher}}`).join(' ');
    const readers = new Map(variants);
    return [key, { cypher: `CASE ${cases} END`, read: (raw) => (raw == null ? undefined : readers.get(String((raw as Raw).kind))?.read((raw as Raw).value)) }];
  });
}

/**
 * An entity (node variable `e`) with what the selection asks for under it preloaded. `typeName`
 * is the entity type the field declares (an interface, `Entity`, unless it names a kind).
 */
export function entityProjection(c: Compilation, e: string, selections: SelectionSetNode[], typeName = 'Entity', extraProperties: readonly string[] = []): Projection<EntityRecord> {
  const preloads = preloadFields(c, e, selections, typeName, { ...ENTITY_RULES, ...KIND_RULES[typeName] });
  const entries = typeName === 'Entity' ? [...preloads.entries, ...kindPreloads(c, e, selections, new Set(preloads.entries.map(([key]) => key)))] : preloads.entries;
  // Fields asked under `... on <Kind>` read properties too (an event's date, an organization's type).
  const selected = typeName === 'Entity' ? Object.keys(KIND_RULES).flatMap((kind) => collectFields(c.source, selections, kind).map((field) => field.name)) : [];
  return {
    cypher: `{props: ${propertiesOf(e, ENTITY_PROPERTIES, [...preloads.unresolved, ...selected], extraProperties)}${preloadCypher(entries)}}`,
    read: (raw) => {
      const found = preloadsOf(entries, raw);
      // A kind-specific preload of another kind reads as undefined: leave that field to its resolver.
      for (const [key, value] of found) if (value === undefined) found.delete(key);
      return attachPreloads(entityFrom(((raw as Raw).props ?? {}) as Raw), found);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Statements, stances and claims

/** StanceTaken fields over stance `r` from statement `st` to claim `cl`. */
function stanceRules(st: string, cl: string, r: string): Record<string, Rule> {
  return {
    claim: (c, _node, field) => claimProjection(c, cl, field.selections),
    statement: (c, _node, field) => statementProjection(c, st, field.selections),
    evidence: (c) => evidenceByIds(c, `${r}.evidenceIds`),
  };
}

/**
 * The stances between statement `st` and claim `cl` (one of them the parent's variable, the other
 * bound here), ordered by `order`, cut at `max`; `stance` filters by the stance taken.
 */
function stanceList(c: Compilation, field: FieldRequest, ends: { st: string; cl: string; bind: 'statement' | 'claim' }, order: (st: string, r: string, cl: string) => string, max: number): Projection {
  const { st, cl } = ends;
  const r = c.variable('t');
  const pattern = ends.bind === 'statement' ? `(${st}:Statement)-[${r}:TAKES_STANCE]->(${cl})` : `(${st})-[${r}:TAKES_STANCE]->(${cl}:Claim)`;
  const stance = typeof field.args.stance === 'string' ? ` WHERE ${r}.stance = ${c.param(field.args.stance)}` : '';
  const preloads = preloadFields(c, r, field.selections, 'StanceTaken', stanceRules(st, cl, r));
  return {
    cypher: `COLLECT { MATCH ${pattern}${stance} WITH ${st}, ${r}, ${cl} ORDER BY ${order(st, r, cl)} LIMIT ${limit(c, max)}
      RETURN {statementId: ${st}.id, claimId: ${cl}.id, stance: ${r}.stance${preloads.unresolved.has('evidence') ? `, evidenceIds: ${r}.evidenceIds` : ''}${preloadCypher(preloads.entries)}} AS ${c.variable('x')} }`,
    read: (raw) =>
      ((raw ?? []) as Raw[]).map((row) => {
        const record: StanceRecord = { statementId: String(row.statementId), claimId: String(row.claimId), stance: String(row.stance), evidenceIds: (row.evidenceIds as string[] | null) ?? [] };
        return attachPreloads(record, preloadsOf(preloads.entries, row));
      }),
  };
}

const STATEMENT_RULES: Record<string, Rule> = {
  speakers: (c, st, field) => entityList(c, (sp) => `(${sp}:Entity)-[:SAID]->(${st})`, field),
  about: (c, st, field) => entityList(c, (a) => `(${st})-[:ABOUT]->(${a}:Entity)`, field),
  cites: (c, st, field) => entityList(c, (a) => `(${st})-[:CITES]->(${a}:Entity)`, field),
  via: (c, st, field) => entityList(c, (o) => `(${st})-[:VIA]->(${o}:Entity)`, field, true),
  evidence: (c, st) => {
    const ev = c.variable('ev');
    return evidenceList(`COLLECT { MATCH (${st})-[:EVIDENCED_BY]->(${ev}:Evidence) WITH ${ev} ORDER BY ${ev}.start LIMIT ${MAX_LINKS} RETURN ${ev} {.*} AS ${c.variable('x')} }`);
  },
  stances: (c, st, field) => stanceList(c, field, { st, cl: c.variable('c'), bind: 'claim' }, (_s, r, cl) => `${cl}.id, ${r}.stance`, MAX_LINKS),
};

/** A statement (node variable `st`) with what the selection asks for under it preloaded. */
export function statementProjection(c: Compilation, st: string, selections: SelectionSetNode[], extraProperties: readonly string[] = []): Projection<StatementRecord> {
  const preloads = preloadFields(c, st, selections, 'Statement', STATEMENT_RULES);
  // Link lists only for selected fields left to the loaders (they read ids from the record).
  const links = Object.entries(STATEMENT_LINKS).filter(([field]) => preloads.unresolved.has(field));
  const linkCypher = links.map(([, [key, cypher]]) => `, ${key}: ${cypher(st)}`).join('');
  return {
    cypher: `{props: ${propertiesOf(st, STATEMENT_PROPERTIES, preloads.unresolved, extraProperties)}${linkCypher}${preloadCypher(preloads.entries)}}`,
    read: (raw) => {
      const value = raw as Raw;
      const ids = (key: string) => (value[key] as string[] | undefined) ?? [];
      const record = statementFrom((value.props ?? {}) as Raw, {
        speakerIds: ids('speakerIds'),
        viaId: ids('viaIds')[0] ?? null,
        citedIds: ids('citedIds'),
        aboutIds: ids('aboutIds'),
        evidenceIds: ids('evidenceIds'),
        stances: (value.stances as StanceRecord[] | undefined) ?? [],
      });
      return attachPreloads(record, preloadsOf(preloads.entries, raw));
    },
  };
}

const firstOf = (field: FieldRequest): number | null => {
  const first = typeof field.args.first === 'number' ? field.args.first : DEFAULT_PAGE_SIZE;
  return Number.isInteger(first) && first >= 1 && first <= MAX_PAGE_SIZE ? first : null;
};

const CLAIM_RULES: Record<string, Rule> = {
  about: (c, cl, field) => entityList(c, (a) => `(${cl})-[:ABOUT]->(${a}:Entity)`, field),
  evidence: (c, cl) => {
    const ev = c.variable('ev');
    return evidenceList(`COLLECT { MATCH (${cl})-[:EVIDENCED_BY]->(${ev}:Evidence) WITH ${ev} ORDER BY ${ev}.start LIMIT ${MAX_LINKS} RETURN ${ev} {.*} AS ${c.variable('x')} }`);
  },
  conflictsWith: (c, cl, field) => {
    const first = firstOf(field);
    if (first === null) return null;
    const other = c.variable('k');
    const child = claimProjection(c, other, field.selections);
    return {
      cypher: `COLLECT { MATCH (${cl})-[:CONFLICTS_WITH]-(${other}:Claim) WITH DISTINCT ${other} ORDER BY ${other}.id LIMIT ${limit(c, first)} RETURN ${child.cypher} AS ${c.variable('x')} }`,
      read: (raw) => ((raw ?? []) as unknown[]).map((item) => child.read(item)),
    };
  },
  stances: (c, cl, field) => {
    const first = firstOf(field);
    if (first === null) return null;
    return stanceList(c, field, { st: c.variable('s'), cl, bind: 'statement' }, (s, r) => `${s}.id, ${r}.stance`, first);
  },
};

/** A claim (node variable `cl`) with what the selection asks for under it preloaded. */
export function claimProjection(c: Compilation, cl: string, selections: SelectionSetNode[]): Projection<ClaimRecord> {
  const preloads = preloadFields(c, cl, selections, 'Claim', CLAIM_RULES);
  const links = Object.entries(CLAIM_LINKS).filter(([field]) => preloads.unresolved.has(field));
  const linkCypher = links.map(([, [key, cypher]]) => `, ${key}: ${cypher(cl)}`).join('');
  return {
    cypher: `{props: ${propertiesOf(cl, CLAIM_PROPERTIES, preloads.unresolved)}${linkCypher}${preloadCypher(preloads.entries)}}`,
    read: (raw) => {
      const value = raw as Raw;
      const ids = (key: string) => (value[key] as string[] | undefined) ?? [];
      const record = claimFrom((value.props ?? {}) as Raw, {
        aboutIds: ids('aboutIds'),
        evidenceIds: ids('evidenceIds'),
        conflictIds: ids('conflictIds'),
        stances: (value.stances as StanceRecord[] | undefined) ?? [],
        contested: value.contested === true,
      });
      return attachPreloads(record, preloadsOf(preloads.entries, raw));
    },
  };
}

/** The type-name/field pairs whose values a compiled answer may carry (the preload plugin wraps exactly these). */
export const PRELOADABLE_FIELDS: Record<string, readonly string[]> = {
  Entity: Object.keys(ENTITY_RULES),
  ...Object.fromEntries(Object.entries(KIND_RULES).map(([kind, rules]) => [kind, [...Object.keys(ENTITY_RULES), ...Object.keys(rules)]])),
  Role: Object.keys(roleRules('', '', '')),
  EntityRelationship: Object.keys(edgeRules('', '')),
  Statement: Object.keys(STATEMENT_RULES),
  StanceTaken: Object.keys(stanceRules('', '', '')),
  Path: ['entities'],
  PathHop: ['from', 'to'],
  Claim: Object.keys(CLAIM_RULES),
};

/**
 * The projection of the records a root field returns, compiled from its selection: `variable` is
 * the node variable of the data-access query, `path` leads from the field to the records (e.g. a
 * connection's ['edges', 'node'] through its types).
 */
export function rowProjection<T>(
  info: GraphQLResolveInfo,
  variable: string,
  project: (c: Compilation, node: string, selections: SelectionSetNode[]) => Projection<T>,
  path?: { types: string[]; fields: string[] },
  prefix = 'sel',
): RowProjection<T> {
  const c = new Compilation(info, prefix);
  const selections = path ? selectionsAt(info, fieldSelections(info), path.types, path.fields) : fieldSelections(info);
  const projection = project(c, variable, selections);
  return { cypher: projection.cypher, params: c.params, read: (raw) => projection.read(raw) };
}

/** The selections of a field's sub-field by name, under each of its response keys. */
function subFields(source: SelectionSource, selections: SelectionSetNode[], typeName: string, name: string): FieldRequest[] {
  return collectFields(source, selections, typeName).filter((field) => field.name === name);
}

/**
 * Compiles a `path` field's entities (on the path, and at each hop's ends) and attaches them, once
 * read, as preloads of the Path and PathHop records. Only the first response key of each is compiled.
 */
export function pathProjections(info: GraphQLResolveInfo): { projections: PathProjections; attach(paths: PathRecord[]): PathRecord[] } {
  const selections = fieldSelections(info);
  const entities = subFields(info, selections, 'Path', 'entities')[0];
  const hopSelections = subFields(info, selections, 'Path', 'hops').flatMap((field) => field.selections);
  const from = subFields(info, hopSelections, 'PathHop', 'from')[0];
  const to = subFields(info, hopSelections, 'PathHop', 'to')[0];
  const compile = (field: FieldRequest | undefined, prefix: string) => {
    if (!field) return undefined;
    const c = new Compilation(info, prefix);
    const projection = entityProjection(c, 'n', field.selections);
    return { cypher: projection.cypher, params: c.params, read: (raw: unknown) => projection.read(raw) };
  };
  const projections = { entities: compile(entities, 'pe'), hopFrom: compile(from, 'pf'), hopTo: compile(to, 'pt') };
  return {
    projections,
    attach: (paths) =>
      paths.map((path) => {
        path.hops.forEach((hop, i) => {
          const preloads = new Map<string, unknown>();
          const fromValue = path.projected.froms?.[i];
          const toValue = path.projected.tos?.[i];
          if (from && fromValue) preloads.set(from.responseKey, fromValue);
          if (to && toValue) preloads.set(to.responseKey, toValue);
          attachPreloads(hop, preloads);
        });
        return entities && path.projected.entities ? attachPreloads(path, new Map([[entities.responseKey, path.projected.entities]])) : path;
      }),
  };
}
