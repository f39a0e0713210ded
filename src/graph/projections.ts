// Cypher map projections shared by the domain modules: one place decides what a record carries.
// Each is a map expression, usable in RETURN (`RETURN ${STATEMENT_MAP} AS statement`) and in collect().

/** Entity `e` with the ids of the spans that mention it. */
export const ENTITY_MAP = `{props: e {.*},
  mentionIds: COLLECT { MATCH (e)-[:MENTIONED_IN]->(ev:Evidence) RETURN ev.id ORDER BY ev.sourceId, ev.start }}`;

/** Statement `st` with every link it has. */
export const STATEMENT_MAP = `{props: st {.*},
  speakerIds: COLLECT { MATCH (sp:Entity)-[:SAID]->(st) RETURN sp.id ORDER BY sp.id },
  viaIds: COLLECT { MATCH (st)-[:VIA]->(o:Entity) RETURN o.id },
  citedIds: COLLECT { MATCH (st)-[:CITES]->(c:Entity) RETURN c.id ORDER BY c.id },
  aboutIds: COLLECT { MATCH (st)-[:ABOUT]->(a:Entity) RETURN a.id ORDER BY a.id },
  evidenceIds: COLLECT { MATCH (st)-[:EVIDENCED_BY]->(ev:Evidence) RETURN ev.id ORDER BY ev.start },
  stances: COLLECT { MATCH (st)-[r:TAKES_STANCE]->(c:Claim)
            RETURN {statementId: st.id, claimId: c.id, stance: r.stance, evidenceIds: r.evidenceIds} ORDER BY c.id, r.stance }}`;

/** Claim `c` with every link it has. */
export const CLAIM_MAP = `{props: c {.*},
  aboutIds: COLLECT { MATCH (c)-[:ABOUT]->(a:Entity) RETURN a.id ORDER BY a.id },
  evidenceIds: COLLECT { MATCH (c)-[:EVIDENCED_BY]->(ev:Evidence) RETURN ev.id ORDER BY ev.start },
  conflictIds: COLLECT { MATCH (c)-[:CONFLICTS_WITH]-(o:Claim) RETURN o.id ORDER BY o.id },
  stances: COLLECT { MATCH (s:Statement)-[r:TAKES_STANCE]->(c)
            RETURN {statementId: s.id, claimId: c.id, stance: r.stance, evidenceIds: r.evidenceIds} ORDER BY s.id, r.stance }}`;

/** Relationship types between entities (not the statement/claim/evidence plumbing). */
export const ENTITY_RELATIONSHIP_TYPES = 'HOLDS_ROLE|PART_OF|PARTY_TO|AT_WAR_WITH|ALLIED_WITH|INVOLVED_IN|SUPPLIES|LOCATED_IN';
