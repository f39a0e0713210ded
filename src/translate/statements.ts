// Translation of what a selection asks about statements, the stances they take and claims.
import type { SelectionSetNode } from 'graphql';
import { CLAIM_LINKS, MAX_LINKS, STATEMENT_LINKS } from '../graph/projections.js';
import {
  claimRecordFrom,
  parseStance,
  statementRecordFrom,
  type ClaimRecord,
  type StanceRecord,
  type StatementRecord,
} from '../graph/records.js';
import {
  dateProps,
  evidenceByIds,
  evidenceList,
  firstOf,
  listOf,
  preloadFields,
  Tuple,
  withPreloads,
  withProperties,
  type Compilation,
  type Projection,
  type PropertyTable,
  type Rule,
} from './core.js';
import { entityList } from './entities.js';
import type { FieldRequest } from './selection.js';

const STATEMENT_PROPERTIES: PropertyTable = {
  always: ['id'],
  byField: {
    summary: ['summary'],
    quote: ['quote'],
    quoteEvidence: ['quoteEvidenceId'],
    citesText: ['citesText'],
    date: dateProps('date'),
    source: ['sourceId'],
    retracted: ['retracted'],
  },
};

const CLAIM_PROPERTIES: PropertyTable = {
  always: ['id'],
  byField: {
    proposition: ['proposition'],
    topic: ['topic'],
    quantity: ['measure', 'value', 'unit', 'approximate', 'qualifiers'],
    source: ['sourceId'],
    retracted: ['retracted'],
  },
};

/** StanceTaken fields preloaded, over stance `r` from statement `st` to claim `cl`. */
export function stanceRules(st: string, cl: string, r: string): Record<string, Rule> {
  return {
    claim: (c, _node, field) => claimProjection(c, cl, field.selections),
    statement: (c, _node, field) => statementProjection(c, st, field.selections),
    evidence: (c) => evidenceByIds(c, `${r}.evidenceIds`),
  };
}

/**
 * The stances between statement `st` and claim `cl` (one of them the parent's variable, the other
 * bound here), ordered by `order`, cut at `max`; the `stance` argument filters by the stance taken.
 */
function stanceList(
  c: Compilation,
  field: FieldRequest,
  ends: { st: string; cl: string; bind: 'statement' | 'claim' },
  order: (st: string, r: string, cl: string) => string,
  max: number,
): Projection {
  const { st, cl } = ends;
  const r = c.variable('t');
  const pattern =
    ends.bind === 'statement' ? `(${st}:Statement)-[${r}:TAKES_STANCE]->(${cl})` : `(${st})-[${r}:TAKES_STANCE]->(${cl}:Claim)`;
  const stance = typeof field.args.stance === 'string' ? ` WHERE ${r}.stance = ${c.param(field.args.stance)}` : '';
  const preloads = preloadFields(c, r, field.selections, 'StanceTaken', stanceRules(st, cl, r));
  const tuple = new Tuple();
  tuple.add('statementId', `${st}.id`);
  tuple.add('claimId', `${cl}.id`);
  tuple.add('stance', `${r}.stance`);
  if (preloads.unresolved.has('evidence')) tuple.add('evidenceIds', `${r}.evidenceIds`);
  const attach = withPreloads(tuple, preloads.entries);
  const read = (value: unknown) => {
    const record: StanceRecord = {
      statementId: String(tuple.get(value, 'statementId')),
      claimId: String(tuple.get(value, 'claimId')),
      stance: parseStance(tuple.get(value, 'stance')),
      evidenceIds: (tuple.get(value, 'evidenceIds') as string[] | null | undefined) ?? [],
    };
    return attach(record, value);
  };
  return listOf(
    `COLLECT { MATCH ${pattern}${stance} WITH ${st}, ${r}, ${cl} ORDER BY ${order(st, r, cl)} LIMIT ${c.count(max)} RETURN ${tuple.cypher} AS ${c.variable('x')} }`,
    { cypher: '', read },
  );
}

export const STATEMENT_RULES: Record<string, Rule> = {
  speakers: (c, st, field) => entityList(c, (sp) => `(${sp}:Entity)-[:SAID]->(${st})`, field),
  about: (c, st, field) => entityList(c, (a) => `(${st})-[:ABOUT]->(${a}:Entity)`, field),
  cites: (c, st, field) => entityList(c, (a) => `(${st})-[:CITES]->(${a}:Entity)`, field),
  via: (c, st, field) => entityList(c, (o) => `(${st})-[:VIA]->(${o}:Entity)`, field, true),
  evidence: (c, st) =>
    evidenceList(c, (ev) => `MATCH (${st})-[:EVIDENCED_BY]->(${ev}:Evidence) WITH ${ev} ORDER BY ${ev}.start LIMIT ${MAX_LINKS}`),
  stances: (c, st, field) =>
    stanceList(c, field, { st, cl: c.variable('c'), bind: 'claim' }, (_s, r, cl) => `${cl}.id, ${r}.stance`, MAX_LINKS),
};

/** Adds the id lists of link fields that are selected but left to resolvers (they read ids from the record). */
function withLinks(
  tuple: Tuple,
  node: string,
  links: Record<string, readonly [string, (node: string) => string]>,
  unresolved: Set<string>,
): (raw: unknown) => Record<string, unknown> {
  const chosen = Object.entries(links).filter(([field]) => unresolved.has(field));
  const parts = chosen.map(([, [key, cypher]]) => ({ key, position: tuple.add(`#${key}`, cypher(node)) }));
  return (raw) => {
    const links: Record<string, unknown> = {};
    for (const { key, position } of parts) links[key] = Tuple.at(raw, position);
    return links;
  };
}

/** A statement (node variable `st`) with what the selection asks for under it preloaded. */
export function statementProjection(
  c: Compilation,
  st: string,
  selections: SelectionSetNode[],
  extraProperties: readonly string[] = [],
): Projection<StatementRecord> {
  const preloads = preloadFields(c, st, selections, 'Statement', STATEMENT_RULES);
  const tuple = new Tuple();
  const propertiesOf = withProperties(tuple, st, STATEMENT_PROPERTIES, preloads.unresolved, extraProperties);
  const linksOf = withLinks(tuple, st, STATEMENT_LINKS, preloads.unresolved);
  const attach = withPreloads(tuple, preloads.entries);
  return {
    cypher: tuple.cypher,
    read: (raw) => {
      const record = statementRecordFrom({ props: propertiesOf(raw), ...linksOf(raw) });
      return attach(record, raw);
    },
  };
}

export const CLAIM_RULES: Record<string, Rule> = {
  about: (c, cl, field) => entityList(c, (a) => `(${cl})-[:ABOUT]->(${a}:Entity)`, field),
  evidence: (c, cl) =>
    evidenceList(c, (ev) => `MATCH (${cl})-[:EVIDENCED_BY]->(${ev}:Evidence) WITH ${ev} ORDER BY ${ev}.start LIMIT ${MAX_LINKS}`),
  conflictsWith: (c, cl, field) => {
    const first = firstOf(field.args);
    if (first === null) return null;
    const other = c.variable('k');
    const child = claimProjection(c, other, field.selections);
    return listOf(
      `COLLECT { MATCH (${cl})-[:CONFLICTS_WITH]-(${other}:Claim) WITH DISTINCT ${other} ORDER BY ${other}.id LIMIT ${c.count(first)} RETURN ${child.cypher} AS ${c.variable('x')} }`,
      child,
    );
  },
  stances: (c, cl, field) => {
    const first = firstOf(field.args);
    if (first === null) return null;
    return stanceList(c, field, { st: c.variable('s'), cl, bind: 'statement' }, (s, r) => `${s}.id, ${r}.stance`, first);
  },
};

/** A claim (node variable `cl`) with what the selection asks for under it preloaded. */
export function claimProjection(c: Compilation, cl: string, selections: SelectionSetNode[]): Projection<ClaimRecord> {
  const preloads = preloadFields(c, cl, selections, 'Claim', CLAIM_RULES);
  const tuple = new Tuple();
  const propertiesOf = withProperties(tuple, cl, CLAIM_PROPERTIES, preloads.unresolved);
  const linksOf = withLinks(tuple, cl, CLAIM_LINKS, preloads.unresolved);
  const attach = withPreloads(tuple, preloads.entries);
  return {
    cypher: tuple.cypher,
    read: (raw) => {
      const record = claimRecordFrom({ props: propertiesOf(raw), ...linksOf(raw) });
      return attach(record, raw);
    },
  };
}
