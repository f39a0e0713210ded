// Cypher map projections shared by the domain modules: one place decides what a record carries.
// Each is a map expression, usable in RETURN (`RETURN ${STATEMENT_MAP} AS statement`) and in collect().
// Lists inside a record are capped at MAX_LINKS: a record never grows with the corpus (a claim that
// thousands of statements take a stance on still loads the first MAX_LINKS; page the rest by list).

/** Most links of one kind a record carries (the largest page a client may ask for). */
export const MAX_LINKS = 100;

/** Entity `e`. Its mentions are a lookup of their own (they grow with the corpus). */
export const ENTITY_MAP = `{props: e {.*}}`;

/** Claim `c` is contested: a conflicting claim is linked, or some statement supports it while another denies it. */
export const CONTESTED = `(EXISTS { MATCH (c)-[:CONFLICTS_WITH]-(:Claim) }
  OR (EXISTS { MATCH (:Statement)-[r:TAKES_STANCE]->(c) WHERE r.stance IN ['ASSERTS', 'ESTIMATES', 'ACCUSES'] }
      AND EXISTS { MATCH (:Statement)-[r:TAKES_STANCE]->(c) WHERE r.stance = 'DENIES' }))`;

/** Statement `st` with its links. */
export const STATEMENT_MAP = `{props: st {.*},
  speakerIds: COLLECT { MATCH (sp:Entity)-[:SAID]->(st) RETURN sp.id ORDER BY sp.id LIMIT ${MAX_LINKS} },
  viaIds: COLLECT { MATCH (st)-[:VIA]->(o:Entity) RETURN o.id ORDER BY o.id LIMIT 1 },
  citedIds: COLLECT { MATCH (st)-[:CITES]->(c:Entity) RETURN c.id ORDER BY c.id LIMIT ${MAX_LINKS} },
  aboutIds: COLLECT { MATCH (st)-[:ABOUT]->(a:Entity) RETURN a.id ORDER BY a.id LIMIT ${MAX_LINKS} },
  evidenceIds: COLLECT { MATCH (st)-[:EVIDENCED_BY]->(ev:Evidence) RETURN ev.id ORDER BY ev.start LIMIT ${MAX_LINKS} },
  stances: COLLECT { MATCH (st)-[r:TAKES_STANCE]->(c:Claim)
            RETURN {statementId: st.id, claimId: c.id, stance: r.stance, evidenceIds: r.evidenceIds} ORDER BY c.id, r.stance LIMIT ${MAX_LINKS} }}`;

/** Claim `c` with its links and whether it is contested. */
export const CLAIM_MAP = `{props: c {.*},
  aboutIds: COLLECT { MATCH (c)-[:ABOUT]->(a:Entity) RETURN a.id ORDER BY a.id LIMIT ${MAX_LINKS} },
  evidenceIds: COLLECT { MATCH (c)-[:EVIDENCED_BY]->(ev:Evidence) RETURN ev.id ORDER BY ev.start LIMIT ${MAX_LINKS} },
  conflictIds: COLLECT { MATCH (c)-[:CONFLICTS_WITH]-(o:Claim) RETURN DISTINCT o.id ORDER BY o.id LIMIT ${MAX_LINKS} },
  stances: COLLECT { MATCH (s:Statement)-[r:TAKES_STANCE]->(c)
            RETURN {statementId: s.id, claimId: c.id, stance: r.stance, evidenceIds: r.evidenceIds} ORDER BY s.id, r.stance LIMIT ${MAX_LINKS} },
  contested: ${CONTESTED}}`;

/** Relationship types between entities (not the statement/claim/evidence plumbing). */
export const ENTITY_RELATIONSHIP_TYPES = 'HOLDS_ROLE|PART_OF|PARTY_TO|AT_WAR_WITH|ALLIED_WITH|INVOLVED_IN|SUPPLIES|LOCATED_IN';
