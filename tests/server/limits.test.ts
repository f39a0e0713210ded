import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { GRAPHQL_JSON, postGraphQL, rawRequest } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';

const globalId = (typename: string, slug: string) => Buffer.from(`${typename}:${slug}`).toString('base64url');

// Every limit is a setting: with small values, each one refuses what the defaults allow.
describe('configured limits take effect', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestServer({
      MAX_RESPONSE_BYTES: '10000',
      MAX_COST: '300',
      MAX_DEPTH: '5',
      MAX_ALIASES: '2',
      MAX_DIRECTIVES: '1',
      MAX_BREADTH: '12',
      MAX_TOKENS: '60',
      MAX_NODE_IDS: '3',
      MAX_SEARCH_TERMS: '2',
      MAX_SEARCH_LENGTH: '20',
      MAX_BODY_BYTES: '2000',
    });
  });
  afterAll(() => app.close());

  it('answers what fits', async () => {
    const answer = await postGraphQL(app.url, '{ entity(id: "russia") { name } }');
    expect(answer.json).toEqual({ data: { entity: { name: 'Russia' } } });
  });

  it.each([
    ['MAX_COST', '{ entities(first: 100) { edges { node { name slug } } } }'],
    ['MAX_DEPTH', '{ entity(id: "russia") { relationships { edges { node { other { name } } } } } }'],
    ['MAX_ALIASES', '{ a: __typename b: __typename c: __typename }'],
    ['MAX_DIRECTIVES', '{ __typename @skip(if: false) name: __typename @include(if: true) }'],
    ['MAX_BREADTH', '{ entity(id: "russia") { name slug kind description aliases background id __typename } sources { slug title file } }'],
    ['MAX_TOKENS', `{ ${Array.from({ length: 70 }, () => '__typename').join(' ')} }`],
  ])('%s refuses with 400 before execution', async (setting, query) => {
    const answer = await postGraphQL(app.url, query);
    expect(answer.status).toBe(400);
    expect(answer.json?.errors?.[0]?.message).toContain(setting);
    expect(answer.json?.data).toBeUndefined();
  });

  it('MAX_NODE_IDS, MAX_SEARCH_TERMS and MAX_SEARCH_LENGTH fail the field with BAD_USER_INPUT', async () => {
    const ids = ['russia', 'ukraine', 'north-korea', 'kcna'].map((slug) => globalId('Country', slug));
    const nodes = await postGraphQL(app.url, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(nodes.json?.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(nodes.json?.errors?.[0]?.message).toContain('at most 3 (MAX_NODE_IDS)');
    const terms = await postGraphQL(app.url, '{ search(query: "a b c") { kind } }');
    expect(terms.json?.errors?.[0]?.message).toContain('MAX_SEARCH_TERMS');
    const length = await postGraphQL(app.url, '{ search(query: "abcdefghijklmnopqrstuvwxyz") { kind } }');
    expect(length.json?.errors?.[0]?.message).toContain('MAX_SEARCH_LENGTH');
  });

  it('MAX_RESPONSE_BYTES replaces an oversized answer by an error', async () => {
    const answer = await postGraphQL(app.url, '{ statements(first: 20) { edges { node { source { text } } } } }');
    expect(answer.status).toBe(400);
    expect(answer.json?.data).toBeUndefined();
    expect(answer.json?.errors?.[0]).toMatchObject({ extensions: { code: 'RESPONSE_TOO_LARGE' } });
    expect(answer.json?.errors?.[0]?.message).toContain('10,000 bytes (MAX_RESPONSE_BYTES)');
    expect(answer.text.length).toBeLessThan(1_000);
  });

  it('MAX_BODY_BYTES refuses a larger body with 413', async () => {
    const answer = await rawRequest(app.url, {
      method: 'POST',
      headers: GRAPHQL_JSON,
      body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(3_000) } }),
    });
    expect(answer.status).toBe(413);
    expect(answer.json?.errors?.[0]?.message).toContain('MAX_BODY_BYTES');
  });
});
