// Counts a dashboard reads (statements per speaker, per outlet, per affiliation, per stance and per
// date; entity degrees; contested claims), kept as (:Tally) nodes so that reading one costs the
// groups returned, never the size of the graph. Every write transaction ends by recounting the
// tallies its changes touched: a recount reads the current graph, so a retried or repeated write
// leaves the same numbers, and no write path keeps deltas of its own.
import { STANCES } from '../seed/format.js';
import { CONTESTED, ENTITY_RELATIONSHIP_TYPES } from './projections.js';
import { affiliationMembers, affiliationsOf } from './statements.js';

/** Runs one statement inside the caller's write transaction and returns its rows. */
export type TallyRun = (cypher: string, params: Record<string, unknown>) => Promise<unknown>;

/** Tally groups; a tally's id is its group and key joined by SEP. */
export const TALLY = {
  /** Statements an entity made (key: entity id). */
  said: 'said',
  /** Statements relayed through an outlet. */
  via: 'via',
  /** Statements about an entity. */
  about: 'about',
  /** Statements made by a country or organization, a part of it, or someone holding a role in it. */
  affiliation: 'affiliation',
  /** Stance links of statements on claims (key: the stance). */
  stance: 'stance',
  /** Dated statements by date key (YYYY-MM-DD, 00 for parts the date lacks; the inferred year stands in). */
  statementDate: 'statement-date',
  /** Dated events by date key. */
  eventDate: 'event-date',
  /** Claims (key "contested"): contested claims among the current ones. */
  claims: 'claims',
} as const;

/** Group of an entity's degree tallies: over one relationship type (or ALL), per entity kind, so each ranking is one index range. */
export function degreeGroup(type: string, kind: string): string {
  return `degree|${type}|${kind}`;
}

const SEP = `'\\u0001'`;
const ENTITY_GROUPS = [TALLY.said, TALLY.via, TALLY.about];

/** Recounts the said/via/about and degree tallies of entity `e`: one pass over its own relationships. */
const ENTITY_TALLIES = `
  CALL (e) { MATCH (old:Tally {entityId: e.id}) WHERE old.group IN $entityGroups OR old.group STARTS WITH 'degree|' DELETE old }
  CALL (e) {
    WITH e, [
      {group: '${TALLY.said}', count: COUNT { (e)-[:SAID]->(:Statement) }},
      {group: '${TALLY.via}', count: COUNT { (:Statement)-[:VIA]->(e) }},
      {group: '${TALLY.about}', count: COUNT { (:Statement)-[:ABOUT]->(e) }},
      {group: 'degree|ALL|' + e.kind, count: COUNT { (e)-[:${ENTITY_RELATIONSHIP_TYPES}]-(:Entity) }}
    ] + COLLECT { MATCH (e)-[r:${ENTITY_RELATIONSHIP_TYPES}]-(:Entity) WITH type(r) AS type, count(*) AS n RETURN {group: 'degree|' + type + '|' + e.kind, count: n} } AS rows
    UNWIND rows AS row
    WITH e, row WHERE row.count > 0
    CREATE (:Tally {id: row.group + ${SEP} + e.id, group: row.group, key: e.id, entityId: e.id, count: row.count})
  }`;

/** Recounts the affiliation tally of `a`: distinct statements by its members, as statements(speakerAffiliation:) lists them. */
const AFFILIATION_TALLY = `
  CALL (a) {
    ${affiliationMembers('a', 'sp')}
    MATCH (sp)-[:SAID]->(st:Statement)
    RETURN count(DISTINCT st) AS n
  }
  MERGE (t:Tally {id: '${TALLY.affiliation}' + ${SEP} + a.id})
  SET t.group = '${TALLY.affiliation}', t.key = a.id, t.entityId = a.id, t.count = n
  WITH t WHERE t.count = 0 DELETE t`;

/** Recounts the tally of date key `k` in `group` over nodes `(n:Label)`: how many, and how many dated by an inferred year. */
function dateTally(group: string, label: string): string {
  return `
  CALL (k) {
    MATCH (n:${label}) WHERE n.dateSortKey = k
    RETURN count(n) AS n, count(CASE WHEN n.dateYear IS NULL AND n.dateInferredYear IS NOT NULL THEN 1 END) AS inferred
  }
  MERGE (t:Tally {id: '${group}' + ${SEP} + k})
  SET t.group = '${group}', t.key = k, t.count = n, t.inferred = inferred
  WITH t WHERE t.count = 0 DELETE t`;
}

/** Recounts the tally of stance `s`: links from current statements (an index seek on the stance). */
const STANCE_TALLY = `
  CALL (s) { MATCH (:Statement)-[r:TAKES_STANCE {stance: s}]->(:Claim) RETURN count(r) AS n }
  MERGE (t:Tally {id: '${TALLY.stance}' + ${SEP} + s})
  SET t.group = '${TALLY.stance}', t.key = s, t.count = n
  WITH t WHERE t.count = 0 DELETE t`;

/** Recounts contested claims from the stored flags (an index seek on contestedFlag). */
const CONTESTED_TALLY = `
  CALL () { MATCH (c:Claim) WHERE c.contestedFlag = true RETURN count(c) AS n }
  MERGE (t:Tally {id: '${TALLY.claims}' + ${SEP} + 'contested'})
  SET t.group = '${TALLY.claims}', t.key = 'contested', t.count = n`;

/** What a write touched, read before and after it: whose tallies to recount. */
export interface Touched {
  entityIds: string[];
  statementDates: string[];
  eventDates: string[];
  claimIds: string[];
  /** Statements or claims were written or removed: stance tallies move (a stance counts while both ends are current). */
  stances: boolean;
}

/** The ids a write is about to change (or has changed). */
export interface TallyScope {
  entityIds?: string[];
  statementIds?: string[];
  claimIds?: string[];
}

/** Everything the tallies depend on around these ids: statements' participants, dates and claims; events' dates; claims' conflict partners. */
export async function readTouched(run: TallyRun, scope: TallyScope): Promise<Touched> {
  const statementIds = scope.statementIds ?? [];
  const [row] = (await run(
    `RETURN
       COLLECT { UNWIND $statementIds AS id MATCH (:Statement {id: id})-[:SAID|VIA|ABOUT|CITES]-(e:Entity) RETURN DISTINCT e.id AS id } AS entityIds,
       COLLECT { UNWIND $statementIds AS id MATCH (st:Statement {id: id}) WHERE st.dateSortKey IS NOT NULL RETURN DISTINCT st.dateSortKey AS key } AS statementDates,
       COLLECT { UNWIND $entityIds AS id MATCH (e:Event {id: id}) WHERE e.dateSortKey IS NOT NULL RETURN DISTINCT e.dateSortKey AS key } AS eventDates,
       COLLECT { UNWIND $statementIds AS id MATCH (:Statement {id: id})-[:TAKES_STANCE]->(c:Claim) RETURN DISTINCT c.id AS id } AS stanceClaims,
       COLLECT { UNWIND $claimIds AS id MATCH (:Claim {id: id})-[:CONFLICTS_WITH]-(c:Claim) RETURN DISTINCT c.id AS id } AS partners`,
    { statementIds, entityIds: scope.entityIds ?? [], claimIds: scope.claimIds ?? [] },
  )) as { entityIds: string[]; statementDates: string[]; eventDates: string[]; stanceClaims: string[]; partners: string[] }[];
  return {
    entityIds: [...(scope.entityIds ?? []), ...(row?.entityIds ?? [])],
    statementDates: row?.statementDates ?? [],
    eventDates: row?.eventDates ?? [],
    claimIds: [...(scope.claimIds ?? []), ...(row?.stanceClaims ?? []), ...(row?.partners ?? [])],
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
    stances: all.some((t) => t.stances),
  };
}

/** Recounts every tally a write touched, inside its transaction (a handful of statements, each bounded by what was touched). */
export async function recountTallies(run: TallyRun, given: Touched): Promise<void> {
  // Each key once: a statement recounting one entity twice would create its tallies twice.
  const touched = mergeTouched(given);
  if (touched.entityIds.length > 0) {
    await run(`UNWIND $ids AS id MATCH (e:Entity {id: id}) ${ENTITY_TALLIES}`, { ids: touched.entityIds, entityGroups: ENTITY_GROUPS });
    // An entity that is gone keeps no tallies.
    await run(`UNWIND $ids AS id MATCH (t:Tally {entityId: id}) WHERE NOT EXISTS { MATCH (:Entity {id: id}) } DELETE t`, {
      ids: touched.entityIds,
    });
    await run(`UNWIND $ids AS id MATCH (x:Entity {id: id}) ${affiliationsOf('x', 'a')} ${AFFILIATION_TALLY}`, { ids: touched.entityIds });
  }
  if (touched.statementDates.length > 0) {
    await run(`UNWIND $keys AS k ${dateTally(TALLY.statementDate, 'Statement')}`, { keys: touched.statementDates });
  }
  if (touched.eventDates.length > 0) await run(`UNWIND $keys AS k ${dateTally(TALLY.eventDate, 'Event')}`, { keys: touched.eventDates });
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

/** Back-fills every tally from the graph once (a migration: auto-commit statements, in batches). */
export const TALLY_MIGRATION: { cypher: string; params: Record<string, unknown> }[] = [
  { cypher: `MATCH (t:Tally) CALL (t) { DELETE t } IN TRANSACTIONS OF 10000 ROWS`, params: {} },
  { cypher: `MATCH (e:Entity) CALL (e) { ${ENTITY_TALLIES} } IN TRANSACTIONS OF 1000 ROWS`, params: { entityGroups: ENTITY_GROUPS } },
  {
    cypher: `MATCH (a:Entity) WHERE a.kind IN ['Country', 'Organization'] CALL (a) { ${AFFILIATION_TALLY} } IN TRANSACTIONS OF 1000 ROWS`,
    params: {},
  },
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
