// An independent recount of the dashboard tallies, straight from the graph with plain aggregations
// (none of src/graph/tallies.ts's Cypher), to check that every write path keeps them right.
import type { GraphExecutor } from '../../src/graph/executor.js';
import { contested } from '../../src/graph/projections.js';

/** group → key → count, as a plain object for toEqual. */
export type TallyTable = Record<string, Record<string, number>>;

const ENTITY_TYPES = 'HOLDS_ROLE|PART_OF|PARTY_TO|AT_WAR_WITH|ALLIED_WITH|INVOLVED_IN|SUPPLIES|LOCATED_IN';

/** What the tallies should hold for these entity ids and date keys (and every stance, and contested claims). */
export async function recountFromScratch(executor: GraphExecutor, entityIds: string[], dateKeys: string[]): Promise<TallyTable> {
  const rows = await executor.readRows<{ group: string; key: string; count: number }>(
    `CALL () {
       UNWIND $ids AS id MATCH (e:Entity {id: id})-[:SAID]->(:Statement) RETURN 'said' AS group, id AS key, count(*) AS count
       UNION ALL
       UNWIND $ids AS id MATCH (:Statement)-[:VIA]->(e:Entity {id: id}) RETURN 'via' AS group, id AS key, count(*) AS count
       UNION ALL
       UNWIND $ids AS id MATCH (:Statement)-[:ABOUT]->(e:Entity {id: id}) RETURN 'about' AS group, id AS key, count(*) AS count
       UNION ALL
       UNWIND $ids AS id MATCH (e:Entity {id: id})-[r:${ENTITY_TYPES}]-(:Entity) RETURN 'degree|ALL|' + e.kind AS group, id AS key, count(r) AS count
       UNION ALL
       UNWIND $ids AS id MATCH (e:Entity {id: id})-[r:${ENTITY_TYPES}]-(:Entity) RETURN 'degree|' + type(r) + '|' + e.kind AS group, id AS key, count(r) AS count
       UNION ALL
       UNWIND $ids AS id MATCH (a:Entity {id: id}) WHERE a.kind IN ['Country', 'Organization']
       MATCH (sp:Entity)-[:SAID]->(st:Statement)
       WHERE sp = a OR EXISTS { MATCH (sp)-[:PART_OF|HOLDS_ROLE]->(:Entity)-[:PART_OF*0..3]->(a) }
       RETURN 'affiliation' AS group, id AS key, count(DISTINCT st) AS count
       UNION ALL
       MATCH (:Statement)-[r:TAKES_STANCE]->(:Claim) RETURN 'stance' AS group, r.stance AS key, count(*) AS count
       UNION ALL
       UNWIND $dates AS k MATCH (st:Statement) WHERE st.dateSortKey = k RETURN 'statement-date' AS group, k AS key, count(*) AS count
       UNION ALL
       UNWIND $dates AS k MATCH (e:Event) WHERE e.dateSortKey = k RETURN 'event-date' AS group, k AS key, count(*) AS count
       UNION ALL
       UNWIND $months AS m MATCH (n:Statement|Event) WHERE n.dateSortKey STARTS WITH substring(m, 0, 8)
       RETURN CASE WHEN n:Statement THEN 'statement-month' ELSE 'event-month' END AS group, m AS key, count(*) AS count
       UNION ALL
       UNWIND $years AS y MATCH (n:Statement|Event) WHERE n.dateSortKey STARTS WITH substring(y, 0, 5)
       RETURN CASE WHEN n:Statement THEN 'statement-year' ELSE 'event-year' END AS group, y AS key, count(*) AS count
       UNION ALL
       MATCH (c:Claim) WHERE ${contested('c')} RETURN 'claims' AS group, 'contested' AS key, count(*) AS count
     }
     RETURN group, key, count`,
    { ids: entityIds, dates: dateKeys, ...periodsOf(dateKeys) },
  );
  return table(rows.filter((row) => row.count > 0));
}

/** What the graph keeps for the same entity ids (their count properties) and date keys, every stance, and contested claims. */
export async function storedTallies(executor: GraphExecutor, entityIds: string[], dateKeys: string[]): Promise<TallyTable> {
  const rows = await executor.readRows<{ group: string; key: string; count: number }>(
    `CALL () {
       UNWIND $ids AS id MATCH (e:Entity {id: id})
       UNWIND [['said', e.saidCount], ['via', e.viaCount], ['about', e.aboutCount], ['affiliation', e.affiliationCount],
               ['degree|ALL|' + e.kind, e.degree]] +
              [key IN keys(e) WHERE key STARTS WITH 'degree_' | ['degree|' + substring(key, 7) + '|' + e.kind, e[key]]] AS pair
       RETURN pair[0] AS group, id AS key, pair[1] AS count
       UNION ALL
       MATCH (t:Tally)
       WHERE (t.group IN ['statement-date', 'event-date'] AND t.key IN $dates) OR t.group IN ['stance', 'claims'] OR
             (t.group IN ['statement-month', 'event-month'] AND t.key IN $months) OR (t.group IN ['statement-year', 'event-year'] AND t.key IN $years)
       RETURN t.group AS group, t.key AS key, t.count AS count
     }
     RETURN group, key, count`,
    { ids: entityIds, dates: dateKeys, ...periodsOf(dateKeys) },
  );
  return table(rows.filter((row) => row.count !== null && row.count > 0));
}

/** The months (YYYY-MM-00) and years (YYYY-00-00) of date keys: the coarser tallies the same writes move. */
function periodsOf(dateKeys: string[]): { months: string[]; years: string[] } {
  const months = dateKeys.filter((key) => key.slice(5, 7) !== '00').map((key) => `${key.slice(0, 7)}-00`);
  return { months: [...new Set(months)], years: [...new Set(dateKeys.map((key) => `${key.slice(0, 4)}-00-00`))] };
}

/** affiliation id → its linked statements as `id@orderKey`, sorted; links whose key is not the statement's are marked stale. */
export type LinkTable = Record<string, string[]>;

/** The COUNTS_FOR links stored towards these entity ids. */
export async function affiliationLinks(executor: GraphExecutor, entityIds: string[]): Promise<LinkTable> {
  const rows = await executor.readRows<{ id: string; linked: string[] }>(
    `UNWIND $ids AS id MATCH (a:Entity {id: id})<-[r:COUNTS_FOR]-(st)
     RETURN id, collect(st.id + '@' + CASE WHEN r.orderKey = st.orderKey AND r.affiliationId = id AND st:Statement THEN st.orderKey ELSE 'stale' END) AS linked`,
    { ids: entityIds },
  );
  return links(rows);
}

/** What the links towards these entity ids should be: current statements whose speaker is one, or is part of / holds a role in something within three PART_OF steps of one. */
export async function affiliationLinksFromScratch(executor: GraphExecutor, entityIds: string[]): Promise<LinkTable> {
  const rows = await executor.readRows<{ id: string; linked: string[] }>(
    `UNWIND $ids AS id MATCH (a:Entity {id: id})
     MATCH (sp:Entity)-[:SAID]->(st:Statement)
     WHERE sp = a OR EXISTS { MATCH (sp)-[:PART_OF|HOLDS_ROLE]->(:Entity)-[:PART_OF*0..3]->(a) }
     WITH id, collect(DISTINCT st.id + '@' + st.orderKey) AS linked
     RETURN id, linked`,
    { ids: entityIds },
  );
  return links(rows);
}

function links(rows: { id: string; linked: string[] }[]): LinkTable {
  return Object.fromEntries(rows.filter((row) => row.linked.length > 0).map((row) => [row.id, [...row.linked].sort()]));
}

function table(rows: { group: string; key: string; count: number }[]): TallyTable {
  const result: TallyTable = {};
  for (const row of rows) (result[row.group] ??= {})[row.key] = row.count;
  return result;
}
