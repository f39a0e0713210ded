import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { removeSource, testExecutor } from '../helpers/graph.js';
import { startTestServer } from '../helpers/server.js';
import { API_KEYS, ingest, KEYS, smallDocument } from '../helpers/writes.js';

const executor = testExecutor();
const REDIS_URL = 'redis://127.0.0.1:6379';

/** Opens any subscription over SSE; `first` resolves with the data of its first event. */
async function subscribeTo(url: string, query: string): Promise<{ first: Promise<unknown>; close: () => void }> {
  const controller = new AbortController();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query }),
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = (response.body ?? new ReadableStream<Uint8Array>()).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const first = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended before an event: ${buffer}`);
      buffer += decoder.decode(value, { stream: true });
      const data = /event: next\ndata: (.+)\n/.exec(buffer)?.[1];
      if (data) return (JSON.parse(data) as { data: unknown }).data;
    }
  })();
  first.catch(() => {});
  return { first, close: () => controller.abort() };
}

/** Opens a statementAdded subscription; `first` resolves with the first statement it receives. */
async function subscribe(
  url: string,
  entity: string,
): Promise<{ first: Promise<{ slug: string; speakers: { slug: string }[] }>; close: () => void }> {
  const opened = await subscribeTo(url, `subscription { statementAdded(entity: "${entity}") { slug speakers { slug } } }`);
  const first = opened.first.then((data) => (data as { statementAdded: { slug: string; speakers: { slug: string }[] } }).statementAdded);
  first.catch(() => {});
  return { first, close: opened.close };
}

const ENTITY = (prefix: string) => `${prefix}-ministry`;

/**
 * Ingests documents whose statement involves `prefix`'s entity, a new one each time, until the
 * subscriber has one: a subscriber's Redis SUBSCRIBE completes asynchronously, so an event published
 * at once may come before it. Returns the statement ids sent.
 */
async function ingestUntilReceived(url: string, prefix: string, received: Promise<unknown>, sources: string[]): Promise<string[]> {
  const sent: string[] = [];
  let got = false;
  void received.then(
    () => (got = true),
    () => {},
  );
  for (let attempt = 1; attempt <= 20 && !got; attempt += 1) {
    const source = `${prefix}-${attempt}`;
    sources.push(source);
    const answer = await ingest(url, smallDocument(source, { entityId: ENTITY(prefix), statementId: `${source}-stmt` }), KEYS.writer);
    expect(answer.json?.errors).toBeUndefined();
    sent.push(`${source}-stmt`);
    await Promise.race([received, new Promise((resolve) => setTimeout(resolve, 250))]);
  }
  return sent;
}

describe('statementAdded over Server-Sent Events', () => {
  let a: RunningApp;
  let b: RunningApp;
  let solo: RunningApp;
  const sources: string[] = [];
  beforeAll(async () => {
    [a, b, solo] = await Promise.all([
      startTestServer({ API_KEYS, REDIS_URL }),
      startTestServer({ API_KEYS, REDIS_URL }),
      startTestServer({ API_KEYS }),
    ]);
    // The entities the subscriptions filter on exist before anyone subscribes.
    for (const prefix of ['subs-test-redis', 'subs-test-solo']) {
      sources.push(`${prefix}-0`);
      await ingest(a.url, smallDocument(`${prefix}-0`, { entityId: ENTITY(prefix), statementId: `${prefix}-0-stmt` }), KEYS.writer);
    }
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close(), solo.close()]);
    for (const source of sources) await removeSource(executor, source);
    await executor.close();
  });

  it('a statement ingested on one instance reaches a subscriber on another through Redis', async () => {
    const subscription = await subscribe(b.url, ENTITY('subs-test-redis'));
    try {
      const sent = await ingestUntilReceived(a.url, 'subs-test-redis', subscription.first, sources);
      const event = await subscription.first;
      expect(sent).toContain(event.slug);
      expect(event.speakers).toEqual([{ slug: ENTITY('subs-test-redis') }]);
    } finally {
      subscription.close();
    }
  });

  it('works in one process without Redis, and only for the entity asked for', async () => {
    const forOther = await subscribe(solo.url, 'russia');
    const forThis = await subscribe(solo.url, ENTITY('subs-test-solo'));
    try {
      const sent = await ingestUntilReceived(solo.url, 'subs-test-solo', forThis.first, sources);
      expect(sent).toEqual(['subs-test-solo-1-stmt']);
      expect(await forThis.first).toEqual({ slug: 'subs-test-solo-1-stmt', speakers: [{ slug: ENTITY('subs-test-solo') }] });
      const other = await Promise.race([
        forOther.first.then(() => 'event'),
        new Promise((resolve) => setTimeout(() => resolve('none'), 500)),
      ]);
      expect(other).toBe('none');
    } finally {
      forOther.close();
      forThis.close();
    }
  });

  it('claimChanged reports a retracted claim and entityChanged a corrected entity', async () => {
    const doc = smallDocument('subs-test-claims', { entityId: ENTITY('subs-test-claims') });
    const text = doc.text;
    const at = (quote: string) => ({
      source: 'subs-test-claims',
      start: text.indexOf(quote),
      end: text.indexOf(quote) + quote.length,
      quote,
    });
    doc.document.claims = [
      {
        id: 'subs-test-claim',
        proposition: 'The trial has ended',
        topic: 'subs-test-topic',
        about: [ENTITY('subs-test-claims')],
        quantity: null,
        evidence: [at('the trial had ended')],
      },
    ];
    sources.push('subs-test-claims');
    expect((await ingest(solo.url, doc, KEYS.writer)).json?.errors).toBeUndefined();
    // Claims about the entity: the filter names the entity, not the claim.
    const claims = await subscribeTo(
      solo.url,
      `subscription { claimChanged(entity: "${ENTITY('subs-test-claims')}") { slug retracted claim { proposition } } }`,
    );
    const entities = await subscribeTo(solo.url, `subscription { entityChanged(entity: "${ENTITY('subs-test-claims')}") { slug name } }`);
    try {
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${KEYS.writer}` };
      const post = (query: string) =>
        fetch(solo.url, { method: 'POST', headers, body: JSON.stringify({ query }) }).then((answer) => answer.json());
      await post('mutation { retract(input: {kind: CLAIM, id: "subs-test-claim", reason: "test"}) { userErrors { message } } }');
      expect(await claims.first).toEqual({ claimChanged: { slug: 'subs-test-claim', retracted: true, claim: null } });
      await post(
        `mutation { upsertEntity(input: {id: "${ENTITY('subs-test-claims')}", kind: ORGANIZATION, name: "Ministry of Trials", description: "Renamed (test fixture)."}) { userErrors { message } } }`,
      );
      expect(await entities.first).toEqual({ entityChanged: { slug: ENTITY('subs-test-claims'), name: 'Ministry of Trials' } });
    } finally {
      claims.close();
      entities.close();
      await executor.writeRows("MATCH (n:RetractedClaim {id: 'subs-test-claim'}) DETACH DELETE n");
      await executor.writeRows("MATCH (x:Retraction {id: 'CLAIM:subs-test-claim'}) DELETE x");
      await executor.writeRows("MATCH (t:Topic {id: 'subs-test-topic'}) DELETE t");
    }
  });

  it('holds each client to MAX_SUBSCRIPTIONS_PER_CLIENT open subscriptions, and frees a place when one closes', async () => {
    const limited = await startTestServer({ MAX_SUBSCRIPTIONS_PER_CLIENT: '2' });
    const query = 'subscription { statementAdded { slug } }';
    const opened: { close: () => void }[] = [];
    /** The first bytes a new subscription answers with: a stream, or the refusal. */
    const attempt = async () => {
      const controller = new AbortController();
      const response = await fetch(limited.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query }),
        signal: controller.signal,
      });
      const reader = (response.body ?? new ReadableStream<Uint8Array>()).getReader();
      const refused = response.headers.get('content-type')?.includes('event-stream')
        ? await Promise.race([
            reader.read().then(({ value }) => new TextDecoder().decode(value).includes('TOO_MANY_SUBSCRIPTIONS')),
            new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 300)),
          ])
        : true;
      const close = () => controller.abort();
      return {
        refused,
        close,
        text: refused
          ? await fetch(limited.url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
              body: JSON.stringify({ query }),
            }).then((r) => r.text())
          : '',
      };
    };
    try {
      for (let i = 0; i < 2; i += 1) {
        const open = await attempt();
        opened.push(open);
        expect(open.refused).toBe(false);
      }
      const third = await attempt();
      opened.push(third);
      expect(third.refused).toBe(true);
      expect(third.text).toContain('Too many open subscriptions: this client has 2, at most 2 (MAX_SUBSCRIPTIONS_PER_CLIENT)');
      opened[0]?.close();
      let freed = false;
      for (let i = 0; i < 20 && !freed; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const next = await attempt();
        opened.push(next);
        freed = !next.refused;
      }
      expect(freed).toBe(true);
    } finally {
      for (const open of opened) open.close();
      await limited.close();
    }
  });

  it('refuses a filter naming no entity, before streaming', async () => {
    const answer = await fetch(solo.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: 'subscription { statementAdded(entity: "atlantis") { slug } }' }),
    });
    const body = (await answer.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
