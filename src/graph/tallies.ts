// Counts a dashboard reads, kept by every write so that reading one costs the groups returned, never
// the size of the graph. Per entity (statements it made, relayed, is the subject of, statements of
// its affiliation, relationships in all and per type) they are properties of the entity, each in an
// index ordered by count; per stance, per date key, month and year, and for contested claims they are (:Tally)
// nodes. Every write transaction ends by recounting what its changes touched: a recount reads the
// current graph, so a retried or repeated write leaves the same numbers, and no write path keeps
// deltas of its own.
import { randomUUID } from 'node:crypto';
import { RELATIONSHIP_TYPES, STANCES, type RelationshipType } from '../seed/format.js';
import type { GraphExecutor } from './executor.js';
import { CONTESTED } from './projections.js';
import { AFFILIATION_KINDS, affiliationsOf, COUNTS_FOR, relinkAffiliations, RELINK_ALL, statementsBelow } from './affiliations.js';

/** Runs one statement inside the caller's write transaction and returns its rows. */
export type TallyRun = (cypher: string, params: Record<string, unknown>) => Promise<unknown>;

/** Count properties of an entity (absent when zero, so their indexes hold only entities that have some). */
export const ENTITY_COUNT = {
  /** Current statements it made. */
  said: 'saidCount',
  /** Current statements relayed through it (an outlet). */
  via: 'viaCount',
  /** Current statements about it. */
  about: 'aboutCount',
  /** Current statements made by it, a part of it, or someone holding a role in it or a part (countries and organizations). */
  affiliation: 'affiliationCount',
  /** Current relationships with other entities, both directions. */
  degree: 'degree',
} as const;

/** The property counting an entity's current relationships of one type. */
export function degreeProperty(type: RelationshipType | null): string {
  return type === null ? ENTITY_COUNT.degree : `degree_${type}`;
}

/** Tally groups (nodes); a tally's id is its group and key joined by SEP. */
export const TALLY = {
  /** Stance links of current statements on current claims (key: the stance). */
  stance: 'stance',
  /** Dated statements by date key (YYYY-MM-DD, 00 for parts the date lacks; the inferred year stands in). */
  statementDate: 'statement-date',
  /** Dated events by date key. */
  eventDate: 'event-date',
  /** Dated statements by month (key YYYY-MM-00): all dated within that month, to the day or to the month. */
  statementMonth: 'statement-month',
  /** Dated statements by year (key YYYY-00-00): all dated within that year, whatever the precision. */
  statementYear: 'statement-year',
  /** Dated events by month, as statementMonth. */
  eventMonth: 'event-month',
  /** Dated events by year, as statementYear. */
  eventYear: 'event-year',
  /** Claims (key "contested"): contested claims among the current ones. */
  claims: 'claims',
} as const;

/** The tally groups of each kind of dated item, finest first: an activity answer reads the coarsest its buckets allow. */
export const DATE_TALLIES = {
  Statement: { day: TALLY.statementDate, month: TALLY.statementMonth, year: TALLY.statementYear },
  Event: { day: TALLY.eventDate, month: TALLY.eventMonth, year: TALLY.eventYear },
} as const;

/** The day, month and year tally groups of one kind of dated item. */
export type DateTallyGroups = (typeof DATE_TALLIES)[keyof typeof DATE_TALLIES];

/** Separates a tally's group and key in its id. */
const SEP = '\u0001';

/** The id of the tally of `key` in `group`: what a reader looks up by the unique id index. */
export function tallyId(group: string, key: string): string {
  return `${group}${SEP}${key}`;
}

/** SEP as a Cypher string literal, written as an escape so that logged queries stay readable. */
const SEP_LITERAL = `'\\u${SEP.charCodeAt(0).toString(16).padStart(4, '0')}'`;

/** The same id as tallyId, built in Cypher from two expressions. */
const tallyIdOf = (group: string, key: string) => `${group} + ${SEP_LITERAL} + ${key}`;
const positive = (count: string) => `CASE WHEN ${count} > 0 THEN ${count} END`;

/**
 * Recounts the counts of entity `e` that follow from its own links and writes only those that
 * changed. Relationship counts are degree lookups (every relationship of these types joins two
 * entities; a retracted one changes type), so a hub costs no more than a leaf.
 */
const ENTITY_COUNTS = `WITH e, {
    ${ENTITY_COUNT.said}: COUNT { (e)-[:SAID]->(:Statement) },
    ${ENTITY_COUNT.via}: COUNT { (:Statement)-[:VIA]->(e) },
    ${ENTITY_COUNT.about}: COUNT { (:Statement)-[:ABOUT]->(e) },
    ${RELATIONSHIP_TYPES.map((type) => `${degreeProperty(type)}: COUNT { (e)-[:${type}]-() }`).join(',\n    ')}
  } AS counted
  WITH e, counted {.*, ${ENTITY_COUNT.degree}: ${RELATIONSHIP_TYPES.map((type) => `counted.${degreeProperty(type)}`).join(' + ')}} AS counted
  FOREACH (key IN [key IN keys(counted) WHERE coalesce(e[key], 0) <> counted[key]] |
    SET e[key] = CASE WHEN counted[key] > 0 THEN counted[key] END)`;

/**
 * Recounts the affiliation count of `a`: distinct current statements by its members, as
 * statements(speakerAffiliation:) lists them. Each has one link to `a` (see affiliations.ts), so
 * this is a degree lookup; the links must be re-derived first.
 */
const AFFILIATION_COUNT = `
  WITH a, COUNT { (a)<-[:${COUNTS_FOR}]-() } AS n
  SET a.${ENTITY_COUNT.affiliation} = ${positive('n')}`;

/**
 * Finds or creates the tally of `key` in `group` as `t` and takes its write lock before anything is
 * counted. A concurrent recount of the same tally waits here until this transaction ends, then
 * counts what it committed (Neo4j reads committed data): counting first and locking at the write
 * left a day tally of 1 after eight documents dated that day were loaded at once (a test).
 */
function lockTally(group: string, key: string): string {
  return `
  MERGE (t:Tally {id: ${tallyIdOf(`'${group}'`, key)}})
  SET t.lock = true
  WITH *`;
}

/** Writes `n` (and `inferred`, when counted) into the tally `t` that lockTally took, removing it when the count is 0. */
function writeTally(group: string, key: string, options: { inferred: boolean; keepEmpty?: boolean }): string {
  return `
  SET t.group = '${group}', t.key = ${key}, t.count = n${options.inferred ? ', t.inferred = inferred' : ''}
  REMOVE t.lock${options.keepEmpty ? '' : '\n  WITH t WHERE t.count = 0 DELETE t'}`;
}

/** Recounts the tally of date key `k` in `group` over nodes `(n:Label)`: how many, and how many dated by an inferred year. */
function dateTally(group: string, label: string): string {
  return `${lockTally(group, 'k')}
  CALL (k) {
    MATCH (n:${label}) WHERE n.dateSortKey = k
    RETURN count(n) AS n, count(CASE WHEN n.dateYear IS NULL AND n.dateInferredYear IS NOT NULL THEN 1 END) AS inferred
  }${writeTally(group, 'k', { inferred: true })}`;
}

/**
 * Recounts the month and the year tallies of the date keys `k` that `keys` yields, from the finer
 * tallies (months first, then years): a month sums at most 32 day tallies (its days and its
 * month-only key), a year its 12 months and its year-only key, so a write costs the same at any
 * size, and a MONTH or YEAR activity answer reads one tally per bucket (aggregates.ts).
 */
export function coarseDateTallies(groups: DateTallyGroups, keys: string): [month: string, year: string] {
  const sum = 'RETURN sum(d.count) AS n, sum(coalesce(d.inferred, 0)) AS inferred';
  return [
    `${keys} WITH DISTINCT substring(k, 0, 8) + '00' AS m WHERE substring(m, 5, 2) <> '00'
     ${lockTally(groups.month, 'm')}
     CALL (m) {
       MATCH (d:Tally) WHERE d.group = '${groups.day}' AND d.key >= m AND d.key <= substring(m, 0, 8) + '99'
       ${sum}
     }${writeTally(groups.month, 'm', { inferred: true })}`,
    `${keys} WITH DISTINCT substring(k, 0, 5) + '00-00' AS y
     ${lockTally(groups.year, 'y')}
     CALL (y) {
       CALL (y) {
         MATCH (d:Tally) WHERE d.group = '${groups.month}' AND d.key > y AND d.key <= substring(y, 0, 5) + '99-99' RETURN d
         UNION ALL
         MATCH (d:Tally {id: ${tallyIdOf(`'${groups.day}'`, 'y')}}) RETURN d
       }
       ${sum}
     }${writeTally(groups.year, 'y', { inferred: true })}`,
  ];
}

/** Recounts the day, month and year tallies of `keys` for items `(n:Label)`, in order. */
async function recountDates(run: TallyRun, label: keyof typeof DATE_TALLIES, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const groups = DATE_TALLIES[label];
  // Locked in one order by every transaction, so that two recounting the same keys do not deadlock.
  const sorted = [...new Set(keys)].sort();
  await run(`UNWIND $keys AS k ${dateTally(groups.day, label)}`, { keys: sorted });
  for (const cypher of coarseDateTallies(groups, 'UNWIND $keys AS k')) await run(cypher, { keys: sorted });
}

/** Recounts the tally of stance `s`: links from current statements (an index seek on the stance). */
const STANCE_TALLY = `${lockTally(TALLY.stance, 's')}
  CALL (s) { MATCH (:Statement)-[r:TAKES_STANCE {stance: s}]->(:Claim) RETURN count(r) AS n }${writeTally(TALLY.stance, 's', { inferred: false })}`;

/** Recounts contested claims from the stored flags (an index seek on contestedFlag). */
const CONTESTED_TALLY = `${lockTally(TALLY.claims, "'contested'")}
  CALL () { MATCH (c:Claim) WHERE c.contestedFlag = true RETURN count(c) AS n }${writeTally(TALLY.claims, "'contested'", { inferred: false, keepEmpty: true })}`;

/** What a write touched, read before and after it: whose tallies to recount. */
export interface Touched {
  entityIds: string[];
  statementDates: string[];
  eventDates: string[];
  claimIds: string[];
  /** Statements written, changed, retracted or removed: their affiliation links are re-derived. */
  statementIds: string[];
  /** Entities a PART_OF or HOLDS_ROLE link starting at them was written to or removed from: what they and their members say counts elsewhere. */
  structureIds: string[];
  /** Statements or claims were written or removed: stance tallies move (a stance counts while both ends are current). */
  stances: boolean;
}

/** The ids a write is about to change (or has changed). */
export interface TallyScope {
  /** Entities whose links (relationships, statements) change. */
  entityIds?: string[];
  /** Entities whose definition changes: only an event's date counts anywhere. */
  definedIds?: string[];
  statementIds?: string[];
  claimIds?: string[];
  /** Starting ends of PART_OF / HOLDS_ROLE links being written or removed. */
  structureIds?: string[];
}

/** Everything the tallies depend on around these ids: statements' participants, dates and claims; events' dates; claims' conflict partners. */
export async function readTouched(run: TallyRun, scope: TallyScope): Promise<Touched> {
  const statementIds = scope.statementIds ?? [];
  const [row] = (await run(
    `RETURN
       COLLECT { UNWIND $statementIds AS id MATCH (:Statement {id: id})-[:SAID|VIA|ABOUT|CITES]-(e:Entity) RETURN DISTINCT e.id AS id } AS entityIds,
       COLLECT { UNWIND $statementIds AS id MATCH (st:Statement {id: id}) WHERE st.dateSortKey IS NOT NULL RETURN DISTINCT st.dateSortKey AS key } AS statementDates,
       COLLECT { UNWIND $definedIds AS id MATCH (e:Event {id: id}) WHERE e.dateSortKey IS NOT NULL RETURN DISTINCT e.dateSortKey AS key } AS eventDates,
       COLLECT { UNWIND $statementIds AS id MATCH (:Statement {id: id})-[:TAKES_STANCE]->(c:Claim) RETURN DISTINCT c.id AS id } AS stanceClaims,
       COLLECT { UNWIND $claimIds AS id MATCH (:Claim {id: id})-[:CONFLICTS_WITH]-(c:Claim) RETURN DISTINCT c.id AS id } AS partners`,
    { statementIds, definedIds: scope.definedIds ?? [], claimIds: scope.claimIds ?? [] },
  )) as { entityIds: string[]; statementDates: string[]; eventDates: string[]; stanceClaims: string[]; partners: string[] }[];
  return {
    entityIds: [...(scope.entityIds ?? []), ...(row?.entityIds ?? [])],
    statementDates: row?.statementDates ?? [],
    eventDates: row?.eventDates ?? [],
    claimIds: [...(scope.claimIds ?? []), ...(row?.stanceClaims ?? []), ...(row?.partners ?? [])],
    statementIds,
    structureIds: scope.structureIds ?? [],
    stances: statementIds.length > 0 || (scope.claimIds ?? []).length > 0,
  };
}

/** The union of several readings. */
export function mergeTouched(...all: Touched[]): Touched {
  const union = (pick: (t: Touched) => string[]) => [...new Set(all.flatMap(pick))];
  return {
    entityIds: union((t) => t.entityIds),
    statementDates: union((t) => t.statementDates),
    eventDates: union((t) => t.eventDates),
    claimIds: union((t) => t.claimIds),
    // Absent from records deferred before links existed.
    statementIds: union((t) => t.statementIds ?? []),
    structureIds: union((t) => t.structureIds ?? []),
    stances: all.some((t) => t.stances),
  };
}

/**
 * Recounts every tally a write touched, inside its transaction (a handful of statements, each bounded
 * by what was touched). `affiliations: false` leaves out the affiliations of the touched entities,
 * for a caller that recounts them itself (see settlePendingTallies).
 */
export async function recountTallies(
  run: TallyRun,
  given: Touched,
  options: { affiliations: boolean } = { affiliations: true },
): Promise<void> {
  // Each key once: the same entity twice in one UNWIND would only be counted twice.
  const touched = mergeTouched(given);
  await relinkAffiliations(run, touched.statementIds, touched.structureIds);
  if (touched.entityIds.length > 0) {
    await run(`UNWIND $ids AS id MATCH (e:Entity {id: id}) ${ENTITY_COUNTS}`, { ids: touched.entityIds });
    if (options.affiliations)
      await run(`UNWIND $ids AS id MATCH (x:Entity {id: id}) ${affiliationsOf('x', 'a')} ${AFFILIATION_COUNT}`, { ids: touched.entityIds });
  }
  await recountDates(run, 'Statement', touched.statementDates);
  await recountDates(run, 'Event', touched.eventDates);
  if (touched.stances) await run(`UNWIND $stances AS s ${STANCE_TALLY}`, { stances: STANCES });
  if (touched.claimIds.length > 0) {
    await run(
      `UNWIND $ids AS id MATCH (c:Claim {id: id})
       CALL (c) { MATCH (c)-[:CONFLICTS_WITH]-(other:Claim) RETURN collect(other) AS partners }
       UNWIND [c] + partners AS claim
       WITH DISTINCT claim
       CALL (claim) { WITH claim AS c SET c.contestedFlag = ${CONTESTED} }`,
      { ids: touched.claimIds },
    );
    await run(CONTESTED_TALLY, {});
  }
}

/**
 * Records what a write touched for a recount after the batch it belongs to (see settlePendingTallies),
 * in the write's own transaction: a bulk load recounts each entity once instead of once per
 * document, and a load cut short leaves the record for the next settlement.
 */
export async function deferTallies(run: TallyRun, touched: Touched): Promise<void> {
  const merged = mergeTouched(touched);
  await run(
    `CREATE (:PendingTallies {id: $id, entityIds: $entityIds, statementDates: $statementDates, eventDates: $eventDates, claimIds: $claimIds,
       statementIds: $statementIds, structureIds: $structureIds, stances: $stances})`,
    { id: randomUUID(), ...merged },
  );
}

/** Most entities one settlement transaction recounts. */
const SETTLE_CHUNK = 2_000;

/** Recounts everything deferred writes recorded, in transactions of at most SETTLE_CHUNK entities, then forgets the records; returns how many it settled. */
export async function settlePendingTallies(executor: GraphExecutor): Promise<number> {
  let settled = 0;
  for (;;) {
    const pending = await executor.readRows<Touched & { id: string }>(
      `MATCH (p:PendingTallies)
       RETURN p.id AS id, p.entityIds AS entityIds, p.statementDates AS statementDates, p.eventDates AS eventDates, p.claimIds AS claimIds,
         coalesce(p.statementIds, []) AS statementIds, coalesce(p.structureIds, []) AS structureIds, p.stances AS stances
       LIMIT 500`,
    );
    if (pending.length === 0) return settled;
    const touched = mergeTouched(...pending);
    // Links first: the affiliation counts below read them. Each statement once, whether it was
    // written or is said below a changed structure (usually both, in a bulk load), in chunks.
    const below = await executor.read((tx) => statementsBelow((cypher, params) => executor.rows(tx, cypher, params), touched.structureIds));
    for (const statementIds of chunks([...new Set([...touched.statementIds, ...below])])) {
      await executor.write((tx) => relinkAffiliations((cypher, params) => executor.rows(tx, cypher, params), statementIds, []));
    }
    // A recount is idempotent: a settlement cut short is simply run again.
    for (const entityIds of chunks(touched.entityIds)) {
      await executor.write((tx) =>
        recountTallies((cypher, params) => executor.rows(tx, cypher, params), { ...NOTHING_TOUCHED, entityIds }, { affiliations: false }),
      );
    }
    // Each affiliation once for the whole settlement: a country with thousands of members is an
    // affiliation of entities in every chunk, and its recount reads every member's statements.
    const affiliationIds = await executor.readRows<{ id: string }>(
      `UNWIND $ids AS id MATCH (x:Entity {id: id}) ${affiliationsOf('x', 'a')} RETURN a.id AS id`,
      { ids: touched.entityIds },
    );
    for (const ids of chunks(affiliationIds.map((row) => row.id))) {
      await executor.write((tx) => executor.rows(tx, `UNWIND $ids AS id MATCH (a:Entity {id: id}) ${AFFILIATION_COUNT}`, { ids }));
    }
    await executor.write(async (tx) => {
      const run = (cypher: string, params: Record<string, unknown>) => executor.rows(tx, cypher, params);
      await recountTallies(run, { ...touched, entityIds: [], statementIds: [], structureIds: [] });
      await run('MATCH (p:PendingTallies) WHERE p.id IN $ids DELETE p', { ids: pending.map((record) => record.id) });
    });
    settled += pending.length;
  }
}

/** `ids` in slices of at most SETTLE_CHUNK. */
function chunks(ids: string[]): string[][] {
  const slices: string[][] = [];
  for (let start = 0; start < ids.length; start += SETTLE_CHUNK) slices.push(ids.slice(start, start + SETTLE_CHUNK));
  return slices;
}

const NOTHING_TOUCHED: Touched = {
  entityIds: [],
  statementDates: [],
  eventDates: [],
  claimIds: [],
  statementIds: [],
  structureIds: [],
  stances: false,
};

/** Back-fills every count and tally from the graph once (a migration: auto-commit statements, in batches). */
export const TALLY_MIGRATION: { cypher: string; params: Record<string, unknown> }[] = [
  { cypher: `MATCH (t:Tally) CALL (t) { DELETE t } IN TRANSACTIONS OF 10000 ROWS`, params: {} },
  { cypher: `MATCH (e:Entity) CALL (e) { ${ENTITY_COUNTS} } IN TRANSACTIONS OF 1000 ROWS`, params: {} },
  {
    cypher: `MATCH (n:Statement) WHERE n.dateSortKey IS NOT NULL WITH DISTINCT n.dateSortKey AS k CALL (k) { ${dateTally(TALLY.statementDate, 'Statement')} } IN TRANSACTIONS OF 1000 ROWS`,
    params: {},
  },
  {
    cypher: `MATCH (n:Event) WHERE n.dateSortKey IS NOT NULL WITH DISTINCT n.dateSortKey AS k CALL (k) { ${dateTally(TALLY.eventDate, 'Event')} } IN TRANSACTIONS OF 1000 ROWS`,
    params: {},
  },
  { cypher: `UNWIND $stances AS s CALL (s) { ${STANCE_TALLY} }`, params: { stances: STANCES } },
  { cypher: `MATCH (c:Claim) CALL (c) { SET c.contestedFlag = ${CONTESTED} } IN TRANSACTIONS OF 10000 ROWS`, params: {} },
  { cypher: CONTESTED_TALLY, params: {} },
];

/** Builds the month and year tallies from the day tallies (a migration for graphs counted before they existed). */
export const COARSE_DATE_TALLY_MIGRATION: string[] = Object.values(DATE_TALLIES).flatMap((groups) =>
  coarseDateTallies(groups, `MATCH (day:Tally) WHERE day.group = '${groups.day}' WITH day.key AS k`),
);

/** Links every current statement to what it counts towards, then recounts every affiliation from the links (a migration, as above). */
export const AFFILIATION_LINK_MIGRATION: { cypher: string; params: Record<string, unknown> }[] = [
  { cypher: RELINK_ALL, params: {} },
  {
    cypher: `MATCH (a:Entity) WHERE a.kind IN ${AFFILIATION_KINDS} CALL (a) { ${AFFILIATION_COUNT} } IN TRANSACTIONS OF 1000 ROWS`,
    params: {},
  },
];
