import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { countByDate, countStatements, mostConnected } from '../../src/graph/aggregates.js';
import { loadDocument } from '../../src/graph/seed.js';
import { settlePendingTallies } from '../../src/graph/tallies.js';
import { seedDocuments } from '../../src/seed/load.js';
import { validateDocument } from '../../src/seed/validate.js';
import { count, planOperators, removeSource, testExecutor } from '../helpers/graph.js';
import { postGraphQL, type RawAnswer } from '../helpers/http.js';
import { graphql, startTestServer } from '../helpers/server.js';
import { affiliationLinks, affiliationLinksFromScratch, recountFromScratch, storedTallies } from '../helpers/tallies.js';
import { API_KEYS, backgroundLink, fixtureEntity, ingest, KEYS, smallDocument } from '../helpers/writes.js';

const executor = testExecutor();
const SOURCE = 'aggregates-test-src';
const MINISTRY = `${SOURCE}-ministry`;
const OFFICIAL = 'aggregates-test-official';
const CLAIM = 'aggregates-test-claim';
const ADDED = 'aggregates-test-added';
let app: RunningApp;

const write = (query: string, variables: Record<string, unknown>): Promise<RawAnswer> =>
  postGraphQL(app.url, query, variables, { authorization: `Bearer ${KEYS.writer}` });

async function read<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const answer = await graphql<T>(app.url, query, variables);
  expect(answer.errors).toBeUndefined();
  return answer.data as T;
}

/** The test's document: an official of a ministry that is part of North Korea says, via KCNA, that the trial ended, and denies a claim. */
function document(options: { day: number; partOfNorthKorea: boolean }) {
  const doc = smallDocument(SOURCE, { speaker: OFFICIAL });
  const text = doc.text;
  const at = (quote: string) => ({ source: SOURCE, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, quote });
  const d = doc.document as {
    entities: Record<string, unknown>[];
    relationships: Record<string, unknown>[];
    claims: Record<string, unknown>[];
    statements: Record<string, unknown>[];
  };
  d.entities.push(fixtureEntity(OFFICIAL, 'Person', 'Aggregates Test Official'));
  d.relationships.push(backgroundLink('aggregates-test-role', 'HOLDS_ROLE', OFFICIAL, MINISTRY));
  if (options.partOfNorthKorea) d.relationships.push(backgroundLink('aggregates-test-part', 'PART_OF', MINISTRY, 'north-korea'));
  d.claims.push({
    id: CLAIM,
    proposition: 'The trial goes on',
    topic: 'aggregates-test-topic',
    about: [MINISTRY],
    quantity: null,
    evidence: [at('the trial had ended')],
  });
  const statement = d.statements[0] as Record<string, unknown>;
  statement.via = 'kcna';
  statement.date = {
    text: 'March 3, 2025',
    year: 2025,
    month: 3,
    day: options.day,
    precision: 'DAY',
    inferredYear: null,
    inferredYearBasis: null,
    inferred: false,
    inferenceBasis: null,
    evidence: [at('March 3, 2025')],
  };
  statement.stances = [{ claim: CLAIM, stance: 'DENIES', evidence: [at('the trial had ended')] }];
  return doc;
}

// The entities and dates whose tallies this file's writes move.
const ENTITIES = [OFFICIAL, MINISTRY, 'north-korea', 'kcna', 'kim-jong-gyu', 'ukraine', 'russia'];
const DATES = ['2025-03-03', '2025-03-04', '2025-03-05', '2024-10-24', '2024-10-25'];

async function expectTalliesRight(): Promise<void> {
  const stored = await storedTallies(executor, ENTITIES, DATES);
  expect(Object.keys(stored).length).toBeGreaterThan(5);
  expect(stored).toEqual(await recountFromScratch(executor, ENTITIES, DATES));
  // The links statements(speakerAffiliation:) pages through and the affiliation counts are read from.
  const links = await affiliationLinks(executor, ENTITIES);
  expect(Object.keys(links).length).toBeGreaterThan(2);
  expect(links).toEqual(await affiliationLinksFromScratch(executor, ENTITIES));
}

const SPEAKERS = `query ($by: StatementGrouping!, $about: ID, $first: Int!) {
  statementCounts(by: $by, about: $about, first: $first) { total groups { key label count entity { slug } stance } }
}`;
type Counts = {
  statementCounts: {
    total: number;
    groups: { key: string; label: string; count: number; entity: { slug: string } | null; stance: string | null }[];
  };
};
const groupCount = (counts: Counts, key: string) => counts.statementCounts.groups.find((group) => group.key === key)?.count ?? 0;

beforeAll(async () => {
  app = await startTestServer({ API_KEYS });
});

afterAll(async () => {
  await app.close();
  await executor.writeRows(`MATCH (n:RetractedStatement|RetractedClaim {sourceId: $source}) DETACH DELETE n`, { source: SOURCE });
  await executor.writeRows(`MATCH (x:Retraction) WHERE x.factId STARTS WITH 'aggregates-test' DELETE x`);
  await removeSource(executor, SOURCE);
  await executor.writeRows(`MATCH (k:Topic {id: 'aggregates-test-topic'}) DELETE k`);
  await executor.close();
});

describe('aggregates of the article', () => {
  it('overview totals agree with the lists they summarise', async () => {
    const data = await read<{
      overview: {
        entities: number;
        entitiesByKind: { kind: string; count: number }[];
        statements: number;
        claims: number;
        contestedClaims: number;
        sources: number;
      };
      people: { totalCount: number };
      all: { totalCount: number };
      statements: { totalCount: number };
      claims: { totalCount: number };
      contested: { totalCount: number };
    }>(`{
      overview { entities entitiesByKind { kind count } statements claims contestedClaims sources }
      people: entities(kind: [PERSON], first: 1) { totalCount }
      all: entities(first: 1) { totalCount }
      statements(first: 1) { totalCount }
      claims(first: 1) { totalCount }
      contested: claims(contested: true, first: 1) { totalCount }
    }`);
    expect(data.overview.entitiesByKind.map((row) => row.kind)).toEqual(['COUNTRY', 'PERSON', 'ORGANIZATION', 'AGREEMENT', 'EVENT']);
    expect(data.overview.entitiesByKind.find((row) => row.kind === 'PERSON')?.count).toBe(data.people.totalCount);
    expect(data.overview.entities).toBe(data.all.totalCount);
    expect(data.overview.entitiesByKind.reduce((sum, row) => sum + row.count, 0)).toBe(data.overview.entities);
    expect(data.overview.statements).toBe(data.statements.totalCount);
    expect(data.overview.claims).toBe(data.claims.totalCount);
    expect(data.overview.contestedClaims).toBe(data.contested.totalCount);
    expect(data.overview.contestedClaims).toBeGreaterThan(0);
  });

  it('statements by speaker, outlet, subject and affiliation match the filtered lists, largest first', async () => {
    const lists = { SPEAKER: 'speaker', OUTLET: 'via', SUBJECT: 'about', AFFILIATION: 'speakerAffiliation' } as const;
    for (const [by, argument] of Object.entries(lists)) {
      const counts = await read<Counts>(SPEAKERS, { by, first: 100 });
      expect(counts.statementCounts.groups.length, by).toBeGreaterThan(0);
      const sizes = counts.statementCounts.groups.map((group) => group.count);
      expect(sizes, by).toEqual([...sizes].sort((a, b) => b - a));
      for (const group of counts.statementCounts.groups) {
        expect(group.entity?.slug).toBe(group.key);
        const listed = await read<{ statements: { totalCount: number } }>(
          `query ($id: ID) { statements(${argument}: $id, first: 1) { totalCount } }`,
          {
            id: group.key,
          },
        );
        expect(group.count, `${by} ${group.key}`).toBe(listed.statements.totalCount);
      }
    }
    const speakers = await read<Counts>(SPEAKERS, { by: 'SPEAKER', first: 1 });
    expect(speakers.statementCounts.groups).toEqual([
      { key: 'kim-jong-gyu', label: 'Kim Jong Gyu', count: 3, entity: { slug: 'kim-jong-gyu' }, stance: null },
    ]);
  });

  it('statements by stance count stance links per stance, as the graph holds them', async () => {
    const counts = await read<Counts>(SPEAKERS, { by: 'STANCE', first: 20 });
    const expected = await executor.readRows<{ stance: string; n: number }>(
      'MATCH (:Statement)-[r:TAKES_STANCE]->(:Claim) RETURN r.stance AS stance, count(*) AS n ORDER BY n DESC, stance DESC',
    );
    expect(expected.length).toBeGreaterThan(2);
    expect(counts.statementCounts.groups.map((group) => [group.stance, group.count])).toEqual(expected.map((row) => [row.stance, row.n]));
  });

  it('filtered counts match the filtered list, and a broad filter is counted over its matches', async () => {
    const counts = await read<Counts>(SPEAKERS, { by: 'SPEAKER', about: 'north-korea', first: 100 });
    const listed = await read<{ statements: { totalCount: number } }>('{ statements(about: "north-korea", first: 1) { totalCount } }');
    expect(counts.statementCounts.total).toBe(listed.statements.totalCount);
    expect(counts.statementCounts.total).toBeGreaterThan(1);
    const bySpeaker = await count(
      executor,
      'MATCH (:Entity {id: $speaker})-[:SAID]->(st:Statement)-[:ABOUT]->(:Entity {id: "north-korea"}) RETURN count(st) AS n',
      { speaker: 'ukraine' },
    );
    expect(groupCount(counts, 'ukraine')).toBe(bySpeaker);
    const unknown = await graphql(app.url, '{ statementCounts(by: SPEAKER, about: "atlantis") { total } }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('filtered counts by affiliation match the lists filtered by both, group by group', async () => {
    const counts = await read<Counts>(SPEAKERS, { by: 'AFFILIATION', about: 'north-korea', first: 100 });
    const groups = counts.statementCounts.groups;
    expect(groups.length).toBeGreaterThan(1);
    for (const group of groups) {
      const listed = await read<{ statements: { totalCount: number } }>(
        'query ($id: ID) { statements(speakerAffiliation: $id, about: "north-korea", first: 1) { totalCount } }',
        { id: group.key },
      );
      expect(group.count, group.key).toBe(listed.statements.totalCount);
    }
    // A country whose officials spoke about North Korea counts their statements as its own: the
    // statements about it among those an independent walk finds for the country.
    const aboutNorthKorea = new Set(
      (await executor.readRows<{ id: string }>('MATCH (st:Statement)-[:ABOUT]->(:Entity {id: "north-korea"}) RETURN st.id AS id')).map(
        (row) => row.id,
      ),
    );
    const forUkraine = (await affiliationLinksFromScratch(executor, ['ukraine'])).ukraine ?? [];
    const viaOfficials = forUkraine.filter((entry) => aboutNorthKorea.has(entry.split('@')[0] ?? '')).length;
    expect(viaOfficials).toBeGreaterThan(0);
    expect(groupCount(counts, 'ukraine')).toBe(viaOfficials);
  });

  it('entity counts per kind match the filtered entity list, kind by kind', async () => {
    const data = await read<{ entityCounts: { kind: string; count: number }[] }>(
      '{ entityCounts(relatedTo: "north-korea") { kind count } }',
    );
    expect(data.entityCounts.map((row) => row.kind)).toEqual(['COUNTRY', 'PERSON', 'ORGANIZATION', 'AGREEMENT', 'EVENT']);
    for (const row of data.entityCounts) {
      const listed = await read<{ entities: { totalCount: number } }>(
        `{ entities(relatedTo: "north-korea", kind: [${row.kind}], first: 1) { totalCount } }`,
      );
      expect(row.count, row.kind).toBe(listed.entities.totalCount);
    }
    expect(data.entityCounts.reduce((sum, row) => sum + row.count, 0)).toBeGreaterThan(5);
    const named = await read<{ entityCounts: { kind: string; count: number }[]; entities: { totalCount: number } }>(
      '{ entityCounts(nameContains: "kim") { kind count } entities(nameContains: "kim", first: 1) { totalCount } }',
    );
    expect(named.entityCounts.filter((row) => row.count > 0)).toEqual([{ kind: 'PERSON', count: named.entities.totalCount }]);
  });

  it('claim counts split contested from uncontested, overall and about an entity', async () => {
    const data = await read<{
      all: { total: number; contested: number; uncontested: number };
      about: { total: number; contested: number; uncontested: number };
      listed: { totalCount: number };
      listedContested: { totalCount: number };
      denied: { total: number };
      listedDenied: { totalCount: number };
    }>(`{
      all: claimCounts { total contested uncontested }
      about: claimCounts(about: "north-korea") { total contested uncontested }
      listed: claims(about: "north-korea", first: 1) { totalCount }
      listedContested: claims(about: "north-korea", contested: true, first: 1) { totalCount }
      denied: claimCounts(stance: DENIES) { total }
      listedDenied: claims(stance: DENIES, first: 1) { totalCount }
    }`);
    expect(data.denied.total).toBe(data.listedDenied.totalCount);
    expect(data.denied.total).toBeGreaterThan(0);
    expect(data.all.contested + data.all.uncontested).toBe(data.all.total);
    expect(data.about).toEqual({
      total: data.listed.totalCount,
      contested: data.listedContested.totalCount,
      uncontested: data.listed.totalCount - data.listedContested.totalCount,
    });
    expect(data.about.contested).toBeGreaterThan(0);
  });

  it('activity per day counts the article dates in their inferred year, flagged, and weeks and months add up', async () => {
    const data = await read<{
      day: {
        buckets: { label: string; precision: string; statements: number; events: number; inferredYear: number }[];
        lessPrecise: unknown[];
        withoutYear: number;
      };
      week: { buckets: { label: string; start: string; statements: number; events: number }[] };
      timeline: { kind: string; date: { sortKey: string } }[];
    }>(`{
      day: activity(interval: DAY, from: "2024-10", to: "2024-10") { buckets { label precision statements events inferredYear } lessPrecise { label } withoutYear }
      week: activity(interval: WEEK, from: "2024-10", to: "2024-10") { buckets { label start statements events } }
      timeline(from: "2024-10", to: "2024-10", first: 100) { kind date { sortKey } }
    }`);
    expect(data.day.buckets).toEqual([
      { label: '2024-10-24', precision: 'DAY', statements: 1, events: 1, inferredYear: 2 },
      { label: '2024-10-25', precision: 'DAY', statements: 4, events: 0, inferredYear: 4 },
    ]);
    expect(data.day.lessPrecise).toEqual([]);
    const onTimeline = (kind: string, day: string) =>
      data.timeline.filter((item) => item.kind === kind && item.date.sortKey === day).length;
    expect(onTimeline('STATEMENT', '2024-10-25')).toBe(4);
    expect(onTimeline('EVENT', '2024-10-24')).toBe(1);
    expect(data.week.buckets).toEqual([{ label: '2024-W43', start: '2024-10-21', statements: 5, events: 1 }]);
  });

  it('most connected entities rank by current relationships, by type and kind on request', async () => {
    const data = await read<{
      top: { entity: { slug: string; relationships: { totalCount: number } }; degree: number }[];
      roles: { entity: { slug: string; kind: string }; degree: number }[];
    }>(`{
      top: mostConnected(first: 3) { entity { slug relationships(first: 1) { totalCount } } degree }
      roles: mostConnected(first: 10, kind: [PERSON], type: HOLDS_ROLE) { entity { slug kind } degree }
    }`);
    expect(data.top.map((row) => [row.entity.slug, row.degree])).toEqual([
      ['russia', 10],
      ['north-korea', 9],
      ['ukraine', 6],
    ]);
    for (const row of data.top) expect(row.degree).toBe(row.entity.relationships.totalCount);
    expect(data.roles.length).toBe(3);
    for (const row of data.roles) expect(row.entity.kind).toBe('PERSON');
  });
});

describe('bounded work', () => {
  it('unfiltered aggregates read index ranges in order and stop at the page: no scan, no sort of a whole group', async () => {
    const sent: string[] = [];
    const stop = executor.onQuery((cypher) => sent.push(cypher));
    await countStatements(executor, 'SPEAKER', {}, 5);
    await countStatements(executor, 'STANCE', {}, 5);
    await mostConnected(executor, { kinds: null, type: 'HOLDS_ROLE', first: 5 });
    await countByDate(executor, { from: null, to: null, entityId: null });
    stop();
    expect(sent).toHaveLength(4);
    const params = { first: neo4j.int(5), kinds: ['Country', 'Person'], from: '', to: '9999-99-99', keys: neo4j.int(5001), entity: null };
    for (const [i, cypher] of sent.entries()) {
      const plan = await planOperators(cypher, params);
      // A seek, or on a small graph sometimes a scan of the same index: the planner's choice by its
      // statistics (every entry of a count index is > 0, so both read the same entries). Either is
      // read in index order and cut by Limit, as long as nothing sorts.
      expect(plan.filter((name) => name === 'NodeIndexSeek' || name === 'NodeIndexScan').length, cypher).toBeGreaterThan(0);
      expect(plan, cypher).toContain('Limit');
      for (const scan of ['NodeByLabelScan', 'AllNodesScan', 'Sort', 'PartialSort']) expect(plan, cypher).not.toContain(scan);
      // Only mostConnected merges its per-kind pages (each at most `first` rows) with one Top.
      expect(plan.filter((name) => name === 'Top').length, cypher).toBe(i === 2 ? 1 : 0);
    }
  });
});

describe('tallies follow every write', () => {
  const ADD = `mutation ($input: AddStatementInput!) { addStatement(input: $input) { statement { slug } userErrors { message } } }`;
  const RETRACT = `mutation ($input: RetractInput!) { retract(input: $input) { retraction { slug } userErrors { message } } }`;
  const LINK = `mutation ($input: LinkEntitiesInput!) { linkEntities(input: $input) { relationshipId userErrors { message } } }`;
  const { text } = smallDocument(SOURCE);
  const span = (words: string) => ({ source: SOURCE, start: text.indexOf(words), end: text.indexOf(words) + words.length });

  it('an ingested document, a new statement, retractions, a new link and a changed re-load each leave the tallies equal to a recount', async () => {
    const before = await read<Counts>(SPEAKERS, { by: 'AFFILIATION', first: 100 });
    const kcnaBefore = groupCount(await read<Counts>(SPEAKERS, { by: 'OUTLET', first: 100 }), 'kcna');

    expect((await ingest(app.url, document({ day: 3, partOfNorthKorea: true }), KEYS.writer)).json?.errors).toBeUndefined();
    const affiliations = await read<Counts>(SPEAKERS, { by: 'AFFILIATION', first: 100 });
    expect(groupCount(affiliations, 'north-korea')).toBe(groupCount(before, 'north-korea') + 1);
    expect(groupCount(affiliations, MINISTRY)).toBe(1);
    expect(groupCount(await read<Counts>(SPEAKERS, { by: 'OUTLET', first: 100 }), 'kcna')).toBe(kcnaBefore + 1);
    const march = await read<{ activity: { buckets: { label: string; statements: number }[] } }>(
      '{ activity(interval: DAY, from: "2025-03", to: "2025-03") { buckets { label statements } } }',
    );
    expect(march.activity.buckets).toEqual([{ label: '2025-03-03', statements: 1 }]);
    await expectTalliesRight();

    const added = await write(ADD, {
      input: {
        id: ADDED,
        source: SOURCE,
        speakers: [OFFICIAL],
        summary: 'The official repeated it.',
        date: { year: 2025, month: 3, day: 5, evidence: span('March 3, 2025') },
        evidence: [span('the trial had ended')],
        stances: [{ claim: CLAIM, stance: 'ASSERTS', evidence: [span('the trial had ended')] }],
      },
    });
    expect(added.json?.data).toEqual({ addStatement: { statement: { slug: ADDED }, userErrors: [] } });
    const speakers = await read<Counts>(SPEAKERS, { by: 'SPEAKER', first: 100 });
    expect(groupCount(speakers, OFFICIAL)).toBe(2);
    // Asserted by one statement and denied by another: the claim is now contested.
    expect(
      (await read<{ claimCounts: { contested: number } }>(`{ claimCounts(about: "${MINISTRY}") { contested } }`)).claimCounts.contested,
    ).toBe(1);
    await expectTalliesRight();

    const retracted = await write(RETRACT, { input: { kind: 'STATEMENT', id: ADDED, reason: 'test' } });
    expect(retracted.json?.errors).toBeUndefined();
    expect(groupCount(await read<Counts>(SPEAKERS, { by: 'SPEAKER', first: 100 }), OFFICIAL)).toBe(1);
    await expectTalliesRight();

    const linked = await write(LINK, {
      input: {
        id: 'aggregates-test-ally',
        type: 'ALLIED_WITH',
        from: MINISTRY,
        to: 'russia',
        basis: 'BACKGROUND',
        evidence: [span('Ministry of Tests')],
      },
    });
    expect(linked.json?.errors).toBeUndefined();
    const allies = await read<{ mostConnected: { entity: { slug: string }; degree: number }[] }>(
      '{ mostConnected(first: 100, kind: [ORGANIZATION], type: ALLIED_WITH) { entity { slug } degree } }',
    );
    expect(allies.mostConnected).toContainEqual({ entity: { slug: MINISTRY }, degree: 1 });
    await expectTalliesRight();

    expect(
      (await write(RETRACT, { input: { kind: 'RELATIONSHIP', id: 'aggregates-test-ally', reason: 'test' } })).json?.errors,
    ).toBeUndefined();
    await expectTalliesRight();

    // Re-loaded without the PART_OF link and with another date: North Korea loses the statement, the date moves.
    expect((await ingest(app.url, document({ day: 4, partOfNorthKorea: false }), KEYS.writer)).json?.errors).toBeUndefined();
    expect(groupCount(await read<Counts>(SPEAKERS, { by: 'AFFILIATION', first: 100 }), 'north-korea')).toBe(
      groupCount(before, 'north-korea'),
    );
    const moved = await read<{ activity: { buckets: { label: string; statements: number }[] } }>(
      '{ activity(interval: DAY, from: "2025-03", to: "2025-03") { buckets { label statements } } }',
    );
    expect(moved.activity.buckets).toEqual([{ label: '2025-03-04', statements: 1 }]);
    await expectTalliesRight();

    expect((await write(RETRACT, { input: { kind: 'CLAIM', id: CLAIM, reason: 'test' } })).json?.errors).toBeUndefined();
    await expectTalliesRight();
  });
});

describe('bulk loads', () => {
  const BULK = ['aggregates-bulk-a', 'aggregates-bulk-b', 'aggregates-bulk-c'];
  const JOINING = 'aggregates-bulk-joining';
  const saidCount = async (entity: string) => {
    const [row] = await executor.readRows<{ said: number | null }>('MATCH (e:Entity {id: $id}) RETURN e.saidCount AS said', { id: entity });
    return row?.said;
  };
  const pending = () => count(executor, 'MATCH (p:PendingTallies) RETURN count(p) AS n');
  afterAll(async () => {
    for (const source of [JOINING, ...BULK]) await removeSource(executor, source);
  });

  it('recount once after the last document, and a load cut short is settled later', async () => {
    const [a, b, c] = BULK.map((source) => {
      const doc = smallDocument(source);
      return validateDocument(`${source}.json`, doc.document, doc.text);
    });
    if (!a || !b || !c) throw new Error('three documents');
    await seedDocuments(executor, [a, b]);
    expect(await pending()).toBe(0);
    expect([await saidCount(`${BULK[0]}-ministry`), await saidCount(`${BULK[1]}-ministry`)]).toEqual([1, 1]);

    // A bulk load stopped after a document: its recount is recorded, not lost, and settled later.
    await loadDocument(executor, c.document, c.text, { tallies: 'deferred' });
    expect(await pending()).toBe(1);
    expect(await saidCount(`${BULK[2]}-ministry`)).toBeNull();
    expect(await settlePendingTallies(executor)).toBe(1);
    expect(await pending()).toBe(0);
    expect(await saidCount(`${BULK[2]}-ministry`)).toBe(1);
    // Settlement recounts affiliations apart from the entity counts: each ministry is its own.
    const ministries = BULK.map((source) => `${source}-ministry`);
    const stored = (await storedTallies(executor, ministries, [])).affiliation ?? {};
    expect(Object.keys(stored).sort()).toEqual([...ministries].sort());
    expect(stored).toEqual((await recountFromScratch(executor, ministries, [])).affiliation);
  });

  it('a later document that puts a body under another relinks, at settlement, what was said in it before', async () => {
    const union = `${JOINING}-union`;
    const ministry = `${BULK[0]}-ministry`;
    const later = smallDocument(JOINING, { entityId: union });
    const parts = later.document as { entities: Record<string, unknown>[]; relationships: Record<string, unknown>[] };
    parts.entities.push(fixtureEntity(ministry, 'Organization', 'Ministry of Tests'));
    parts.relationships.push(backgroundLink(`${JOINING}-joins`, 'PART_OF', ministry, union));
    const joining = validateDocument(`${JOINING}.json`, later.document, later.text);
    expect(await affiliationLinks(executor, [ministry])).toEqual({ [ministry]: [expect.stringMatching(new RegExp(`^${BULK[0]}-stmt@`))] });

    await loadDocument(executor, joining.document, joining.text, { tallies: 'deferred' });
    expect(await settlePendingTallies(executor)).toBe(1);
    const linked = await affiliationLinks(executor, [union]);
    // The ministry's statement from the first document counts for the union now, as well as the union's own.
    expect((linked[union] ?? []).map((entry) => entry.split('@')[0])).toEqual([`${BULK[0]}-stmt`, `${JOINING}-stmt`]);
    expect(linked).toEqual(await affiliationLinksFromScratch(executor, [union]));
  });
});

describe('bad aggregate arguments', () => {
  it('refuses bad dates, page sizes and too many buckets with a clear error', async () => {
    const cases: [string, string][] = [
      ['{ activity(from: "2024-13") { interval } }', '"from" must be a date'],
      ['{ statementCounts(by: SPEAKER, first: 0) { total } }', '"first" must be between 1 and 100'],
      [
        '{ activity(interval: DAY, from: "2024-10", to: "2024-10") { interval } mostConnected(first: 101) { degree } }',
        '"first" must be between 1 and 100',
      ],
    ];
    for (const [query, message] of cases) {
      const answer = await graphql(app.url, query);
      expect(answer.errors?.[0]?.message, query).toContain(message);
      expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});
