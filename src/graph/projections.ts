// Cypher map projections shared by the domain modules: one place decides what a record carries.
// Each is a map expression, usable in RETURN (`RETURN ${STATEMENT_MAP} AS statement`) and in collect().
// Lists inside a record are capped at MAX_LINKS: a record never grows with the corpus (a claim that
// thousands of statements take a stance on still loads the first MAX_LINKS; page the rest by list).
import { DATE_PARTS } from './records.js';

/** Most links of one kind a record carries (the largest page a client may ask for). */
export const MAX_LINKS = 100;

/**
 * The entity properties a record holds (see entityFrom): named, not `{.*}`, because an entity also
 * keeps bookkeeping that no field reads (counts, write stamps, sort keys).
 */
const ENTITY_RECORD_PROPERTIES = [
  'id',
  'kind',
  'name',
  'aliases',
  'statedAliases',
  'description',
  'background',
  'orgType',
  'eventStatus',
  ...DATE_PARTS.map((part) => `date${part}`),
];

/** Entity `node` as a record map. Its mentions are a lookup of their own (they grow with the corpus). */
export const entityMap = (node: string) => `{props: ${node} {${ENTITY_RECORD_PROPERTIES.map((name) => `.${name}`).join(', ')}}}`;

/** Entity `e` as a record map. */
export const ENTITY_MAP = entityMap('e');

/** A claim is contested: a conflicting claim is linked, or some statement supports it while another denies it. */
export function contested(c: string): string {
  return `(EXISTS { MATCH (${c})-[:CONFLICTS_WITH]-(:Claim) }
  OR (EXISTS { MATCH (:Statement)-[_r:TAKES_STANCE]->(${c}) WHERE _r.stance IN ['ASSERTS', 'ESTIMATES', 'ACCUSES'] }
      AND EXISTS { MATCH (:Statement)-[_r:TAKES_STANCE]->(${c}) WHERE _r.stance = 'DENIES' }))`;
}

/** Claim `c` is contested (see contested()). */
export const CONTESTED = contested('c');

type Links = Record<string, readonly [key: string, cypher: (node: string) => string]>;

/**
 * Each link list of a statement, by the GraphQL field that reads it: the key in the record map and
 * its COLLECT over the statement variable. Inner variables start with `_`, never the name of an outer one.
 */
export const STATEMENT_LINKS = {
  speakers: ['speakerIds', (st) => `COLLECT { MATCH (_sp:Entity)-[:SAID]->(${st}) RETURN _sp.id ORDER BY _sp.id LIMIT ${MAX_LINKS} }`],
  via: ['viaIds', (st) => `COLLECT { MATCH (${st})-[:VIA]->(_o:Entity) RETURN _o.id ORDER BY _o.id LIMIT 1 }`],
  cites: ['citedIds', (st) => `COLLECT { MATCH (${st})-[:CITES]->(_c:Entity) RETURN _c.id ORDER BY _c.id LIMIT ${MAX_LINKS} }`],
  about: ['aboutIds', (st) => `COLLECT { MATCH (${st})-[:ABOUT]->(_a:Entity) RETURN _a.id ORDER BY _a.id LIMIT ${MAX_LINKS} }`],
  evidence: [
    'evidenceIds',
    (st) => `COLLECT { MATCH (${st})-[:EVIDENCED_BY]->(_ev:Evidence) RETURN _ev.id ORDER BY _ev.start LIMIT ${MAX_LINKS} }`,
  ],
  stances: [
    'stances',
    (st) => `COLLECT { MATCH (${st})-[_r:TAKES_STANCE]->(_c:Claim)
       RETURN {statementId: ${st}.id, claimId: _c.id, stance: _r.stance, evidenceIds: _r.evidenceIds} ORDER BY _c.id, _r.stance LIMIT ${MAX_LINKS} }`,
  ],
} as const satisfies Links;

/** Each link list of a claim, by the GraphQL field that reads it (and whether it is contested). */
export const CLAIM_LINKS = {
  about: ['aboutIds', (c) => `COLLECT { MATCH (${c})-[:ABOUT]->(_a:Entity) RETURN _a.id ORDER BY _a.id LIMIT ${MAX_LINKS} }`],
  evidence: [
    'evidenceIds',
    (c) => `COLLECT { MATCH (${c})-[:EVIDENCED_BY]->(_ev:Evidence) RETURN _ev.id ORDER BY _ev.start LIMIT ${MAX_LINKS} }`,
  ],
  conflictsWith: [
    'conflictIds',
    (c) => `COLLECT { MATCH (${c})-[:CONFLICTS_WITH]-(_o:Claim) RETURN DISTINCT _o.id ORDER BY _o.id LIMIT ${MAX_LINKS} }`,
  ],
  stances: [
    'stances',
    (c) => `COLLECT { MATCH (_s:Statement)-[_r:TAKES_STANCE]->(${c})
       RETURN {statementId: _s.id, claimId: ${c}.id, stance: _r.stance, evidenceIds: _r.evidenceIds} ORDER BY _s.id, _r.stance LIMIT ${MAX_LINKS} }`,
  ],
  contested: ['contested', (c) => contested(c)],
} as const satisfies Links;

/** A record map: the node's properties and the given links. */
export function recordMap(node: string, links: Links, fields: readonly string[] = Object.keys(links)): string {
  const parts = fields.flatMap((field) => {
    const link = links[field];
    return link ? [`${link[0]}: ${link[1](node)}`] : [];
  });
  return `{props: ${node} {.*}${parts.map((part) => `,\n  ${part}`).join('')}}`;
}

/** Statement `st` with its links. */
export const STATEMENT_MAP = recordMap('st', STATEMENT_LINKS);

/** Claim `c` with its links and whether it is contested. */
export const CLAIM_MAP = recordMap('c', CLAIM_LINKS);

/** Relationship types between entities (not the statement/claim/evidence plumbing). */
export const ENTITY_RELATIONSHIP_TYPES = 'HOLDS_ROLE|PART_OF|PARTY_TO|AT_WAR_WITH|ALLIED_WITH|INVOLVED_IN|SUPPLIES|LOCATED_IN';
