import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphCounts, testExecutor } from '../helpers/graph.js';
import { GRAPHQL_JSON, postGraphQL, rawRequest, rawSocketStatusLine, type RawAnswer } from '../helpers/http.js';
import { useTestServer } from '../helpers/server.js';

const app = useTestServer();
const executor = testExecutor();
afterAll(() => executor.close());

const globalId = (typename: string, slug: string) => Buffer.from(`${typename}:${slug}`).toString('base64url');
const repeat = (text: string, times: number, separator = ' ') =>
  Array.from({ length: times }, (_, i) => text.replaceAll('#', String(i))).join(separator);
const nestRelationships = (levels: number): string =>
  levels === 0 ? 'name' : `name relationships(first: 100) { edges { node { other { ${nestRelationships(levels - 1)} } } } }`;
const nestNeighbours = (levels: number): string =>
  levels === 0 ? 'name' : `neighbours(depth: 3, first: 100) { entity { ${nestNeighbours(levels - 1)} } }`;

interface HostileCase {
  name: string;
  send: (url: string) => Promise<RawAnswer>;
  status: number;
  /** Expected extensions.code of the first error (HTTP-level refusals carry one too). */
  code?: string;
  /** Words the first error's message must contain. */
  message: string;
}

const post =
  (query: string, variables: Record<string, unknown> = {}) =>
  (url: string) =>
    postGraphQL(url, query, variables);
const body =
  (text: string, headers: Record<string, string> = GRAPHQL_JSON) =>
  (url: string) =>
    rawRequest(url, { method: 'POST', headers, body: text });

const CASES: HostileCase[] = [
  // The HTTP envelope.
  { name: 'malformed JSON', send: body('{"query": '), status: 400, code: 'BAD_REQUEST', message: 'invalid JSON' },
  { name: 'empty body', send: body(''), status: 400, code: 'BAD_REQUEST', message: 'invalid JSON' },
  {
    name: 'a batch (JSON array)',
    send: body('[{"query":"{ __typename }"}]'),
    status: 400,
    code: 'BAD_REQUEST',
    message: 'Batching is not supported',
  },
  {
    name: 'variables that are not an object',
    send: body('{"query":"{ __typename }","variables":"x"}'),
    status: 400,
    code: 'BAD_REQUEST',
    message: '"variables" param',
  },
  { name: 'no query', send: body('{"variables":{}}'), status: 400, code: 'BAD_REQUEST', message: 'Must provide query string' },
  {
    name: 'text/plain POST (no preflight)',
    send: body('{"query":"{ __typename }"}', { 'content-type': 'text/plain' }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'application/json',
  },
  {
    name: 'form-encoded POST (CSRF)',
    send: body('query=%7B__typename%7D', { 'content-type': 'application/x-www-form-urlencoded' }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'application/json',
  },
  {
    name: 'multipart POST (CSRF)',
    send: body('--b\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ __typename }"}\r\n--b--\r\n', {
      'content-type': 'multipart/form-data; boundary=b',
    }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'application/json',
  },
  {
    name: 'POST without a content type',
    send: body('{"query":"{ __typename }"}', {}),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'got "none"',
  },
  {
    name: 'mutation over GET',
    send: (url) => rawRequest(`${url}?query=${encodeURIComponent('mutation { x }')}`, { headers: { accept: 'application/json' } }),
    status: 405,
    code: 'BAD_REQUEST',
    message: 'mutation operation from a POST',
  },
  {
    name: 'PUT',
    send: (url) => rawRequest(url, { method: 'PUT', headers: GRAPHQL_JSON, body: '{"query":"{ __typename }"}' }),
    status: 405,
    code: 'BAD_REQUEST',
    message: 'only supports GET and POST',
  },
  {
    name: 'DELETE',
    send: (url) => rawRequest(url, { method: 'DELETE' }),
    status: 405,
    code: 'BAD_REQUEST',
    message: 'only supports GET and POST',
  },
  {
    name: 'oversized body',
    send: body(JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(150_000) } })),
    status: 413,
    code: 'REQUEST_ENTITY_TOO_LARGE',
    message: 'MAX_BODY_BYTES',
  },
  {
    // No Content-Length: the limit applies while the body is read.
    name: 'oversized chunked body',
    send: (url) =>
      rawRequest(url, {
        method: 'POST',
        headers: GRAPHQL_JSON,
        chunks: ['{"query":"{ __typename }","variables":{"pad":"', ...Array.from({ length: 15 }, () => 'x'.repeat(10_000)), '"}}'],
      }),
    status: 413,
    code: 'REQUEST_ENTITY_TOO_LARGE',
    message: 'MAX_BODY_BYTES',
  },
  {
    name: 'foreign Host header (DNS rebinding)',
    send: (url) =>
      rawRequest(url, { method: 'POST', headers: { ...GRAPHQL_JSON, host: 'attacker.example:4000' }, body: '{"query":"{ __typename }"}' }),
    status: 403,
    code: 'HOST_NOT_ALLOWED',
    message: 'ALLOWED_HOSTS',
  },
  // Parsing, validation and the operation limits: refused before any Cypher runs.
  { name: 'syntax error', send: post('{ entity( }'), status: 400, code: 'GRAPHQL_PARSE_FAILED', message: 'Syntax Error' },
  { name: 'unknown field', send: post('{ nope }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: 'Cannot query field "nope"' },
  {
    name: 'unknown operation name',
    send: (url) =>
      rawRequest(url, {
        method: 'POST',
        headers: GRAPHQL_JSON,
        body: JSON.stringify({ query: 'query A { __typename }', operationName: 'B' }),
      }),
    status: 400,
    message: 'operation',
  },
  {
    name: 'cyclic fragments',
    send: post('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }'),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: 'Cannot spread fragment',
  },
  { name: 'token flood', send: post(`{ ${repeat('__typename', 2_100)} }`), status: 400, code: 'QUERY_TOO_COMPLEX', message: 'MAX_TOKENS' },
  {
    name: 'alias bomb of path searches',
    send: post(`{ ${repeat('p#: path(from: "north-korea", to: "ukraine", k: 10, maxHops: 6) { length }', 40)} }`),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
    message: 'MAX_ALIASES',
  },
  {
    name: 'directive flood',
    send: post(`{ ${repeat('__typename @skip(if: false)', 40)} }`),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
    message: 'MAX_DIRECTIVES',
  },
  {
    name: 'relationships nested 8 levels',
    send: post(`{ entity(id: "north-korea") { ${nestRelationships(8)} } }`),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
    message: 'MAX_DEPTH',
  },
  {
    name: 'neighbours(depth: 3) nested 5 levels',
    send: post(`{ entity(id: "north-korea") { ${nestNeighbours(5)} } }`),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
    message: 'exceeds the limit',
  },
  {
    name: 'a page of pages over the cost budget',
    send: post(
      '{ entities(first: 100) { edges { node { relationships(first: 100) { edges { node { other { name slug kind description } } } } } } } }',
    ),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
    message: 'MAX_COST',
  },
  {
    name: 'fragment fan-out over the field budget',
    send: post(
      `{ entity(id: "russia") { ...C } } fragment A on Entity { name slug kind description aliases background id __typename } fragment B on Entity { ${repeat('...A', 10)} } fragment C on Entity { ${repeat('...B', 10)} }`,
    ),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
    message: 'MAX_BREADTH',
  },
  {
    name: 'Int argument out of range',
    send: post('{ entities(first: 99999999999) { totalCount } }'),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: 'Int cannot represent',
  },
  {
    name: 'unknown enum value',
    send: post('{ statements(stance: LIES) { totalCount } }'),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: 'LIES',
  },
  // Arguments: the field fails with BAD_USER_INPUT, the request is answered.
  {
    name: 'more ids than MAX_NODE_IDS',
    send: post('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: Array.from({ length: 101 }, (_, i) => globalId('Country', `c${i}`)),
    }),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: 'MAX_NODE_IDS',
  },
  {
    name: 'first over 100',
    send: post('{ entities(first: 101) { totalCount } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: '"first" must be between 1 and 100',
  },
  {
    name: 'first of 0',
    send: post('{ claims(first: 0) { totalCount } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: '"first" must be between 1 and 100',
  },
  {
    name: 'negative first on a plain list',
    send: post('{ entity(id: "north-korea") { mentions(first: -5) { quote } } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: '"first" must be between 1 and 100',
  },
  {
    name: 'backward pagination',
    send: post('{ statements(last: 5) { totalCount } }'),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: 'Unknown argument "last" on field "Query.statements"',
  },
  {
    name: 'forged cursor',
    send: post('{ entities(after: "not-a-cursor") { totalCount } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: 'Invalid cursor',
  },
  {
    name: 'neighbours too deep',
    send: post('{ entity(id: "north-korea") { neighbours(depth: 4) { distance } } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: '"depth" must be between 1 and 3',
  },
  {
    name: 'too many paths',
    send: post('{ path(from: "north-korea", to: "ukraine", k: 11) { length } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: '"k" must be between 1 and 10',
  },
  {
    name: 'too many hops',
    send: post('{ path(from: "north-korea", to: "ukraine", maxHops: 7) { length } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: '"maxHops" must be between 1 and 6',
  },
  {
    name: 'path from an unknown entity',
    send: post('{ path(from: "atlantis", to: "ukraine") { length } }'),
    status: 200,
    code: 'NOT_FOUND',
    message: 'No entity matches "from": "atlantis"',
  },
  {
    name: 'month 13',
    send: post('{ timeline(from: "2024-13-45") { kind } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: 'no month 13',
  },
  {
    name: 'month 00',
    send: post('{ statements(from: "2024-00-00") { totalCount } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: 'no month 00',
  },
  {
    name: 'February 29 of a common year',
    send: post('{ statements(to: "2023-02-29") { totalCount } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: '2023-02 has no day 29',
  },
  {
    name: 'search over the term limit',
    send: post('query ($q: String!) { search(query: $q) { kind } }', { q: repeat('w#', 40) }),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: 'MAX_SEARCH_TERMS',
  },
  {
    name: 'search over the length limit',
    send: post('query ($q: String!) { search(query: $q) { kind } }', { q: 'x'.repeat(500) }),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: 'MAX_SEARCH_LENGTH',
  },
  {
    name: 'Lucene syntax error',
    send: post('{ search(query: "defense AND (") { kind } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: 'Invalid full-text query',
  },
  {
    name: 'Lucene syntax error in claims(text:)',
    send: post('{ claims(text: "troops OR [") { totalCount } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: 'Invalid full-text query',
  },
  {
    name: 'blank search',
    send: post('{ search(query: "   ") { kind } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: 'must not be empty',
  },
  {
    name: 'a claim id where an entity is expected',
    send: post(`{ entity(id: "${globalId('Claim', 'north-korea')}") { name } }`),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: 'global id of a Claim',
  },
  {
    name: 'a statement id as speaker',
    send: post(`{ statements(speaker: "${globalId('Statement', 'x')}") { totalCount } }`),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: '"speaker" takes an entity',
  },
  {
    name: 'an entity id as claim',
    send: post(`{ statements(claim: "${globalId('Country', 'russia')}") { totalCount } }`),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: '"claim" takes a claim',
  },
  {
    name: 'malformed global id',
    send: post('{ entity(id: "%%%") { name } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: 'Malformed global id',
  },
  {
    name: 'id and name together',
    send: post('{ entity(id: "russia", name: "Russia") { name } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    message: 'exactly one of "id" or "name"',
  },
];

describe('hostile and malformed requests', () => {
  let before: { nodes: number; relationships: number };
  beforeAll(async () => {
    before = await graphCounts(executor);
  });

  it('covers at least 40 kinds of bad request', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))('%s → its status and a clear error', async (_name, testCase) => {
    const answer = await testCase.send(app().url);
    expect(answer.status).toBe(testCase.status);
    const error = answer.json?.errors?.[0];
    expect(error, answer.text).toBeDefined();
    expect(error?.message).toContain(testCase.message);
    if (testCase.code) expect(error?.extensions?.code).toBe(testCase.code);
    expect(answer.text).not.toMatch(/ at .*\.(ts|js):\d+/); // no stack trace
  });

  it('answers a chunked body within the limit', async () => {
    const answer = await rawRequest(app().url, { method: 'POST', headers: GRAPHQL_JSON, chunks: ['{"query":', '"{ __typename }"}'] });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ data: { __typename: 'Query' } });
  });

  // The body limit trusts a declared Content-Length (Node never delivers more): a request that also
  // says chunked, so that its body could run past that length, must not get through at all.
  it('refuses a body declared both by length and as chunked', async () => {
    const { host } = new URL(app().url);
    const statusLine = await rawSocketStatusLine(
      app().url,
      `POST /graphql HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n` +
        `1a\r\n{"query":"{ __typename }"}\r\n0\r\n\r\n`,
    );
    expect(statusLine).toBe('HTTP/1.1 400 Bad Request');
  });

  it('quotes at most 100 characters of bad input back', async () => {
    const huge = `A${'b'.repeat(50_000)}`;
    const answer = await postGraphQL(app().url, 'query ($id: ID!) { entity(id: $id) { name } }', { id: huge });
    const message = answer.json?.errors?.[0]?.message ?? '';
    expect(message).toContain('Malformed global id');
    expect(message.length).toBeLessThan(250);
    const field = await postGraphQL(app().url, `{ ${'q'.repeat(5_000)} }`);
    expect(field.json?.errors?.[0]?.message.length).toBeLessThan(250);
  });

  it('treats control characters as plain text', async () => {
    const answer = await postGraphQL(app().url, 'query ($name: String!) { entity(name: $name) { name } }', {
      name: '\u0000\u0007\u001b[31mKim\r\n',
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ data: { entity: null } });
  });

  it('keeps serving, with the graph unchanged', async () => {
    const answer = await postGraphQL(app().url, '{ entity(id: "north-korea") { name } }');
    expect(answer.json).toEqual({ data: { entity: { name: 'North Korea' } } });
    expect((await rawRequest(new URL('/health', app().url).href)).status).toBe(200);
    expect(await graphCounts(executor)).toEqual(before);
  });
});

// Cypher injection: every string argument, eight payloads, all as data (variables) and nothing changes.
const PAYLOADS = [
  "' OR 1=1 //",
  '"}) MATCH (n) DETACH DELETE n //',
  '`) DETACH DELETE n //',
  "north-korea'}) RETURN 1 UNION MATCH (n) RETURN n //",
  '$from',
  '\\u0027; CALL dbms.shutdown() //',
  '*:*',
  '{"$ne": null}',
];
const STRING_ARGUMENTS: [string, string][] = [
  ['entity(id:)', 'query ($v: ID!) { entity(id: $v) { name } }'],
  ['entity(name:)', 'query ($v: String!) { entity(name: $v) { name } }'],
  ['entities(nameContains:)', 'query ($v: String!) { entities(nameContains: $v) { totalCount } }'],
  ['entities(relatedTo:)', 'query ($v: ID!) { entities(relatedTo: $v) { totalCount } }'],
  ['statements(speaker:)', 'query ($v: ID!) { statements(speaker: $v) { totalCount } }'],
  ['statements(speakerAffiliation:)', 'query ($v: ID!) { statements(speakerAffiliation: $v) { totalCount } }'],
  ['statements(about:)', 'query ($v: ID!) { statements(about: $v) { totalCount } }'],
  ['statements(via:)', 'query ($v: ID!) { statements(via: $v) { totalCount } }'],
  ['statements(claim:)', 'query ($v: ID!) { statements(claim: $v) { totalCount } }'],
  ['statements(from:)', 'query ($v: String!) { statements(from: $v) { totalCount } }'],
  ['claims(topic:)', 'query ($v: String!) { claims(topic: $v) { totalCount } }'],
  ['claims(measure:)', 'query ($v: String!) { claims(measure: $v) { totalCount } }'],
  ['claims(text:)', 'query ($v: String!) { claims(text: $v) { totalCount } }'],
  ['search(query:)', 'query ($v: String!) { search(query: $v) { kind } }'],
  ['path(from:)', 'query ($v: ID!) { path(from: $v, to: "russia") { length } }'],
  ['timeline(entity:)', 'query ($v: ID!) { timeline(entity: $v) { kind } }'],
  ['node(id:)', 'query ($v: ID!) { node(id: $v) { id } }'],
  ['entities(after:)', 'query ($v: String!) { entities(after: $v) { totalCount } }'],
];

describe('Cypher injection through every string argument', () => {
  it(`changes nothing and never fails with a server error (${PAYLOADS.length} payloads × ${STRING_ARGUMENTS.length} arguments)`, async () => {
    const before = await graphCounts(executor);
    const codes = new Set<string>();
    for (const [argument, query] of STRING_ARGUMENTS) {
      for (const payload of PAYLOADS) {
        const answer = await postGraphQL(app().url, query, { v: payload });
        expect(answer.status, `${argument} ${payload}`).toBe(200);
        for (const error of answer.json?.errors ?? []) codes.add(String(error.extensions?.code));
      }
    }
    // Bad input is reported as such (or answered with nothing); never a database or internal error.
    expect([...codes].filter((code) => !['BAD_USER_INPUT', 'NOT_FOUND'].includes(code))).toEqual([]);
    expect(await graphCounts(executor)).toEqual(before);
  });
});
