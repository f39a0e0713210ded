// The ceiling: no GraphQL, one hand-written Cypher query per request on neo4j-driver, answering the
// canonical facts directly. POST /shape/<name> with the probe values the shape needs as JSON.
// Each query starts from the most selective node (an index seek on id / measure, or a full-text
// index), reads only what the facts need and runs in one round-trip.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import neo4j, { type Driver } from 'neo4j-driver';
import { pathFacts, searchFacts, type RunningServer, type ServerModule, type ShapeBinding, type ShapeName } from '../contract.js';
import { affiliatedStatements, evidenceOf, firstRelationships, SHORTEST_3_PATHS } from './cypher.js';

type Json = Record<string, unknown>;

// Orders use the keys our loader stores and range-indexes (src/graph/derived.ts): Entity.nameOrder
// = lower-cased name, U+0001, id; Statement.orderKey = date key (undated '9999-99-99'), U+0001, id.

export const QUERIES = {
  /** An entity's first 10 relationships with the quotes of the evidence their ids reference, in id-list order. */
  entity: `
      MATCH (e:Entity {id: $id})
      ${firstRelationships('10', 'rels')}
      RETURN e.name AS name, [x IN rels | {
        type: x.type,
        direction: CASE WHEN x.outgoing THEN 'OUTGOING' ELSE 'INCOMING' END,
        other: x.other,
        evidence: ${evidenceOf('x', 'ev.quote')}
      }] AS relationships`,
  /** The first 20 entities by lower-cased name then id (read in order from the nameOrder index), each with 5 relationships and 5 statements said. */
  entities20: `
      MATCH (e:Entity) WHERE e.nameOrder > ''
      WITH e ORDER BY e.nameOrder LIMIT 20
      ${firstRelationships('5', 'rels')}
      RETURN e.name AS name,
        [x IN rels | {type: x.type, other: x.other}] AS relationships,
        COLLECT {
          MATCH (e)-[:SAID]->(st:Statement)
          WITH st ORDER BY st.orderKey LIMIT 5
          RETURN {summary: st.summary, speakers: COLLECT { MATCH (sp:Entity)-[:SAID]->(st) RETURN sp.name }}
        } AS statements`,
  /** From the affiliation outwards: it, the bodies PART_OF{0,3} it, whoever is PART_OF / HOLDS_ROLE in one; their statements. */
  affiliation: `${affiliatedStatements('20')}
      RETURN st.summary AS summary, COLLECT { MATCH (s:Entity)-[:SAID]->(st) RETURN s.name } AS speakers`,
  /** The 3 shortest paths by length, then relationship ids joined with '/' (exact: see SHORTEST_3_PATHS). */
  paths: `${SHORTEST_3_PATHS}
      RETURN length(p) AS length, [i IN range(0, size(rels) - 1) | {type: type(rels[i]), from: nodes[i].name, to: nodes[i + 1].name}] AS hops`,
  /** The first 20 claims of the measure by id (index seek on measure), with conflicts and stances. */
  claims: `
      MATCH (c:Claim {measure: $measure})
      WITH c ORDER BY c.id LIMIT 20
      RETURN c.proposition AS proposition, c.value AS value,
        COLLECT { MATCH (c)-[:CONFLICTS_WITH]-(o:Claim) RETURN DISTINCT o.id } AS conflictsWith,
        COLLECT {
          MATCH (s:Statement)-[t:TAKES_STANCE]->(c)
          RETURN {stance: t.stance, speakers: COLLECT { MATCH (sp:Entity)-[:SAID]->(s) RETURN sp.name }}
        } AS stances`,
  /** The top 10 of both full-text indexes together, by score. */
  search: `
      CALL () {
        CALL db.index.fulltext.queryNodes('entity_text', $query, {limit: 10}) YIELD node, score
        RETURN score, node.name AS text
        UNION ALL
        CALL db.index.fulltext.queryNodes('statement_text', $query, {limit: 10}) YIELD node, score
        RETURN score, node.summary AS text
      }
      RETURN score, text ORDER BY score DESC LIMIT 10`,
};

/** Integers come back as numbers whatever the driver's integer setting. */
const num = (value: unknown): number => (neo4j.isInt(value) ? value.toNumber() : Number(value));
const sorted = (list: unknown): string[] => (list as string[]).slice().sort();
const byStanceThenSpeakers = (a: { stance: string; speakers: string[] }, b: { stance: string; speakers: string[] }) =>
  (a.stance + a.speakers.join()).localeCompare(b.stance + b.speakers.join());

type Row = Record<string, unknown>;

/** Runs a shape's query and shapes its rows into the canonical facts. */
const SHAPES: Record<string, { query: string; params(body: Json): Json; facts(rows: Row[]): unknown }> = {
  entity: {
    query: QUERIES.entity,
    params: (body) => ({ id: String(body.id) }),
    facts: (rows) => {
      const row = rows[0];
      if (!row) throw new NotFound('entity not found');
      return {
        name: row.name,
        relationships: (row.relationships as Row[]).map((x) => ({
          type: x.type,
          direction: x.direction,
          other: x.other,
          evidence: x.evidence,
        })),
      };
    },
  },
  entities20: {
    query: QUERIES.entities20,
    params: () => ({}),
    facts: (rows) =>
      rows.map((row) => ({
        name: row.name,
        relationships: (row.relationships as Row[]).map((x) => ({ type: x.type, other: x.other })),
        statements: (row.statements as Row[]).map((statement) => ({ summary: statement.summary, speakers: sorted(statement.speakers) })),
      })),
  },
  affiliation: {
    query: QUERIES.affiliation,
    params: (body) => ({ id: String(body.id) }),
    facts: (rows) => rows.map((row) => ({ summary: row.summary, speakers: sorted(row.speakers) })),
  },
  paths: {
    query: QUERIES.paths,
    params: (body) => ({ from: String(body.from), to: String(body.to) }),
    facts: (rows) =>
      pathFacts(
        rows.map((row) => ({
          length: num(row.length),
          hops: (row.hops as Row[]).map((hop) => ({ type: hop.type, from: hop.from, to: hop.to })),
        })),
      ),
  },
  claims: {
    query: QUERIES.claims,
    params: (body) => ({ measure: String(body.measure) }),
    facts: (rows) =>
      rows.map((row) => ({
        proposition: row.proposition,
        value: row.value == null ? null : num(row.value),
        conflictsWith: sorted(row.conflictsWith),
        stances: (row.stances as Row[])
          .map((stance) => ({ stance: String(stance.stance), speakers: sorted(stance.speakers) }))
          .sort(byStanceThenSpeakers),
      })),
  },
  search: {
    query: QUERIES.search,
    params: (body) => ({ query: String(body.query) }),
    facts: (rows) => searchFacts(rows.map((row) => ({ score: num(row.score), text: String(row.text) }))),
  },
};

class NotFound extends Error {}

const shape = (name: string, body: Json) => ({ path: `/shape/${name}`, body });

/** The answer is the facts themselves; an error answer is `{ error }`. */
const identity = (answer: unknown) => {
  if (answer !== null && typeof answer === 'object' && 'error' in answer) throw new Error(`raw error: ${String(answer.error)}`);
  return answer;
};

const bindings: Record<ShapeName, ShapeBinding> = {
  entity: { call: (p) => shape('entity', { id: p.entityId }), facts: identity },
  hub: { call: (p) => shape('entity', { id: p.hubId }), facts: identity },
  entities20: { call: () => shape('entities20', {}), facts: identity },
  affiliation: { call: (p) => shape('affiliation', { id: p.affiliationId }), facts: identity },
  paths: { call: (p) => shape('paths', { from: p.pathFrom, to: p.pathTo }), facts: identity },
  claims: { call: (p) => shape('claims', { measure: p.measure }), facts: identity },
  search: { call: (p) => shape('search', { query: p.searchTerm }), facts: identity },
};

async function readBody(request: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const body: unknown = text ? JSON.parse(text) : {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new SyntaxError('body must be a JSON object');
  return body as Json;
}

function send(response: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

async function handle(driver: Driver, database: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const name = request.method === 'POST' && request.url?.startsWith('/shape/') ? request.url.slice('/shape/'.length) : null;
  const definition = name !== null && Object.hasOwn(SHAPES, name) ? SHAPES[name] : undefined;
  if (!definition) return send(response, 404, { error: 'POST /shape/<name>' });
  let params: Json;
  try {
    params = definition.params(await readBody(request));
  } catch (error) {
    return send(response, 400, { error: String(error) });
  }
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    const rows = await session.executeRead(async (tx) =>
      (await tx.run(definition.query, params)).records.map((record) => record.toObject()),
    );
    send(response, 200, definition.facts(rows));
  } catch (error) {
    send(response, error instanceof NotFound ? 404 : 500, { error: error instanceof Error ? error.message : String(error) });
  } finally {
    await session.close();
  }
}

/** A node:http server answering POST /shape/<name> with one read transaction on the given driver. */
export const raw: ServerModule = {
  name: 'raw',
  bindings,
  async start({ driver, database, port }): Promise<RunningServer> {
    const server = createServer((request, response) => {
      handle(driver, database, request, response).catch((error: unknown) => {
        if (!response.headersSent) send(response, 500, { error: String(error) });
        else response.destroy();
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
      url,
      close: () =>
        new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeAllConnections();
        }),
    };
  },
};
