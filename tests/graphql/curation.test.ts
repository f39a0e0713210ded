import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupMany } from '../../src/graph/batch.js';
import type { RunningApp } from '../../src/app.js';
import { count, ownCounts, removeSource, testExecutor } from '../helpers/graph.js';
import { postGraphQL, type RawAnswer } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';
import { API_KEYS, ingest, KEYS, smallDocument } from '../helpers/writes.js';

const executor = testExecutor();
const SOURCE = 'curation-test-src';
const MINISTRY = `${SOURCE}-ministry`;
const STATEMENT = `${SOURCE}-stmt`;
const LAND = 'curation-test-tests';
const CLAIM = 'curation-test-claim';
let app: RunningApp;

const write = (query: string, variables: Record<string, unknown>, credential: string | null = KEYS.writer): Promise<RawAnswer> =>
  postGraphQL(app.url, query, variables, credential ? { authorization: `Bearer ${credential}` } : {});
const data = <T>(answer: RawAnswer) => answer.json?.data as T;

const UPSERT = `mutation ($input: UpsertEntityInput!) { upsertEntity(input: $input) { entity { slug name kind aliasDetails { name origin } } userErrors { path message } } }`;
const LINK = `mutation ($input: LinkEntitiesInput!) { linkEntities(input: $input) { relationshipId quotes userErrors { path message } } }`;
const RETRACT = `mutation ($input: RetractInput!) { retract(input: $input) { retraction { kind slug description reason retractedBy } userErrors { path message } } }`;

type Upserted = {
  upsertEntity: {
    entity: { slug: string; name: string; kind: string; aliasDetails: { name: string; origin: string }[] } | null;
    userErrors: { path: string; message: string }[];
  };
};
type Linked = { linkEntities: { relationshipId: string | null; quotes: string[]; userErrors: { path: string; message: string }[] } };
type Retracted = {
  retract: {
    retraction: { kind: string; slug: string; description: string; reason: string; retractedBy: string } | null;
    userErrors: { path: string; message: string }[];
  };
};

const land = {
  id: LAND,
  kind: 'COUNTRY',
  name: 'Tests',
  aliases: [{ name: 'Testland', origin: 'BACKGROUND' }],
  description: 'A country (test fixture).',
};
const ministryInTests = (evidence: { start: number; end: number }) => ({
  type: 'PART_OF',
  from: MINISTRY,
  to: LAND,
  basis: 'STATED',
  evidence: [{ source: SOURCE, ...evidence }],
});
const { text } = smallDocument(SOURCE);
const span = (words: string) => ({ start: text.indexOf(words), end: text.indexOf(words) + words.length });

beforeAll(async () => {
  app = await startTestServer({ API_KEYS });
  const doc = smallDocument(SOURCE);
  const words = 'the trial had ended';
  doc.document.claims = [
    {
      id: CLAIM,
      proposition: 'The trial has ended',
      topic: 'curation-test-topic',
      about: [MINISTRY],
      quantity: null,
      evidence: [{ source: SOURCE, ...span(words), quote: words }],
    },
  ];
  const loaded = await ingest(app.url, doc, KEYS.writer);
  expect(loaded.json?.errors).toBeUndefined();
});

afterAll(async () => {
  await app.close();
  await executor.writeRows(`MATCH (n:RetractedStatement|RetractedClaim {sourceId: $source}) DETACH DELETE n`, { source: SOURCE });
  await executor.writeRows(
    `MATCH (x:Retraction) WHERE x.factId STARTS WITH 'curation-test' OR x.factId STARTS WITH 'link-part-of-curation-test' DELETE x`,
  );
  await removeSource(executor, SOURCE);
  await executor.writeRows(`MATCH (e:Entity {id: $id}) DETACH DELETE e`, { id: LAND });
  await executor.writeRows(
    "MATCH (k:Topic|Measure) WHERE k.id IN ['curation-test-topic', 'curation-test-counts', 'curation-test-measure'] DELETE k",
  );
  await executor.close();
});

describe('upsertEntity', () => {
  it('creates an entity, corrects it, and a retry changes nothing', async () => {
    const created = data<Upserted>(await write(UPSERT, { input: land }));
    expect(created.upsertEntity).toEqual({
      entity: { slug: LAND, name: 'Tests', kind: 'COUNTRY', aliasDetails: [{ name: 'Testland', origin: 'BACKGROUND' }] },
      userErrors: [],
    });
    const before = await ownCounts(executor, 'curation-test');
    expect(data<Upserted>(await write(UPSERT, { input: land })).upsertEntity.userErrors).toEqual([]);
    expect(await ownCounts(executor, 'curation-test')).toEqual(before);
    const [written] = await executor.readRows<{ by: string }>('MATCH (e:Entity {id: $id}) RETURN e.writtenBy AS by', { id: LAND });
    expect(written?.by).toBe('test-writer');
  });

  it('refuses bad input and a change of kind with user errors, and writes nothing', async () => {
    await write(UPSERT, { input: land });
    const before = await ownCounts(executor, 'curation-test');
    const badSlug = data<Upserted>(await write(UPSERT, { input: { ...land, id: 'Not A Slug', name: '  ' } }));
    expect(badSlug.upsertEntity.entity).toBeNull();
    expect(badSlug.upsertEntity.userErrors).toEqual([
      { path: 'input.id', message: 'must be a lowercase kebab-case slug' },
      { path: 'input.name', message: 'must not be empty' },
    ]);
    const kindChange = data<Upserted>(await write(UPSERT, { input: { ...land, kind: 'PERSON' } }));
    expect(kindChange.upsertEntity.userErrors).toEqual([
      { path: 'input.kind', message: `"${LAND}" is already a Country; an entity's kind cannot change` },
    ]);
    const reader = await write(UPSERT, { input: { ...land, name: 'Renamed' } }, KEYS.reader);
    expect(reader.json?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await ownCounts(executor, 'curation-test')).toEqual(before);
    expect(await count(executor, "MATCH (e:Entity {id: $id, name: 'Tests'}) RETURN count(e) AS n", { id: LAND })).toBe(1);
  });
});

describe('linkEntities', () => {
  it('links two entities with words cut from the stored source, once however often it is retried', async () => {
    await write(UPSERT, { input: land });
    const first = data<Linked>(await write(LINK, { input: ministryInTests(span('Ministry of Tests')) }));
    expect(first.linkEntities.userErrors).toEqual([]);
    expect(first.linkEntities.quotes).toEqual(['Ministry of Tests']);
    const again = data<Linked>(await write(LINK, { input: ministryInTests(span('Ministry of Tests')) }));
    expect(again.linkEntities.relationshipId).toBe(first.linkEntities.relationshipId);
    expect(
      await count(executor, 'MATCH (:Entity {id: $from})-[r:PART_OF]->(:Entity {id: $to}) RETURN count(r) AS n', {
        from: MINISTRY,
        to: LAND,
      }),
    ).toBe(1);
    const shown = data<{
      entity: {
        relationships: { edges: { node: { type: string; basis: string; other: { slug: string }; evidence: { quote: string }[] } }[] };
      };
    }>(
      await write(
        `{ entity(id: "${MINISTRY}") { relationships { edges { node { type basis other { slug } evidence { quote } } } } } }`,
        {},
      ),
    );
    expect(shown.entity.relationships.edges.map((edge) => edge.node)).toEqual([
      { type: 'PART_OF', basis: 'STATED', other: { slug: LAND }, evidence: [{ quote: 'Ministry of Tests' }] },
    ]);
  });

  it('refuses offsets past the text, a STATED link whose words do not name both ends, and unknown entities', async () => {
    await write(UPSERT, { input: land });
    const before = await ownCounts(executor, 'curation-test');
    const cases: [Record<string, unknown>, { path: string; message: string }][] = [
      [
        ministryInTests({ start: 0, end: 10_000 }),
        { path: 'input.evidence', message: `evidence[0]: end 10000 is past the end of "${SOURCE}" (${text.length})` },
      ],
      [
        ministryInTests(span('March 3, 2025')),
        {
          path: 'input.evidence',
          message: `a STATED link needs an evidence span that names both "${MINISTRY}" and "${LAND}"; otherwise mark it BACKGROUND`,
        },
      ],
      [
        { ...ministryInTests(span('Ministry of Tests')), to: 'curation-test-nowhere' },
        { path: 'input.to', message: 'No entity "curation-test-nowhere"' },
      ],
      [
        { ...ministryInTests(span('Ministry of Tests')), basis: 'ALLEGED' },
        { path: 'input.claim', message: 'an ALLEGED link names the claim that alleges it' },
      ],
    ];
    for (const [input, error] of cases) expect(data<Linked>(await write(LINK, { input })).linkEntities.userErrors).toEqual([error]);
    expect(await ownCounts(executor, 'curation-test')).toEqual(before);
  });
});

describe('addStatement', () => {
  const ADD = `mutation ($input: AddStatementInput!) { addStatement(input: $input) { statement { slug summary date { precision display } speakers { slug } evidence { quote } } userErrors { path message } } }`;
  type Added = {
    addStatement: {
      statement: {
        slug: string;
        summary: string;
        date: { precision: string; display: string } | null;
        speakers: { slug: string }[];
        evidence: { quote: string }[];
      } | null;
      userErrors: { path: string; message: string }[];
    };
  };
  const statement = {
    id: 'curation-test-added',
    source: SOURCE,
    speakers: [MINISTRY],
    summary: 'The ministry dated the end of the trial.',
    date: { month: 3, day: 3, year: 2025, evidence: { source: SOURCE, ...span('March 3, 2025') } },
    evidence: [{ source: SOURCE, ...span('the trial had ended') }],
  };

  it('adds a dated statement with words cut from its source, on the timeline, once however often it is retried', async () => {
    const added = data<Added>(await write(ADD, { input: statement }));
    expect(added.addStatement).toEqual({
      statement: {
        slug: 'curation-test-added',
        summary: 'The ministry dated the end of the trial.',
        date: { precision: 'DAY', display: 'March 3 2025' },
        speakers: [{ slug: MINISTRY }],
        evidence: [{ quote: 'the trial had ended' }],
      },
      userErrors: [],
    });
    const before = await ownCounts(executor, 'curation-test');
    expect(data<Added>(await write(ADD, { input: statement })).addStatement.userErrors).toEqual([]);
    expect(await ownCounts(executor, 'curation-test')).toEqual(before);
    const timeline = data<{ timeline: { statement: { slug: string } | null }[] }>(
      await write(`{ timeline(entity: "${MINISTRY}") { statement { slug } } }`, {}),
    );
    expect(timeline.timeline.map((item) => item.statement?.slug)).toContain('curation-test-added');
  });

  it('refuses unknown speakers and claims, impossible dates and spans past the text, writing nothing', async () => {
    const before = await ownCounts(executor, 'curation-test');
    const cases: [Record<string, unknown>, { path: string; message: string }][] = [
      [
        { ...statement, id: 'curation-test-bad', speakers: ['curation-test-nobody'] },
        { path: 'input.speakers', message: 'No entity "curation-test-nobody"' },
      ],
      [
        {
          ...statement,
          id: 'curation-test-bad',
          stances: [{ claim: 'curation-test-no-claim', stance: 'ASSERTS', evidence: [{ source: SOURCE, ...span('the trial had ended') }] }],
        },
        { path: 'input.stances', message: 'No claim "curation-test-no-claim"' },
      ],
      [
        { ...statement, id: 'curation-test-bad', date: { ...statement.date, month: 2, day: 30 } },
        { path: 'input.date.day', message: 'that month has no such day' },
      ],
      [
        { ...statement, id: 'curation-test-bad', evidence: [{ source: SOURCE, start: 0, end: 5_000 }] },
        { path: 'input.evidence', message: `evidence: end 5000 is past the end of "${SOURCE}" (${text.length})` },
      ],
      [
        { ...statement, id: 'curation-test-bad', speakers: [] },
        { path: 'input.speakers', message: 'needs at least one speaker' },
      ],
    ];
    for (const [input, error] of cases) expect(data<Added>(await write(ADD, { input })).addStatement.userErrors).toEqual([error]);
    expect(await ownCounts(executor, 'curation-test')).toEqual(before);
  });
});

describe('addStatement with the claims it makes', () => {
  const MEASURE = 'curation-test-measure';
  const ADD = `mutation ($input: AddStatementInput!) { addStatement(input: $input) { statement { slug stances { stance claim { slug } } } userErrors { path message } } }`;
  type Added = {
    addStatement: {
      statement: { slug: string; stances: { stance: string; claim: { slug: string } }[] } | null;
      userErrors: { path: string; message: string }[];
    };
  };
  const estimate = (id: string, value: number, words: string) => ({
    id: `curation-test-says-${value}`,
    source: SOURCE,
    speakers: [MINISTRY],
    summary: `The ministry put the count at ${value}.`,
    evidence: [{ source: SOURCE, ...span(words) }],
    claims: [
      {
        id,
        proposition: `${value} trials ended`,
        topic: 'curation-test-counts',
        about: [MINISTRY],
        quantity: { measure: MEASURE, value, unit: 'trials' },
        evidence: [{ source: SOURCE, ...span(words) }],
      },
    ],
    stances: [{ claim: id, stance: 'ASSERTS', evidence: [{ source: SOURCE, ...span(words) }] }],
  });
  type Claims = {
    claims: {
      edges: {
        node: { slug: string; quantity: { value: number } | null; conflictsWith: { slug: string }[]; evidence: { quote: string }[] };
      }[];
    };
  };
  const claimsOfMeasure = async () =>
    data<Claims>(
      await write(
        `{ claims(measure: "${MEASURE}") { edges { node { slug quantity { value } conflictsWith { slug } evidence { quote } } } } }`,
        {},
      ),
    ).claims.edges.map((edge) => edge.node);
  const measureCount = async () => count(executor, 'MATCH (m:Measure {id: $id}) RETURN m.claimCount AS n', { id: MEASURE });

  it('writes new claims with the statement, links conflicting numbers, counts them by measure, and a retry changes nothing', async () => {
    const first = data<Added>(await write(ADD, { input: estimate('curation-test-ten', 10, 'the trial had ended') }));
    expect(first.addStatement).toEqual({
      statement: { slug: 'curation-test-says-10', stances: [{ stance: 'ASSERTS', claim: { slug: 'curation-test-ten' } }] },
      userErrors: [],
    });
    const second = data<Added>(await write(ADD, { input: estimate('curation-test-twelve', 12, 'The Ministry of Tests said') }));
    expect(second.addStatement.userErrors).toEqual([]);
    expect(await claimsOfMeasure()).toEqual([
      {
        slug: 'curation-test-ten',
        quantity: { value: 10 },
        conflictsWith: [{ slug: 'curation-test-twelve' }],
        evidence: [{ quote: 'the trial had ended' }],
      },
      {
        slug: 'curation-test-twelve',
        quantity: { value: 12 },
        conflictsWith: [{ slug: 'curation-test-ten' }],
        evidence: [{ quote: 'The Ministry of Tests said' }],
      },
    ]);
    expect(await measureCount()).toBe(2);
    const before = await ownCounts(executor, 'curation-test');
    expect(
      data<Added>(await write(ADD, { input: estimate('curation-test-twelve', 12, 'The Ministry of Tests said') })).addStatement.userErrors,
    ).toEqual([]);
    expect(await ownCounts(executor, 'curation-test')).toEqual(before);
    expect(await measureCount()).toBe(2);
  });

  it("refuses a new claim that would overwrite a document's claim, or an unknown subject, writing nothing", async () => {
    const before = await ownCounts(executor, 'curation-test');
    const taken = estimate(CLAIM, 7, 'the trial had ended');
    expect(data<Added>(await write(ADD, { input: { ...taken, id: 'curation-test-bad' } })).addStatement.userErrors).toEqual([
      { path: 'input.claims', message: `claim "${CLAIM}" already exists (from a source document); take a stance on it instead` },
    ]);
    const unknown = estimate('curation-test-nine', 9, 'the trial had ended');
    const claims = [{ ...unknown.claims[0], about: ['curation-test-nobody'] }];
    expect(data<Added>(await write(ADD, { input: { ...unknown, claims } })).addStatement.userErrors).toEqual([
      { path: 'input.speakers', message: 'No entity "curation-test-nobody"' },
    ]);
    expect(await ownCounts(executor, 'curation-test')).toEqual(before);
  });
});

describe('retract', () => {
  it('hides a retracted statement from every list, keeps it in retractions, and a retry returns the same retraction', async () => {
    const said = async () =>
      data<{ statements: { totalCount: number } }>(await write(`{ statements(speaker: "${MINISTRY}") { totalCount } }`, {})).statements
        .totalCount;
    const before = await said();
    expect(before).toBeGreaterThanOrEqual(1);
    const first = data<Retracted>(
      await write(RETRACT, { input: { kind: 'STATEMENT', id: STATEMENT, reason: 'Misattributed: the ministry did not say this.' } }),
    );
    expect(first.retract).toEqual({
      retraction: {
        kind: 'STATEMENT',
        slug: STATEMENT,
        description: 'The ministry said the trial had ended.',
        reason: 'Misattributed: the ministry did not say this.',
        retractedBy: 'test-writer',
      },
      userErrors: [],
    });
    expect(await said()).toBe(before - 1);
    const withRetracted = data<{ statements: { edges: { node: { slug: string; retracted: boolean } }[] } }>(
      await write(`{ statements(speaker: "${MINISTRY}", includeRetracted: true) { edges { node { slug retracted } } } }`, {}),
    );
    expect(withRetracted.statements.edges.map((edge) => edge.node).filter((node) => node.slug === STATEMENT)).toEqual([
      { slug: STATEMENT, retracted: true },
    ]);
    expect(withRetracted.statements.edges.length).toBe(before);
    const timeline = data<{ timeline: { statement: { slug: string } | null }[] }>(
      await write(`{ timeline(entity: "${MINISTRY}") { statement { slug } } }`, {}),
    );
    expect(timeline.timeline.map((item) => item.statement?.slug)).not.toContain(STATEMENT);
    const again = data<Retracted>(await write(RETRACT, { input: { kind: 'STATEMENT', id: STATEMENT, reason: 'another reason' } }));
    expect(again.retract.retraction?.reason).toBe('Misattributed: the ministry did not say this.');
    const listed = data<{ retractions: { slug: string; kind: string }[] }>(await write('{ retractions(first: 100) { slug kind } }', {}));
    expect(listed.retractions.filter((r) => r.slug === STATEMENT)).toEqual([{ slug: STATEMENT, kind: 'STATEMENT' }]);
    expect(await count(executor, 'MATCH (n:RetractedStatement {id: $id}) RETURN count(n) AS n', { id: STATEMENT })).toBe(1);
  });

  it('retracts a relationship and says NOT_FOUND-style user errors for unknown facts', async () => {
    await write(UPSERT, { input: land });
    const linked = data<Linked>(await write(LINK, { input: ministryInTests(span('Ministry of Tests')) }));
    const id = linked.linkEntities.relationshipId ?? '';
    const retracted = data<Retracted>(await write(RETRACT, { input: { kind: 'RELATIONSHIP', id, reason: 'Over-read.' } }));
    expect(retracted.retract.retraction?.description).toBe(`PART_OF ${MINISTRY} -> ${LAND}`);
    expect(
      await count(executor, 'MATCH (:Entity {id: $from})-[r:PART_OF]->(:Entity {id: $to}) RETURN count(r) AS n', {
        from: MINISTRY,
        to: LAND,
      }),
    ).toBe(0);
    type Edges = {
      entity: {
        relationships: {
          totalCount: number;
          edges: { node: { slug: string; type: string; retracted: boolean; other: { slug: string } } }[];
        };
      };
    };
    const edges = async (extra: string) => {
      const answer = await write(
        `{ entity(id: "${MINISTRY}") { relationships(types: [PART_OF]${extra}) { totalCount edges { node { slug type retracted other { slug } } } } } }`,
        {},
      );
      expect(answer.json?.errors).toBeUndefined();
      return data<Edges>(answer).entity.relationships;
    };
    expect(await edges('')).toEqual({ totalCount: 0, edges: [] });
    expect(await edges(', includeRetracted: true')).toEqual({
      totalCount: 1,
      edges: [{ node: { slug: id, type: 'PART_OF', retracted: true, other: { slug: LAND } } }],
    });
    // The batched lookup (used outside compiled root fields) agrees.
    const page = async (includeRetracted: boolean) =>
      (
        await lookupMany(executor, 'relationships', [MINISTRY], {
          types: ['PART_OF'],
          direction: null,
          basis: null,
          includeRetracted,
          first: 5,
          afterKey: null,
          afterId: null,
          withTotal: true,
        })
      )[0];
    expect((await page(false))?.total).toBe(0);
    const withRetracted = await page(true);
    expect(withRetracted?.total).toBe(1);
    expect(withRetracted?.rows.map((edge) => [edge.relationship.id, edge.relationship.type, edge.relationship.retracted])).toEqual([
      [id, 'PART_OF', true],
    ]);
    const unknown = data<Retracted>(await write(RETRACT, { input: { kind: 'CLAIM', id: 'curation-test-no-claim', reason: 'x' } }));
    expect(unknown.retract.userErrors).toEqual([{ path: 'input.id', message: 'No claim "curation-test-no-claim" to retract' }]);
  });

  it('retracts a claim: claims(includeRetracted: true) still lists it, marked', async () => {
    type Claims = { claims: { totalCount: number; edges: { node: { slug: string; retracted: boolean } }[] } };
    const list = async (extra: string) =>
      data<Claims>(await write(`{ claims(topic: "curation-test-topic"${extra}) { totalCount edges { node { slug retracted } } } }`, {}))
        .claims;
    expect(await list('')).toEqual({ totalCount: 1, edges: [{ node: { slug: CLAIM, retracted: false } }] });
    const retracted = data<Retracted>(await write(RETRACT, { input: { kind: 'CLAIM', id: CLAIM, reason: 'Not in the source.' } }));
    expect(retracted.retract.retraction?.description).toBe('The trial has ended');
    expect(await list('')).toEqual({ totalCount: 0, edges: [] });
    expect(await list(', includeRetracted: true')).toEqual({ totalCount: 1, edges: [{ node: { slug: CLAIM, retracted: true } }] });
  });
});

describe('every mutation needs the write scope', () => {
  it('refuses each one without a credential (UNAUTHENTICATED) and with a read-only key (FORBIDDEN), writing nothing', async () => {
    const mutations: [string, Record<string, unknown>][] = [
      [UPSERT, { input: { ...land, name: 'Refused' } }],
      [LINK, { input: ministryInTests(span('Ministry of Tests')) }],
      [RETRACT, { input: { kind: 'STATEMENT', id: STATEMENT, reason: 'refused' } }],
      [
        'mutation ($input: AddStatementInput!) { addStatement(input: $input) { userErrors { message } } }',
        {
          input: {
            id: 'curation-test-refused',
            source: SOURCE,
            speakers: [MINISTRY],
            summary: 'x',
            evidence: [{ source: SOURCE, ...span('the trial had ended') }],
          },
        },
      ],
    ];
    const before = await ownCounts(executor, 'curation-test');
    for (const [query, variables] of mutations) {
      expect((await write(query, variables, null)).json?.errors?.[0]?.extensions?.code, query).toBe('UNAUTHENTICATED');
      expect((await write(query, variables, KEYS.reader)).json?.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
    }
    expect(await ownCounts(executor, 'curation-test')).toEqual(before);
  });
});

describe('curation and re-loads', () => {
  it('keeps what analysts added, and what they retracted stays retracted, when the source document is loaded again', async () => {
    const added = await write('mutation ($input: AddStatementInput!) { addStatement(input: $input) { userErrors { message } } }', {
      input: {
        id: 'curation-test-kept',
        source: SOURCE,
        speakers: [MINISTRY],
        summary: 'Added by an analyst.',
        evidence: [{ source: SOURCE, ...span('the trial had ended') }],
      },
    });
    expect(added.json?.errors).toBeUndefined();
    const changed = smallDocument(SOURCE);
    (changed.document.statements as { summary: string }[])[0]!.summary = 'The ministry said the trial was over.';
    const reloaded = await ingest(app.url, changed, KEYS.writer);
    expect(reloaded.json?.errors).toBeUndefined();
    expect(
      await count(executor, "MATCH (st:Statement {id: 'curation-test-kept'})-[:EVIDENCED_BY]->(:Evidence) RETURN count(st) AS n"),
    ).toBe(1);
    // Claims an analyst added with a statement stay too, with their evidence.
    expect(
      await count(
        executor,
        "MATCH (c:Claim)-[:EVIDENCED_BY]->(:Evidence) WHERE c.id IN ['curation-test-ten', 'curation-test-twelve'] RETURN count(c) AS n",
      ),
    ).toBe(2);
    // The statement retracted above stays retracted: the re-load does not bring it back.
    expect(await count(executor, 'MATCH (st:Statement {id: $id}) RETURN count(st) AS n', { id: STATEMENT })).toBe(0);
    expect(await count(executor, 'MATCH (st:RetractedStatement {id: $id}) RETURN count(st) AS n', { id: STATEMENT })).toBe(1);
  });
});
