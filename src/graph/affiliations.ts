// Who speaks for what. A statement counts towards an affiliation when one of its speakers is that
// entity, or is part of or holds a role in a body that is part of it (up to four levels). Walking
// that out from a country reads every statement of every member before a page of them can be cut,
// so every write keeps the answer as (:Statement)-[:COUNTS_FOR {affiliationId, orderKey}]->(:Entity)
// links of current statements, and a page of an affiliation's statements is a range of the
// (affiliationId, orderKey) relationship index: work follows the page size, not the country's size.

/** The link from a current statement to each entity it counts towards. */
export const COUNTS_FOR = 'COUNTS_FOR';

/**
 * Binds `member` to each distinct member of affiliation `affiliation`: itself, the bodies that are
 * part of it (up to four levels down), and whoever is part of or holds a role in one of them.
 */
export function affiliationMembers(affiliation: string, member: string): string {
  // Variable-length relationships then DISTINCT, so Neo4j walks breadth-first and prunes instead of
  // enumerating every path (a person with hundreds of roles reaches the same body many ways).
  return `CALL (${affiliation}) {
         RETURN ${affiliation} AS ${member}
         UNION
         MATCH (${affiliation})<-[:PART_OF*0..3]-(body:Entity)
         WITH DISTINCT body
         MATCH (body)<-[:PART_OF|HOLDS_ROLE]-(${member}:Entity)
         RETURN ${member}
       }
       WITH DISTINCT ${member}`;
}

/** Binds `affiliation` to each entity `member` counts towards, of any kind (the inverse of affiliationMembers). */
function everyAffiliationOf(member: string, affiliation: string): string {
  return `CALL (${member}) {
    RETURN ${member} AS ${affiliation}
    UNION
    MATCH (${member})-[:PART_OF|HOLDS_ROLE]->(body:Entity)
    WITH DISTINCT body
    MATCH (body)-[:PART_OF*0..3]->(${affiliation}:Entity)
    RETURN ${affiliation}
  }
  WITH DISTINCT ${affiliation}`;
}

/** The kinds of entity whose statement counts a dashboard ranks (see ENTITY_COUNT.affiliation). */
export const AFFILIATION_KINDS = `['Country', 'Organization']`;

/** Binds `affiliation` to each country or organization whose statements those of `member` count towards. */
export function affiliationsOf(member: string, affiliation: string): string {
  return `${everyAffiliationOf(member, affiliation)} WHERE ${affiliation}.kind IN ${AFFILIATION_KINDS}`;
}

/**
 * Re-derives the COUNTS_FOR links of current statement `st` to the entity ids `wanted`: removes
 * those that no longer hold, adds the missing ones, and rewrites only links whose order key moved.
 * Idempotent, so a retried write leaves the same links.
 */
const SYNC_LINKS = `
  CALL (st, wanted) { MATCH (st)-[r:${COUNTS_FOR}]->(a) WHERE NOT a.id IN wanted DELETE r }
  CALL (st, wanted) {
    UNWIND wanted AS id
    MATCH (a:Entity {id: id})
    MERGE (st)-[r:${COUNTS_FOR}]->(a)
    WITH st, r, a WHERE r.orderKey IS NULL OR r.orderKey <> st.orderKey OR r.affiliationId IS NULL
    SET r.affiliationId = a.id, r.orderKey = st.orderKey
  }`;

/** Runs one statement inside the caller's write transaction and returns its rows. */
type Run = (cypher: string, params: Record<string, unknown>) => Promise<unknown>;

/** Statements to relink, with their speakers, and what each of those speakers counts towards. */
interface LinkPlan {
  statements: { id: string; speakers: string[] }[];
  speakers: { id: string; of: string[] }[];
}

/**
 * Binds `st` to each current statement said by an entity of `$structureIds` or anything below it:
 * the statements whose links a PART_OF / HOLDS_ROLE link starting there moves.
 */
const SAID_BELOW_STRUCTURES = `UNWIND $structureIds AS id MATCH (x:Entity {id: id})
       ${affiliationMembers('x', 'sp')}
       MATCH (sp)-[:SAID]->(st:Statement)`;

/** Most statements one write of links carries. */
const LINK_BATCH = 2_000;

/**
 * Re-derives the links of the given statements (written, changed, retracted or removed) and of every
 * statement said by someone whose affiliations a changed PART_OF / HOLDS_ROLE link starting at one of
 * `structureIds` moves (that entity and everything below it). Each speaker's affiliations are walked
 * once, however many of its statements are relinked.
 */
export async function relinkAffiliations(run: Run, statementIds: string[], structureIds: string[]): Promise<void> {
  if (statementIds.length > 0) {
    // A retracted statement counts towards nothing (a removed one lost its links with its node).
    await run(`MATCH (st:RetractedStatement)-[r:${COUNTS_FOR}]->() WHERE st.id IN $ids DELETE r`, { ids: statementIds });
  }
  if (statementIds.length === 0 && structureIds.length === 0) return;
  const [plan] = (await run(
    `CALL () {
       UNWIND $statementIds AS id MATCH (st:Statement {id: id}) RETURN st
       UNION
       ${SAID_BELOW_STRUCTURES} RETURN st
     }
     WITH collect(st) AS relinked
     CALL (relinked) {
       UNWIND relinked AS st
       RETURN collect({id: st.id, speakers: COLLECT { MATCH (sp:Entity)-[:SAID]->(st) RETURN sp.id }}) AS statements
     }
     CALL (relinked) {
       UNWIND relinked AS st
       MATCH (sp:Entity)-[:SAID]->(st)
       WITH DISTINCT sp
       CALL (sp) { ${everyAffiliationOf('sp', 'a')} RETURN collect(a.id) AS of }
       RETURN collect({id: sp.id, of: of}) AS speakers
     }
     RETURN statements, speakers`,
    { statementIds, structureIds },
  )) as LinkPlan[];
  if (!plan) return;
  const affiliationsOfSpeaker = new Map(plan.speakers.map((speaker) => [speaker.id, speaker.of]));
  const rows = plan.statements.map((statement) => ({
    id: statement.id,
    wanted: [...new Set(statement.speakers.flatMap((speaker) => affiliationsOfSpeaker.get(speaker) ?? []))],
  }));
  for (let start = 0; start < rows.length; start += LINK_BATCH) {
    await run(`UNWIND $rows AS row MATCH (st:Statement {id: row.id}) WITH st, row.wanted AS wanted ${SYNC_LINKS}`, {
      rows: rows.slice(start, start + LINK_BATCH),
    });
  }
}

/** The ids of the statements SAID_BELOW_STRUCTURES binds for `structureIds`: those whose links a change there may move. */
export async function statementsBelow(run: Run, structureIds: string[]): Promise<string[]> {
  if (structureIds.length === 0) return [];
  const [row] = (await run(`RETURN COLLECT { ${SAID_BELOW_STRUCTURES} RETURN DISTINCT st.id } AS ids`, { structureIds })) as {
    ids: string[];
  }[];
  return row?.ids ?? [];
}

/** Links every current statement from scratch (a migration: an auto-commit statement, in batches). */
export const RELINK_ALL = `MATCH (st:Statement)
  CALL (st) {
    CALL (st) {
      MATCH (sp:Entity)-[:SAID]->(st)
      CALL (sp) { ${everyAffiliationOf('sp', 'a')} RETURN a }
      RETURN collect(DISTINCT a.id) AS wanted
    }
    ${SYNC_LINKS}
  } IN TRANSACTIONS OF 1000 ROWS`;

/** The starting ends of the links among `relationships` that make one entity a member of another. */
export function membershipStarts(relationships: readonly { type: string; from: string }[]): string[] {
  return relationships.filter((rel) => rel.type === 'PART_OF' || rel.type === 'HOLDS_ROLE').map((rel) => rel.from);
}
