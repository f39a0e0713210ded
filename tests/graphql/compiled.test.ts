import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { compileOperation } from '../../src/http/compiled-queries.js';
import { schema } from '../../src/schema/index.js';
import { readExamples } from '../../src/yoga.js';
import { startTestServer } from '../helpers/server.js';

// The same server twice: one interpreting every query (graphql-js), one compiling each from its
// first run (graphql-jit). Production compiles a document after COMPILE_QUERIES_AFTER runs.
let interpreted: RunningApp;
let compiled: RunningApp;
beforeAll(async () => {
  [interpreted, compiled] = await Promise.all([
    startTestServer({ COMPILE_QUERIES_AFTER: 'off' }),
    startTestServer({ COMPILE_QUERIES_AFTER: '0' }),
  ]);
});
afterAll(async () => {
  await Promise.all([interpreted.close(), compiled.close()]);
});

/** The status and exact bytes of an answer. */
async function answer(url: string, body: Record<string, unknown>): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return `${response.status} ${await response.text()}`;
}

const globalId = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString('base64url');

const NESTED = `query ($first: Int!) {
  entities(first: $first) {
    totalCount
    edges { cursor node {
      __typename id name
      relationships(first: 10) { totalCount edges { node { type direction other { name } evidence { quote } } } }
      statements { edges { node { summary speakers { name } stances { stance claim { proposition quantity { value unit } } } } } }
      ... on Country { officials { title person { name } } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const REQUESTS: { name: string; body: Record<string, unknown> }[] = [
  ...readExamples().map((example) => ({ name: example.name, body: { query: example.query } })),
  { name: 'a nested page with fragments and totals', body: { query: NESTED, variables: { first: 20 } } },
  {
    name: 'node(id:) through its interface, with a missing entity beside it',
    body: {
      query: `query ($id: ID!) { node(id: $id) { __typename id ... on Country { name officials { title } } } missing: entity(id: "no-such-entity") { name } }`,
      variables: { id: globalId('Country', 'north-korea') },
    },
  },
  { name: 'an argument out of range', body: { query: '{ entities(first: 1000) { edges { node { name } } } }' } },
  { name: 'a cursor this API never issued', body: { query: '{ entities(first: 2, after: "not-a-cursor") { edges { node { name } } } }' } },
  {
    name: 'variables graphql-js refuses',
    body: { query: 'query ($n: Int!) { entities(first: $n) { edges { node { name } } } }', variables: { n: 'twenty' } },
  },
  {
    name: '@skip and @include from variables',
    body: {
      query:
        'query ($yes: Boolean!) { entities(first: 3) { totalCount @include(if: $yes) edges { cursor @skip(if: $yes) node { name } } } }',
      variables: { yes: true },
    },
  },
];

describe('compiled queries answer exactly as interpreted ones', () => {
  it.each(REQUESTS)('$name', async ({ body }) => {
    // The compiling server really compiles it (a document that fell back would compare equal trivially).
    expect(compileOperation(schema, parse(String(body.query)), undefined)).not.toBeNull();
    const expected = await answer(interpreted.url, body);
    // Twice: the first compiled run compiles, the second reuses the compiled code.
    expect(await answer(compiled.url, body)).toBe(expected);
    expect(await answer(compiled.url, body)).toBe(expected);
  });

  it('a compiled nested page is still one Cypher round-trip', async () => {
    expect(compileOperation(schema, parse(NESTED), undefined)).not.toBeNull();
    let queries = 0;
    const stop = compiled.executor.onQuery(() => {
      queries += 1;
    });
    try {
      const text = await answer(compiled.url, { query: NESTED, variables: { first: 20 } });
      expect(text.startsWith('200 {"data":{"entities":{"totalCount":')).toBe(true);
      expect(queries).toBe(1);
    } finally {
      stop();
    }
  });
});
