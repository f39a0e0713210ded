import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { count, ownCounts, removeSource, sourcesDefining, testExecutor } from '../helpers/graph.js';
import { postGraphQL } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';
import { API_KEYS, ingest, KEYS, smallDocument } from '../helpers/writes.js';

const executor = testExecutor();
const SOURCES = ['writes-test-a', 'writes-test-b', 'writes-test-auth', 'writes-test-jwt', 'writes-test-jwks', 'writes-test-bad'];
const JWT_SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
let app: RunningApp;

type Payload = {
  ingestDocument: {
    source: { slug: string } | null;
    summary: { entities: number; statements: number; unchanged: boolean } | null;
    userErrors: { path: string; message: string }[];
  } | null;
};
const payload = (answer: { json: { data?: unknown } | undefined }) => (answer.json?.data as Payload | undefined)?.ingestDocument;
const sourceCount = (source: string) => count(executor, 'MATCH (s:Source {id: $source}) RETURN count(s) AS n', { source });

beforeAll(async () => {
  app = await startTestServer({ API_KEYS, JWT_SECRET });
});

afterAll(async () => {
  await app.close();
  for (const source of SOURCES) await removeSource(executor, source);
  await executor.close();
});

describe('ingestDocument', () => {
  it('loads a document, records who wrote it, and a retry writes nothing', async () => {
    const doc = smallDocument('writes-test-a');
    const first = await ingest(app.url, doc, KEYS.writer);
    expect(first.json?.errors).toBeUndefined();
    expect(payload(first)).toEqual({
      source: { slug: 'writes-test-a' },
      summary: { entities: 1, statements: 1, unchanged: false },
      userErrors: [],
    });
    const [written] = await executor.readRows<{ by: string; at: boolean; stmtBy: string }>(
      "MATCH (s:Source {id: 'writes-test-a'}), (st:Statement {id: 'writes-test-a-stmt'}) RETURN s.writtenBy AS by, s.writtenAt IS NOT NULL AS at, st.writtenBy AS stmtBy",
    );
    expect(written).toEqual({ by: 'test-writer', at: true, stmtBy: 'test-writer' });
    const before = await ownCounts(executor, 'writes-test');
    const retry = await ingest(app.url, doc, KEYS.writer);
    expect(payload(retry)?.summary?.unchanged).toBe(true);
    expect(await ownCounts(executor, 'writes-test')).toEqual(before);
  });

  it('merges entities a second article shares with the first instead of duplicating them', async () => {
    const rebuilt = smallDocument('writes-test-b', { entityId: 'north-korea' });
    // The second article names North Korea itself: its spans are recomputed for its own text.
    const text = 'North Korea said on March 3, 2025 that the trial had ended.';
    const at = (quote: string) => ({ source: 'writes-test-b', start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, quote });
    const document = JSON.parse(JSON.stringify(rebuilt.document).replaceAll('Ministry of Tests', 'North Korea')) as Record<
      string,
      unknown
    > & {
      entities: Record<string, unknown>[];
      statements: Record<string, unknown>[];
    };
    document.entities = [
      {
        id: 'north-korea',
        kind: 'Country',
        name: 'North Korea',
        aliases: [],
        description: 'Country (test fixture).',
        background: [],
        mentions: [at('North Korea')],
      },
    ];
    const statement = document.statements[0] ?? {};
    statement.evidence = [at('North Korea said on March 3, 2025 that the trial had ended')];
    statement.date = { ...(statement.date as Record<string, unknown>), evidence: [at('March 3, 2025')] };
    const answer = await ingest(app.url, { document, text }, KEYS.writer);
    expect(payload(answer)?.userErrors).toEqual([]);
    expect(await count(executor, "MATCH (e:Entity {id: 'north-korea'}) RETURN count(e) AS n")).toBe(1);
    expect(await sourcesDefining(executor, 'north-korea')).toEqual(expect.arrayContaining(['article-001', 'writes-test-b']));
    expect(
      await count(executor, "MATCH (:Entity {id: 'north-korea'})-[:SAID]->(s:Statement {id: 'writes-test-b-stmt'}) RETURN count(s) AS n"),
    ).toBe(1);
  });

  it('reports a bad document as user errors with the JSON path, and writes nothing', async () => {
    const before = await ownCounts(executor, 'writes-test');
    const unknownSpeaker = await ingest(app.url, smallDocument('writes-test-bad', { speaker: 'writes-test-nobody' }), KEYS.writer);
    expect(payload(unknownSpeaker)).toEqual({
      source: null,
      summary: null,
      userErrors: [
        {
          path: '$.statements[0].speakers[0]',
          message: 'unknown entity "writes-test-nobody" (not in these documents nor in the database)',
        },
      ],
    });
    const notJson = await postGraphQL(
      app.url,
      'mutation { ingestDocument(input: {document: "{", text: "x"}) { userErrors { path message } } }',
      {},
      { authorization: `Bearer ${KEYS.writer}` },
    );
    expect(payload(notJson)?.userErrors[0]?.path).toBe('$');
    expect(payload(notJson)?.userErrors[0]?.message).toMatch(/^is not valid JSON/);
    const wrongQuote = smallDocument('writes-test-bad');
    ((wrongQuote.document.entities as { mentions: { quote: string }[] }[])[0]?.mentions[0] ?? { quote: '' }).quote = 'Ministry of Jests';
    expect(payload(await ingest(app.url, wrongQuote, KEYS.writer))?.userErrors[0]?.path).toBe('$.entities[0].mentions[0].quote');
    expect(await sourceCount('writes-test-bad')).toBe(0);
    expect(await ownCounts(executor, 'writes-test')).toEqual(before);
  });
});

describe('access control', () => {
  it('refuses writes without a credential, with a bad one, or without the write scope, and writes nothing', async () => {
    const doc = smallDocument('writes-test-auth');
    const cases: [string | undefined, string, string][] = [
      [undefined, 'UNAUTHENTICATED', 'This needs a credential'],
      ['kg_not_a_key', 'UNAUTHENTICATED', 'Unknown API key'],
      [KEYS.reader, 'FORBIDDEN', '"test-reader" may not do this: it needs the write scope'],
    ];
    for (const [credential, code, message] of cases) {
      const answer = await ingest(app.url, doc, credential);
      expect(answer.json?.errors?.[0]?.extensions?.code, String(credential)).toBe(code);
      expect(answer.json?.errors?.[0]?.message).toContain(message);
    }
    expect(await sourceCount('writes-test-auth')).toBe(0);
  });

  it('reads stay open without a credential, but a bad credential is refused', async () => {
    const open = await postGraphQL(app.url, '{ entity(id: "russia") { name } }');
    expect(open.json?.data).toEqual({ entity: { name: 'Russia' } });
    const bad = await postGraphQL(app.url, '{ entity(id: "russia") { name } }', {}, { authorization: 'Basic abc' });
    expect(bad.json?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('accepts an HS256 JWT with the write scope and refuses one signed with another secret', async () => {
    const sign = (secret: string, scope: string) =>
      new SignJWT({ scope })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('jwt-analyst')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(secret));
    const accepted = await ingest(app.url, smallDocument('writes-test-jwt'), await sign(JWT_SECRET, 'read write'));
    expect(payload(accepted)?.userErrors).toEqual([]);
    const [row] = await executor.readRows<{ by: string }>("MATCH (s:Source {id: 'writes-test-jwt'}) RETURN s.writtenBy AS by");
    expect(row?.by).toBe('jwt-analyst');
    const readOnly = await ingest(app.url, smallDocument('writes-test-jwt'), await sign(JWT_SECRET, 'read'));
    expect(readOnly.json?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const forged = await ingest(
      app.url,
      smallDocument('writes-test-jwt'),
      await sign('another-secret-that-is-long-enough-too', 'read write'),
    );
    expect(forged.json?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(forged.json?.errors?.[0]?.message).toContain('Invalid token');
  });

  it('accepts a JWT signed by a key of the JWKS at JWT_JWKS_URL, with issuer and audience checked', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    const jwks = createServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })),
    );
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
    const withJwks = await startTestServer({ JWT_JWKS_URL: jwksUrl, JWT_ISSUER: 'https://issuer.test', JWT_AUDIENCE: 'kg-api' });
    try {
      const sign = (issuer: string) =>
        new SignJWT({ scope: 'read write' })
          .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
          .setSubject('jwks-analyst')
          .setIssuer(issuer)
          .setAudience('kg-api')
          .setExpirationTime('5m')
          .sign(privateKey);
      const accepted = await ingest(withJwks.url, smallDocument('writes-test-jwks'), await sign('https://issuer.test'));
      expect(payload(accepted)?.userErrors).toEqual([]);
      const [row] = await executor.readRows<{ by: string }>("MATCH (s:Source {id: 'writes-test-jwks'}) RETURN s.writtenBy AS by");
      expect(row?.by).toBe('jwks-analyst');
      const otherIssuer = await ingest(withJwks.url, smallDocument('writes-test-jwks'), await sign('https://elsewhere.test'));
      expect(otherIssuer.json?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await withJwks.close();
      await new Promise((resolve) => jwks.close(resolve));
    }
  });

  it('AUTH_READS=token makes reads need a credential too', async () => {
    const closed = await startTestServer({ API_KEYS, AUTH_READS: 'token' });
    try {
      const anonymous = await postGraphQL(closed.url, '{ entity(id: "russia") { name } }');
      expect(anonymous.json?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const reader = await postGraphQL(closed.url, '{ entity(id: "russia") { name } }', {}, { authorization: `Bearer ${KEYS.reader}` });
      expect(reader.json?.data).toEqual({ entity: { name: 'Russia' } });
    } finally {
      await closed.close();
    }
  });
});
