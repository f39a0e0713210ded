import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { testExecutor } from '../helpers/graph.js';
import { postGraphQL, rawRequest } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';

// A statement with a date and order key but a number for its summary, written around the loader: reading
// it fails with a plain Error (the row breaks the schema), the kind of unexpected failure production must mask.
const BROKEN_ID = 'production-test-undated-statement';
const executor = testExecutor();

describe('NODE_ENV=production', () => {
  let app: RunningApp & { lines: Record<string, unknown>[] };
  beforeAll(async () => {
    await executor.writeRows(
      `MERGE (st:Statement {id: $id}) SET st.summary = 42, st.sourceId = 'production-test', st.dateSortKey = '1900-01-01', st.orderKey = $orderKey`,
      {
        id: BROKEN_ID,
        orderKey: `1900-01-01\u0001${BROKEN_ID}`,
      },
    );
    app = await startTestServer({ NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await app.close();
    await executor.writeRows('MATCH (st:Statement {id: $id}) DETACH DELETE st', { id: BROKEN_ID });
    await executor.close();
  });

  it('refuses introspection', async () => {
    const answer = await postGraphQL(app.url, '{ __schema { types { name } } }');
    expect(answer.status).toBe(400);
    expect(answer.json?.errors?.[0]?.message).toContain('introspection has been disabled');
    expect(answer.json?.data).toBeUndefined();
    const typename = await postGraphQL(app.url, '{ __typename }');
    expect(typename.json).toEqual({ data: { __typename: 'Query' } });
  });

  it('gives no "Did you mean" hints', async () => {
    const field = await postGraphQL(app.url, '{ entity(id: "russia") { nme } }');
    expect(field.json?.errors?.[0]?.message).toBe('Cannot query field "nme" on type "Entity".');
    const value = await postGraphQL(app.url, 'query ($s: Stance) { statements(stance: $s) { totalCount } }', { s: 'ASSERT' });
    expect(value.json?.errors?.[0]?.message).toContain('"ASSERT"');
    expect(value.text).not.toContain('Did you mean');
  });

  it('serves no GraphiQL page', async () => {
    const page = await rawRequest(app.url, { headers: { accept: 'text/html' } });
    expect(page.headers['content-type'] ?? '').not.toContain('text/html');
    expect(page.text).not.toContain('Knowledge graph');
  });

  it('masks unexpected errors to a code and message, and logs the real error with its stack', async () => {
    const answer = await postGraphQL(app.url, '{ timeline(from: "1900", to: "1900") { kind date { text } } }');
    const error = answer.json?.errors?.[0];
    expect(error?.message).toBe('Unexpected error.');
    expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const failure = `Statement ${BROKEN_ID}: summary holds 42, which the schema cannot represent`;
    expect(answer.text).not.toContain(BROKEN_ID);
    expect(answer.text).not.toMatch(/stack|\.ts:\d+|originalError/);
    const logged = app.lines.find((line) => line.msg === failure);
    expect(logged?.level).toBe('error');
    expect(String((logged?.err as { stack?: string } | undefined)?.stack)).toContain(`CorruptRecordError: ${failure}\n    at `);
  });

  it('keeps expected errors (bad input) as they are', async () => {
    const answer = await postGraphQL(app.url, '{ entities(first: 500) { totalCount } }');
    expect(answer.json?.errors?.[0]).toMatchObject({
      message: '"first" must be between 1 and 100 (got 500)',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('NODE_ENV=production with GRAPHIQL and INTROSPECTION enabled explicitly', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestServer({ NODE_ENV: 'production', GRAPHIQL: 'true', INTROSPECTION: 'true' });
  });
  afterAll(() => app.close());

  it('serves GraphiQL and introspection', async () => {
    const page = await rawRequest(app.url, { headers: { accept: 'text/html' } });
    expect(page.text).toContain('Knowledge graph');
    const answer = await postGraphQL(app.url, '{ __schema { queryType { name } } }');
    expect(answer.json).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});
