// statements(speakerAffiliation:) reads the (:Statement)-[:COUNTS_FOR]->(:Entity) links every write
// keeps (src/graph/affiliations.ts). These tests check the links against a walk of the graph from
// scratch after each kind of write, and that a page of them is an index range, not a walk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { listStatements } from '../../src/graph/statements.js';
import { planOperators, removeSource, testExecutor } from '../helpers/graph.js';
import { postGraphQL } from '../helpers/http.js';
import { graphql, startTestServer } from '../helpers/server.js';
import { affiliationLinks, affiliationLinksFromScratch } from '../helpers/tallies.js';
import { API_KEYS, backgroundLink, fixtureEntity, ingest, KEYS, smallDocument, statedDay } from '../helpers/writes.js';

const executor = testExecutor();
const SOURCE = 'affiliations-test-src';
const COUNTRY = 'affiliations-test-country';
const MINISTRY = `${SOURCE}-ministry`;
const AGENCY = 'affiliations-test-agency';
const MINISTER = 'affiliations-test-minister';
const CLERK = 'affiliations-test-clerk';
const OUTSIDER = 'affiliations-test-outsider';
const ALLIANCE = 'affiliations-test-alliance';
const OWNED = [COUNTRY, MINISTRY, AGENCY, MINISTER, CLERK, OUTSIDER, ALLIANCE];
let app: RunningApp;

/**
 * A country; its ministry; an agency of the ministry; a minister (role in the ministry) and a clerk
 * (role in the agency); an outsider with no role; an alliance nobody is part of yet. Six statements:
 * by each official, by both together, by the country itself, by the outsider, and one undated.
 */
function document() {
  const doc = smallDocument(SOURCE);
  const text = doc.text;
  const at = (quote: string) => ({ source: SOURCE, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, quote });
  const d = doc.document as {
    entities: Record<string, unknown>[];
    relationships: Record<string, unknown>[];
    statements: Record<string, unknown>[];
  };
  d.entities.push(
    fixtureEntity(COUNTRY, 'Country', 'Affiliations Test Country'),
    fixtureEntity(AGENCY, 'Organization', 'Affiliations Test Agency'),
    fixtureEntity(MINISTER, 'Person', 'Affiliations Test Minister'),
    fixtureEntity(CLERK, 'Person', 'Affiliations Test Clerk'),
    fixtureEntity(OUTSIDER, 'Person', 'Affiliations Test Outsider'),
    fixtureEntity(ALLIANCE, 'Organization', 'Affiliations Test Alliance'),
  );
  const link = (name: string, type: string, from: string, to: string) => backgroundLink(`affiliations-test-link-${name}`, type, from, to);
  d.relationships.push(
    link('ministry', 'PART_OF', MINISTRY, COUNTRY),
    link('agency', 'PART_OF', AGENCY, MINISTRY),
    link('minister', 'HOLDS_ROLE', MINISTER, MINISTRY),
    link('clerk', 'HOLDS_ROLE', CLERK, AGENCY),
  );
  const template = d.statements[0] as Record<string, unknown>;
  const statement = (id: string, speakers: string[], day: number | null) => ({
    ...template,
    id: `affiliations-test-${id}`,
    speakers,
    date: day === null ? null : statedDay('March 3, 2025', 2025, 3, day, at('March 3, 2025')),
  });
  d.statements.splice(
    0,
    1,
    statement('by-minister', [MINISTER], 4),
    statement('by-clerk', [CLERK], 2),
    statement('by-both', [MINISTER, CLERK], 3),
    statement('by-country', [COUNTRY], 1),
    statement('by-outsider', [OUTSIDER], 5),
    statement('undated', [CLERK], null),
  );
  return doc;
}

const write = async (query: string, variables: Record<string, unknown>) => {
  const answer = await postGraphQL(app.url, query, variables, { authorization: `Bearer ${KEYS.writer}` });
  expect(answer.json?.errors).toBeUndefined();
  return answer.json?.data as Record<string, { userErrors: unknown[] }>;
};

/** The slugs statements(speakerAffiliation:) lists for `affiliation`, walking pages of `first` by cursor. */
async function listed(affiliation: string, first = 2, extra = ''): Promise<string[]> {
  const slugs: string[] = [];
  let after: string | null = null;
  for (;;) {
    type Page = { statements: { edges: { node: { slug: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const answer: { data?: Page; errors?: unknown } = await graphql<Page>(
      app.url,
      `query ($a: ID!, $after: String) { statements(speakerAffiliation: $a, first: ${first}, after: $after ${extra}) {
         edges { node { slug } } pageInfo { hasNextPage endCursor } } }`,
      { a: affiliation, after },
    );
    expect(answer.errors).toBeUndefined();
    const page = answer.data?.statements;
    if (!page) throw new Error('no page');
    slugs.push(...page.edges.map((edge) => edge.node.slug));
    if (!page.pageInfo.hasNextPage) return slugs;
    after = page.pageInfo.endCursor;
  }
}

async function expectLinksRight(): Promise<void> {
  const stored = await affiliationLinks(executor, OWNED);
  expect(Object.keys(stored).length).toBeGreaterThan(2);
  expect(stored).toEqual(await affiliationLinksFromScratch(executor, OWNED));
}

beforeAll(async () => {
  app = await startTestServer({ API_KEYS });
  await load(document());
});

afterAll(async () => {
  await app.close();
  await executor.writeRows(`MATCH (n:RetractedStatement {sourceId: $source}) DETACH DELETE n`, { source: SOURCE });
  await executor.writeRows(`MATCH (x:Retraction) WHERE x.factId STARTS WITH 'affiliations-test' DELETE x`);
  await removeSource(executor, SOURCE);
  await executor.close();
});

/** Ingests the document through the API; it must be accepted. */
async function load(doc: ReturnType<typeof document>): Promise<void> {
  const answer = await ingest(app.url, doc, KEYS.writer);
  expect(answer.json?.errors).toBeUndefined();
  expect((answer.json?.data as { ingestDocument: { userErrors: unknown[] } }).ingestDocument.userErrors).toEqual([]);
}

const id = (name: string) => `affiliations-test-${name}`;

describe('statements by speaker affiliation', () => {
  it('lists, in date order (undated last) and page by page, what its members said, each statement once', async () => {
    expect(await listed(COUNTRY)).toEqual([id('by-country'), id('by-clerk'), id('by-both'), id('by-minister'), id('undated')]);
    expect(await listed(MINISTRY, 1)).toEqual([id('by-clerk'), id('by-both'), id('by-minister'), id('undated')]);
    expect(await listed(AGENCY, 5)).toEqual([id('by-clerk'), id('by-both'), id('undated')]);
    // Any entity is its own affiliation, a person too.
    expect(await listed(OUTSIDER)).toEqual([id('by-outsider')]);
    expect(await listed(ALLIANCE)).toEqual([]);
    // Filters on top of the affiliation: dates, and speaker kinds (which read the speakers instead of the links).
    expect(await listed(COUNTRY, 2, ', from: "2025-03-02", to: "2025-03-03"')).toEqual([id('by-clerk'), id('by-both')]);
    expect(await listed(COUNTRY, 2, ', speakerKind: [COUNTRY]')).toEqual([id('by-country')]);
    await expectLinksRight();
  });

  it('reads a range of the link index in order and stops at the page: no walk of the affiliation, no sort', async () => {
    const sent: string[] = [];
    const stop = executor.onQuery((cypher) => sent.push(cypher));
    const page = await listStatements(executor, { speakerAffiliationId: COUNTRY }, { first: 2, after: null, withTotal: false });
    // The same page of all statements, read from the statement order index: the projection is the same.
    await listStatements(executor, {}, { first: 2, after: null, withTotal: false });
    stop();
    expect(page.rows.map((row) => row.id)).toEqual([id('by-country'), id('by-clerk')]);
    expect(sent).toHaveLength(2);
    const params = { affiliation: COUNTRY, after: '', limit: 3, entityIds: [COUNTRY] };
    const plan = await planOperators(sent[0] ?? '', params);
    const unfiltered = await planOperators(sent[1] ?? '', params);
    expect(plan).toContain('DirectedRelationshipIndexSeek');
    expect(plan).toContain('Limit');
    for (const walk of ['Sort', 'PartialSort', 'VarLengthExpand(All)', 'VarLengthExpand(Pruning)', 'NodeByLabelScan', 'AllNodesScan']) {
      expect(plan).not.toContain(walk);
    }
    // Each statement's own speakers and links are cut by Top; the page itself is not.
    const tops = (operators: string[]) => operators.filter((name) => name === 'Top').length;
    expect(tops(unfiltered)).toBeGreaterThan(0);
    expect(tops(plan)).toBe(tops(unfiltered));
  });

  it('follows every write: a new link, a retracted link, a retracted statement and a changed re-load', async () => {
    const LINK = `mutation ($input: LinkEntitiesInput!) { linkEntities(input: $input) { relationshipId userErrors { message } } }`;
    const RETRACT = `mutation ($input: RetractInput!) { retract(input: $input) { retraction { slug } userErrors { message } } }`;
    const { text } = smallDocument(SOURCE);
    const words = 'Ministry of Tests';
    const linked = await write(LINK, {
      input: {
        id: id('joins-alliance'),
        type: 'PART_OF',
        from: MINISTRY,
        to: ALLIANCE,
        basis: 'BACKGROUND',
        evidence: [{ source: SOURCE, start: text.indexOf(words), end: text.indexOf(words) + words.length }],
      },
    });
    expect(linked.linkEntities?.userErrors).toEqual([]);
    expect(await listed(ALLIANCE)).toEqual([id('by-clerk'), id('by-both'), id('by-minister'), id('undated')]);
    await expectLinksRight();

    expect(
      (await write(RETRACT, { input: { kind: 'RELATIONSHIP', id: id('joins-alliance'), reason: 'test' } })).retract?.userErrors,
    ).toEqual([]);
    expect(await listed(ALLIANCE)).toEqual([]);
    await expectLinksRight();

    expect((await write(RETRACT, { input: { kind: 'STATEMENT', id: id('by-both'), reason: 'test' } })).retract?.userErrors).toEqual([]);
    expect(await listed(COUNTRY)).toEqual([id('by-country'), id('by-clerk'), id('by-minister'), id('undated')]);
    // Retracted statements have no links: includeRetracted walks the speakers instead, and still finds it.
    expect(await listed(COUNTRY, 10, ', includeRetracted: true')).toEqual([
      id('by-country'),
      id('by-clerk'),
      id('by-both'),
      id('by-minister'),
      id('undated'),
    ]);
    await expectLinksRight();

    // Re-loaded with the clerk's agency cut loose from the ministry: the clerk no longer speaks for it.
    const reloaded = document();
    const d = reloaded.document as { relationships: { id: string }[] };
    d.relationships = d.relationships.filter((rel) => rel.id !== id('link-agency'));
    await load(reloaded);
    expect(await listed(MINISTRY)).toEqual([id('by-minister')]);
    expect(await listed(AGENCY)).toEqual([id('by-clerk'), id('undated')]);
    await expectLinksRight();
  });
});
