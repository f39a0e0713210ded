// Counts and breakdowns for dashboards. Without filters each is read from Neo4j's count store or
// from the tallies every write keeps (tallies.ts): the cost is the number of groups returned. With
// filters, the matching items are counted like the list they summarise, but never more than
// AGGREGATE_SCAN_LIMIT of them: a broader question is refused rather than left to scan the graph.
import { ENTITY_KINDS, type EntityKind, type RelationshipType, type Stance } from '../seed/format.js';
import { claimQuery, type ClaimFilter } from './claims.js';
import { entityQuery, type EntityFilter } from './entities.js';
import { badArgument, UnknownEntities } from './errors.js';
import { int, type GraphExecutor } from './executor.js';
import { MISSING_ENTITIES } from './paging.js';
import { entityMap, ENTITY_RELATIONSHIP_TYPES } from './projections.js';
import { entityRecordFrom, type EntityRecord } from './records.js';
import { statementQuery, type StatementFilter } from './statements.js';
import { DATE_TALLIES, degreeProperty, ENTITY_COUNT, TALLY, tallyId, type DateTallyGroups } from './tallies.js';
import { TIMELINE_STATEMENT_LINKS } from './timeline.js';
import { tallyReads, type ActivityInterval, type DateCount } from './activity.js';

/** Most items a filtered count reads; past it the request is refused with advice to narrow it. */
export const AGGREGATE_SCAN_LIMIT = 10_000;

/**
 * Binds `t` to the tallies of `group` with a count, largest first (ties by key, descending), in the
 * order of the (group, count, key) index: the planner only reads that order when ORDER BY names the group too.
 */
function tallyRanking(group: string): string {
  return `MATCH (t:Tally) USING INDEX t:Tally(group, count, key)
         WHERE t.group = ${group} AND t.count > 0 AND t.key IS NOT NULL
         WITH t ORDER BY t.group DESC, t.count DESC, t.key DESC`;
}

/**
 * Binds `g` to the entities with count property `count` (of kind `kind` when given), largest first,
 * ties by slug descending, in the order of its (count, id) or (kind, count, id) index (see setup.ts).
 * Property names come from tallies.ts, never from input.
 */
function entityRanking(count: string, kind: string | null): string {
  return kind === null
    ? `MATCH (g:Entity) USING INDEX g:Entity(${count}, id) WHERE g.${count} > 0 AND g.id IS NOT NULL
       WITH g ORDER BY g.${count} DESC, g.id DESC`
    : `MATCH (g:Entity) USING INDEX g:Entity(kind, ${count}, id) WHERE g.kind = ${kind} AND g.${count} > 0 AND g.id IS NOT NULL
       WITH g ORDER BY g.kind DESC, g.${count} DESC, g.id DESC`;
}

/** What the graph holds, from the count store and the claims tally. */
export interface Overview {
  entities: number;
  entitiesByKind: { kind: EntityKind; count: number }[];
  statements: number;
  claims: number;
  contestedClaims: number;
  sources: number;
  relationships: number;
}

/** Totals by label and relationship type: each a count-store lookup, so constant time at any size. */
export async function readOverview(executor: GraphExecutor): Promise<Overview> {
  const labelCount = (label: string, name: string) => `CALL () { MATCH (n:${label}) RETURN count(n) AS ${name} }`;
  const types = ENTITY_RELATIONSHIP_TYPES.split('|');
  // Labels and types come from the closed lists of the seed format, never from input.
  const [row] = await executor.readRows<Record<string, number>>(
    `${ENTITY_KINDS.map((kind) => labelCount(kind, kind)).join('\n')}
     ${labelCount('Entity', 'entities')}
     ${labelCount('Statement', 'statements')}
     ${labelCount('Claim', 'claims')}
     ${labelCount('Source', 'sources')}
     ${types.map((type, i) => `CALL () { MATCH ()-[r:${type}]->() RETURN count(r) AS rel${i} }`).join('\n')}
     CALL () { OPTIONAL MATCH (t:Tally {id: $contested}) RETURN coalesce(t.count, 0) AS contestedClaims }
     RETURN *`,
    { contested: tallyId(TALLY.claims, 'contested') },
  );
  const count = (name: string) => row?.[name] ?? 0;
  return {
    entities: count('entities'),
    entitiesByKind: ENTITY_KINDS.map((kind) => ({ kind, count: count(kind) })),
    statements: count('statements'),
    claims: count('claims'),
    contestedClaims: count('contestedClaims'),
    sources: count('sources'),
    relationships: types.reduce((sum, _type, i) => sum + count(`rel${i}`), 0),
  };
}

/** Entities per kind among those matching the entity list's filters (every kind listed); unfiltered, the count store's totals. */
export async function countEntitiesByKind(
  executor: GraphExecutor,
  filter: Pick<EntityFilter, 'nameContains' | 'relatedCountryId'>,
): Promise<{ kind: EntityKind; count: number }[]> {
  if (isUnfiltered(filter)) return (await readOverview(executor)).entitiesByKind;
  const query = entityQuery(filter);
  const [row] = await executor.readRows<{ matched: string[]; missing: string[] }>(
    `CALL () {
       ${query.match}${query.distinct ? ' WITH DISTINCT e' : ''}${whereAll(query.conditions)}
       WITH e LIMIT $scan
       RETURN collect(e.kind) AS matched
     }
     RETURN matched, ${MISSING_ENTITIES}`,
    { ...query.params, entityIds: query.entityIds, scan: int(AGGREGATE_SCAN_LIMIT + 1) },
  );
  if (row?.missing.length) throw new UnknownEntities(row.missing);
  const matched = row?.matched ?? [];
  if (matched.length > AGGREGATE_SCAN_LIMIT) tooBroad('entities');
  return ENTITY_KINDS.map((kind) => ({ kind, count: matched.filter((found) => found === kind).length }));
}

/** How statements are grouped. */
export type StatementGrouping = 'SPEAKER' | 'AFFILIATION' | 'OUTLET' | 'SUBJECT' | 'STANCE';

/** One group: an entity (speaker, affiliation, outlet, subject) or a stance, and how many statements (stance links for STANCE) it has. */
export interface StatementGroup {
  key: string;
  count: number;
  entity: EntityRecord | null;
  stance: Stance | null;
}

/** Statements matching a filter, and the largest groups among them. */
export interface StatementCounts {
  total: number;
  groups: StatementGroup[];
}

/** The entity count property each entity grouping ranks by (see tallies.ts). */
const COUNT_OF: Record<Exclude<StatementGrouping, 'STANCE'>, string> = {
  SPEAKER: ENTITY_COUNT.said,
  AFFILIATION: ENTITY_COUNT.affiliation,
  OUTLET: ENTITY_COUNT.via,
  SUBJECT: ENTITY_COUNT.about,
};

/** How each grouping reaches its group from a matched current statement `st`: binds `key` and, for entities, `g`. */
const GROUP_OF: Record<StatementGrouping, string> = {
  SPEAKER: 'MATCH (g:Entity)-[:SAID]->(st) WITH st, g, g.id AS key',
  OUTLET: 'MATCH (st)-[:VIA]->(g:Entity) WITH st, g, g.id AS key',
  SUBJECT: 'MATCH (st)-[:ABOUT]->(g:Entity) WITH st, g, g.id AS key',
  // Every current statement links to each entity it counts towards (affiliations.ts): one hop, no walk.
  AFFILIATION: 'MATCH (st)-[:COUNTS_FOR]->(g:Entity) WITH st, g, g.id AS key',
  // Stance links, not statements: a statement that denies two claims counts twice, as in the tally.
  STANCE: 'MATCH (st)-[r:TAKES_STANCE]->(:Claim) WITH r AS st, null AS g, r.stance AS key',
};

const GROUP_ROW = `{key: key, count: n, entity: CASE WHEN g IS NULL THEN null ELSE ${entityMap('g')} END}`;

/** A WHERE clause of all `conditions` (none: nothing). */
const whereAll = (conditions: string[]) => (conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '');

function isUnfiltered(filter: object): boolean {
  return Object.values(filter).every(
    (value) => value === null || value === undefined || value === false || (Array.isArray(value) && value.length === 0),
  );
}

function tooBroad(what: string): never {
  throw badArgument(
    'filters',
    `These filters match more than ${AGGREGATE_SCAN_LIMIT.toLocaleString('en-US')} ${what}; narrow them (e.g. with from/to or an entity), or drop them to read the maintained totals`,
  );
}

function groupFrom(raw: { key: string; count: number; entity: unknown }, grouping: StatementGrouping): StatementGroup {
  return {
    key: raw.key,
    count: raw.count,
    entity: raw.entity ? entityRecordFrom(raw.entity) : null,
    stance: grouping === 'STANCE' ? (raw.key as Stance) : null,
  };
}

/**
 * Current statements grouped by speaker, affiliation, outlet, subject or stance, largest groups first
 * (ties by key), at most `first` groups. Retracted statements are never counted (they have no
 * COUNTS_FOR links, which the affiliation grouping follows).
 */
export async function countStatements(
  executor: GraphExecutor,
  grouping: StatementGrouping,
  filter: Omit<StatementFilter, 'includeRetracted'>,
  first: number,
): Promise<StatementCounts> {
  if (isUnfiltered(filter)) {
    const ranking =
      grouping === 'STANCE'
        ? `${tallyRanking(`'${TALLY.stance}'`)} WITH t.key AS key, t.count AS n, null AS g LIMIT $first`
        : `${entityRanking(COUNT_OF[grouping], null)} WITH g.id AS key, g.${COUNT_OF[grouping]} AS n, g LIMIT $first`;
    const [row] = await executor.readRows<{ total: number; groups: { key: string; count: number; entity: unknown }[] }>(
      `CALL () { MATCH (st:Statement) RETURN count(st) AS total }
       CALL () {
         ${ranking}
         RETURN collect(${GROUP_ROW}) AS groups
       }
       RETURN total, groups`,
      { first: int(first) },
    );
    return { total: row?.total ?? 0, groups: (row?.groups ?? []).map((raw) => groupFrom(raw, grouping)) };
  }
  const query = statementQuery(filter);
  const [row] = await executor.readRows<{ total: number; groups: { key: string; count: number; entity: unknown }[]; missing: string[] }>(
    `CALL () {
       ${query.match}${query.distinct ? ' WITH DISTINCT st' : ''}${whereAll(query.conditions)}
       WITH st LIMIT $scan
       RETURN collect(st) AS matched
     }
     CALL (matched) {
       UNWIND matched AS st
       ${GROUP_OF[grouping]}
       WITH key, g, count(DISTINCT st) AS n
       ORDER BY n DESC, key DESC LIMIT $first
       RETURN collect(${GROUP_ROW}) AS groups
     }
     RETURN size(matched) AS total, groups, ${MISSING_ENTITIES}`,
    { ...query.params, entityIds: query.entityIds, scan: int(AGGREGATE_SCAN_LIMIT + 1), first: int(first) },
  );
  if (row?.missing.length) throw new UnknownEntities(row.missing);
  if ((row?.total ?? 0) > AGGREGATE_SCAN_LIMIT) tooBroad('statements');
  return { total: row?.total ?? 0, groups: (row?.groups ?? []).map((raw) => groupFrom(raw, grouping)) };
}

/** How many claims match, and how many of them are contested. */
export interface ClaimCounts {
  total: number;
  contested: number;
}

/** Claims, contested and not: from the count store and the tally, or (with filters) counted like claims(...) lists them. */
export async function countClaims(
  executor: GraphExecutor,
  filter: Pick<ClaimFilter, 'aboutId' | 'topic' | 'measure' | 'stance' | 'hasQuantity'>,
): Promise<ClaimCounts> {
  if (isUnfiltered(filter)) {
    const [row] = await executor.readRows<ClaimCounts>(
      `CALL () { MATCH (c:Claim) RETURN count(c) AS total }
       CALL () { OPTIONAL MATCH (t:Tally {id: $contested}) RETURN coalesce(t.count, 0) AS contested }
       RETURN total, contested`,
      { contested: tallyId(TALLY.claims, 'contested') },
    );
    return row ?? { total: 0, contested: 0 };
  }
  const query = claimQuery(filter);
  const [row] = await executor.readRows<ClaimCounts & { missing: string[] }>(
    `CALL () {
       ${query.match}${whereAll(query.conditions)}
       WITH c LIMIT $scan
       RETURN count(c) AS total, count(CASE WHEN c.contestedFlag THEN 1 END) AS contested
     }
     RETURN total, contested, ${MISSING_ENTITIES}`,
    { ...query.params, entityIds: query.entityIds, scan: int(AGGREGATE_SCAN_LIMIT + 1) },
  );
  if (row?.missing.length) throw new UnknownEntities(row.missing);
  if ((row?.total ?? 0) > AGGREGATE_SCAN_LIMIT) tooBroad('claims');
  return { total: row?.total ?? 0, contested: row?.contested ?? 0 };
}

/** Which dates to count: an inclusive range of date keys (YYYY-MM-DD, 00 and 99 fill missing parts), and optionally one entity's items. */
export interface ActivityFilter {
  from: string | null;
  to: string | null;
  entityId: string | null;
  /** The buckets the counts are for: by MONTH or YEAR they may come per month or year (coarser keys), not per day. */
  interval?: ActivityInterval;
}

/** A date tally as an activity row. */
const TALLY_ROW = 'RETURN {key: t.key, n: t.count, inferred: coalesce(t.inferred, 0)} AS row';

/**
 * The rows of one kind of dated item for buckets by month or year (see tallyReads): the tallies of
 * whole periods (keys YYYY-MM-00 or YYYY-00-00, read as dates of that precision), the day tallies
 * of periods the bounds cut, and by month the year-only dates of each year, which are no month's.
 */
function coarseRows(groups: DateTallyGroups, interval: 'MONTH' | 'YEAR'): string {
  const coarse = interval === 'MONTH' ? groups.month : groups.year;
  const yearOnly =
    interval === 'MONTH'
      ? `UNION ALL
         MATCH (y:Tally) WHERE y.group = '${groups.year}' AND y.key >= $yearFrom AND y.key <= $to
         MATCH (t:Tally) WHERE t.group = '${groups.day}' AND t.key = y.key AND t.key >= $from
         RETURN t`
      : '';
  return `COLLECT {
         CALL () {
           MATCH (t:Tally) WHERE t.group = '${coarse}' AND t.key >= $from AND t.key <= $to AND substring(t.key, 0, $keep) + $fill <= $to
           RETURN t
           UNION ALL
           UNWIND $dayRanges AS range
           MATCH (t:Tally) WHERE t.group = '${groups.day}' AND t.key >= range[0] AND t.key <= range[1]
           RETURN t
           ${yearOnly}
         }
         WITH t LIMIT $keys
         ${TALLY_ROW}
       }`;
}

/** Most distinct date keys an activity answer reads. */
export const MAX_DATE_KEYS = 5_000;

/** Statements and events per date key: from the date tallies, or (for one entity) counted over its own items like timeline(entity:). */
export async function countByDate(executor: GraphExecutor, filter: ActivityFilter): Promise<DateCount[]> {
  const params = { from: filter.from ?? '', to: filter.to ?? '9999-99-99', entity: filter.entityId };
  type Row = { statements: { key: string; n: number; inferred: number }[]; events: { key: string; n: number; inferred: number }[] };
  let row: Row | undefined;
  if (filter.entityId === null && (filter.interval === 'MONTH' || filter.interval === 'YEAR')) {
    const reads = tallyReads(filter.interval, params.from, params.to);
    [row] = await executor.readRows<Row>(
      `RETURN ${coarseRows(DATE_TALLIES.Statement, filter.interval)} AS statements, ${coarseRows(DATE_TALLIES.Event, filter.interval)} AS events`,
      {
        from: params.from,
        to: params.to,
        yearFrom: params.from.slice(0, 5),
        keep: int(reads.keep),
        fill: reads.fill,
        dayRanges: reads.dayRanges,
        keys: int(MAX_DATE_KEYS + 1),
      },
    );
  } else if (filter.entityId === null) {
    const keys = (group: string) => `COLLECT {
         MATCH (t:Tally) USING INDEX t:Tally(group, key) WHERE t.group = '${group}' AND t.key >= $from AND t.key <= $to
         WITH t ORDER BY t.group, t.key LIMIT $keys
         ${TALLY_ROW}
       }`;
    [row] = await executor.readRows<Row>(`RETURN ${keys(TALLY.statementDate)} AS statements, ${keys(TALLY.eventDate)} AS events`, {
      ...params,
      keys: int(MAX_DATE_KEYS + 1),
    });
  } else {
    const perKey = (items: string) => `UNWIND ${items} AS n
         WITH n.dateSortKey AS key, count(*) AS count, count(CASE WHEN n.dateYear IS NULL AND n.dateInferredYear IS NOT NULL THEN 1 END) AS inferred
         RETURN {key: key, n: count, inferred: inferred} AS row ORDER BY key`;
    const [scanned] = await executor.readRows<Row & { scanned: number }>(
      `MATCH (x:Entity {id: $entity})
       CALL (x) {
         MATCH (x)-[:${TIMELINE_STATEMENT_LINKS}]-(st:Statement) WITH DISTINCT st WHERE st.dateSortKey >= $from AND st.dateSortKey <= $to
         WITH st LIMIT $scan RETURN collect(st) AS statements
       }
       CALL (x) {
         MATCH (x)-[:${ENTITY_RELATIONSHIP_TYPES}]-{0,1}(e:Event) WITH DISTINCT e WHERE e.dateSortKey >= $from AND e.dateSortKey <= $to
         WITH e LIMIT $scan RETURN collect(e) AS events
       }
       RETURN size(statements) + size(events) AS scanned,
              COLLECT { ${perKey('statements')} } AS statements, COLLECT { ${perKey('events')} } AS events`,
      { ...params, scan: int(AGGREGATE_SCAN_LIMIT + 1) },
    );
    if (!scanned) throw new UnknownEntities([filter.entityId]);
    if (scanned.scanned > AGGREGATE_SCAN_LIMIT) tooBroad('dated statements and events');
    row = scanned;
  }
  const statements = row?.statements ?? [];
  const events = row?.events ?? [];
  if (statements.length > MAX_DATE_KEYS || events.length > MAX_DATE_KEYS) {
    throw badArgument('from', `More than ${MAX_DATE_KEYS.toLocaleString('en-US')} distinct dates in range; narrow from/to`);
  }
  const byKey = new Map<string, DateCount>();
  const add = (item: { key: string; n: number; inferred: number }, field: 'statements' | 'events') => {
    const count = byKey.get(item.key) ?? { key: item.key, statements: 0, events: 0, inferred: 0 };
    count[field] += item.n;
    count.inferred += item.inferred;
    byKey.set(item.key, count);
  };
  for (const item of statements) add(item, 'statements');
  for (const item of events) add(item, 'events');
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** An entity and how many relationships it has (of one type, or of any). */
export interface ConnectedEntity {
  entity: EntityRecord;
  degree: number;
}

/** The entities with the most relationships, optionally of some kinds and of one relationship type: one index range per kind. */
export async function mostConnected(
  executor: GraphExecutor,
  options: { kinds: EntityKind[] | null; type: RelationshipType | null; first: number },
): Promise<ConnectedEntity[]> {
  const kinds = options.kinds && options.kinds.length > 0 ? options.kinds : [...ENTITY_KINDS];
  const degree = degreeProperty(options.type);
  const rows = await executor.readRows<{ entity: unknown; degree: number }>(
    `UNWIND $kinds AS kind
     CALL (kind) {
       ${entityRanking(degree, 'kind')}
       RETURN g LIMIT $first
     }
     WITH g ORDER BY g.${degree} DESC, g.id DESC LIMIT $first
     RETURN ${entityMap('g')} AS entity, g.${degree} AS degree`,
    { kinds, first: int(options.first) },
  );
  return rows.map((row) => ({ entity: entityRecordFrom(row.entity), degree: row.degree }));
}
