import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/graph/seed.js';
import type { SeedDocument } from '../../src/seed/format.js';
import { validateDocument, validateReferences } from '../../src/seed/validate.js';
import { planOperators, referenceDocument, removeSource, testExecutor } from '../helpers/graph.js';
import { graphql, useTestServer } from '../helpers/server.js';
import { statedDay } from '../helpers/writes.js';

const app = useTestServer();
const { document } = referenceDocument();

const DEPLOYED = 'a001-claim-nk-troops-deployed-to-russia';

interface Slugs {
  statements: { totalCount: number; edges: { node: { slug: string } }[] } | null;
}

const slugsOf = (answer: { data?: Slugs }) => (answer.data?.statements?.edges ?? []).map((edge) => edge.node.slug).sort();

/** Statements of the seed document taking `stance` on a claim that passes `claim`. */
function seedStatementsTaking(
  stance: string,
  claim: (id: string) => boolean,
  also: (statement: SeedDocument['statements'][number]) => boolean = () => true,
): string[] {
  return document.statements
    .filter((statement) => also(statement) && statement.stances.some((taken) => taken.stance === stance && claim(taken.claim)))
    .map((statement) => statement.id)
    .sort();
}

describe('filters mean exactly what they say', () => {
  it('statements(claim:, stance:) applies the stance to that claim, not to any claim of the statement', async () => {
    const answer = await graphql<Slugs>(
      app().url,
      `{ statements(claim: "${DEPLOYED}", stance: ASSERTS, first: 50) { totalCount edges { node { slug } } } }`,
    );
    const expected = seedStatementsTaking('ASSERTS', (id) => id === DEPLOYED);
    expect(expected).toEqual([
      'a001-stmt-reports-of-deployment',
      'a001-stmt-south-korean-lawmakers-estimate',
      'a001-stmt-ukraine-military-intelligence-oct24',
      'a001-stmt-us-evidence',
    ]);
    expect(slugsOf(answer)).toEqual(expected);
    expect(answer.data?.statements?.totalCount).toBe(4);
  });

  it('statements(about:, stance:) applies the stance to a claim about that entity', async () => {
    const claimsAboutWar = new Set(document.claims.filter((claim) => claim.about.includes('russia-ukraine-war')).map((claim) => claim.id));
    const answer = await graphql<Slugs>(
      app().url,
      '{ statements(about: "russia-ukraine-war", stance: ASSERTS, first: 50) { totalCount edges { node { slug } } } }',
    );
    const expected = seedStatementsTaking(
      'ASSERTS',
      (id) => claimsAboutWar.has(id),
      (statement) => statement.about.includes('russia-ukraine-war'),
    );
    // The foreign ministry's statement is about the war and asserts a claim, but not one about the war.
    expect(expected).toEqual(['a001-stmt-kyiv-crime-of-aggression']);
    expect(slugsOf(answer)).toEqual(expected);
  });

  it('path(basis:) follows only relationships on the grounds asked for', async () => {
    type Paths = { path: { length: number; hops: { relationship: { basis: string } }[] }[] | null };
    const paths = async (from: string, to: string, basis: string) => {
      const answer = await graphql<Paths>(
        app().url,
        `{ path(from: "${from}", to: "${to}", k: 3${basis}) { length hops { relationship { basis } } } }`,
      );
      expect(answer.errors).toBeUndefined();
      return (answer.data?.path ?? []).map((path) => path.hops.map((hop) => hop.relationship.basis));
    };
    // Zelensky's only link, his office, is background knowledge: the article never says of which country.
    expect((await paths('ukraine', 'volodymyr-zelensky', ''))[0]).toEqual(['BACKGROUND']);
    expect(await paths('ukraine', 'volodymyr-zelensky', ', basis: [STATED, ALLEGED]')).toEqual([]);
    // Ukraine to North Korea: the shortest way is the alleged weapons supply; what the source states takes three hops.
    const all = await paths('ukraine', 'north-korea', '');
    expect(all[0]).toEqual(['STATED', 'ALLEGED']);
    const stated = await paths('ukraine', 'north-korea', ', basis: [STATED]');
    expect(stated.length).toBeGreaterThan(0);
    expect(stated[0]).toEqual(['STATED', 'STATED', 'STATED']);
    expect(stated.flat().every((basis) => basis === 'STATED')).toBe(true);
  });

  it('path(k: 1) (a search of its own) finds a path as short as the first of k: 3, under the same filters and hop limit', async () => {
    type PathList = { length: number; hops: { type: string; relationship: { basis: string } }[] }[];
    const paths = async (from: string, to: string, args: string) => {
      const answer = await graphql<{ one: PathList; three: PathList }>(
        app().url,
        `{ one: path(from: "${from}", to: "${to}", k: 1${args}) { length hops { type relationship { basis } } }
           three: path(from: "${from}", to: "${to}", k: 3${args}) { length hops { type relationship { basis } } } }`,
      );
      expect(answer.errors).toBeUndefined();
      // As answered: a null list (not []) fails the expectations below.
      if (!answer.data) throw new Error('path answered no data');
      return answer.data;
    };
    const cases: [string, string, string, number | null][] = [
      ['ukraine', 'north-korea', '', 2],
      ['ukraine', 'north-korea', ', basis: [STATED]', 3],
      ['ukraine', 'north-korea', ', maxHops: 2', 2],
      ['ukraine', 'north-korea', ', maxHops: 1', null],
      ['ukraine', 'north-korea', ', basis: [STATED], maxHops: 2', null],
      ['kim-jong-gyu', 'volodymyr-zelensky', '', 5],
      ['kim-jong-gyu', 'volodymyr-zelensky', ', basis: [STATED, BACKGROUND]', 6],
    ];
    const statements: { cypher: string; params: Record<string, unknown> }[] = [];
    const stop = app().executor.onQuery((cypher, params) => statements.push({ cypher, params }));
    try {
      await paths('ukraine', 'north-korea', ', types: [SUPPLIES, AT_WAR_WITH, ALLIED_WITH], basis: [STATED, ALLEGED], maxHops: 4');
    } finally {
      stop();
    }
    // Each alias is its own search: shortestPath for one path, SHORTEST k for more.
    expect(statements).toHaveLength(2);
    const single = statements.filter(({ cypher }) => cypher.includes('MATCH p = shortestPath(('));
    expect(single).toHaveLength(1);
    expect(statements.filter(({ cypher }) => cypher.includes('MATCH p = SHORTEST 3 '))).toHaveLength(1);
    // The hop limit bounds both searches (a filter after a six-hop search would cost the six hops).
    expect(statements.filter(({ cypher }) => cypher.includes('*1..4]-(b))') || cypher.includes('){1,4}(b)'))).toHaveLength(2);
    // The filters are checked hop by hop inside the breadth-first search: no exhaustive variable-length fallback.
    const plan = await planOperators(single[0]?.cypher ?? '', single[0]?.params ?? {});
    expect(plan).toContain('ShortestPath');
    expect(plan.filter((operator) => /VarLength|AntiConditionalApply/.test(operator))).toEqual([]);
    for (const [from, to, args, length] of cases) {
      const { one, three } = await paths(from, to, args);
      const label = `${from} → ${to}${args}`;
      if (length === null) {
        expect(one, label).toEqual([]);
        expect(three, label).toEqual([]);
        continue;
      }
      expect(one, label).toHaveLength(1);
      expect(one[0]?.length, label).toBe(length);
      expect(three[0]?.length, label).toBe(length);
      expect(one[0]?.hops, label).toHaveLength(length);
      // Filters hold on every hop, not only on the path as a whole.
      const allowed = /basis: \[([A-Z, ]+)\]/.exec(args)?.[1]?.split(', ') ?? ['STATED', 'ALLEGED', 'BACKGROUND'];
      for (const hop of one[0]?.hops ?? []) expect(allowed, label).toContain(hop.relationship.basis);
    }
  });

  it('refuses impossible dates', async () => {
    for (const date of ['2024-13-45', '2024-00-00', '2023-02-29']) {
      const answer = await graphql(app().url, `{ statements(from: "${date}") { totalCount } }`);
      expect(answer.errors?.[0]?.extensions?.code, date).toBe('BAD_USER_INPUT');
    }
  });
});

describe('contradictions between claims without numbers', () => {
  const LAWFUL = 'a001-claim-nk-deployment-complies-with-international-law';
  const ILLEGAL = 'a001-claim-nk-deployment-illegal';
  const AGGRESSION = 'a001-claim-nk-involvement-crime-of-aggression';
  type ClaimAnswer = { claim: { contested: boolean; conflictsWith: { slug: string }[] } | null };
  const claim = (slug: string) =>
    graphql<ClaimAnswer>(
      app().url,
      `{ claim: node(id: "${Buffer.from(`Claim:${slug}`).toString('base64url')}") { ... on Claim { contested conflictsWith { slug } } } }`,
    );

  it('links the legal dispute: lawful vs illegal vs a crime of aggression, both ways', async () => {
    const lawful = await claim(LAWFUL);
    expect(lawful.data?.claim).toEqual({ contested: true, conflictsWith: [{ slug: ILLEGAL }, { slug: AGGRESSION }] });
    for (const other of [ILLEGAL, AGGRESSION]) {
      expect((await claim(other)).data?.claim).toEqual({ contested: true, conflictsWith: [{ slug: LAWFUL }] });
    }
  });

  it('claims(contested: true) lists them, and the topic list agrees', async () => {
    const answer = await graphql<{ claims: { edges: { node: { slug: string } }[] } }>(
      app().url,
      '{ claims(topic: "legality-of-deployment", contested: true, first: 50) { edges { node { slug } } } }',
    );
    expect(answer.data?.claims.edges.map((edge) => edge.node.slug)).toEqual([LAWFUL, ILLEGAL, AGGRESSION]);
  });
});

describe('entity arguments take a slug, a global id, a name or an alias', () => {
  const speakerSlugs = async (speaker: string) => {
    const answer = await graphql<Slugs>(
      app().url,
      `{ statements(speaker: ${JSON.stringify(speaker)}, first: 50) { totalCount edges { node { slug } } } }`,
    );
    expect(answer.errors, speaker).toBeUndefined();
    return slugsOf(answer);
  };

  it('resolves "Ukraine", "kyiv", "KYIV" and the global id to the same statements', async () => {
    const bySlug = await speakerSlugs('ukraine');
    expect(bySlug).toEqual(
      document.statements
        .filter((statement) => statement.speakers.includes('ukraine'))
        .map((statement) => statement.id)
        .sort(),
    );
    expect(bySlug.length).toBe(2);
    for (const reference of ['Ukraine', 'kyiv', 'KYIV', Buffer.from('Country:ukraine').toString('base64url')]) {
      expect(await speakerSlugs(reference), reference).toEqual(bySlug);
    }
  });

  it('resolves words of a name when only one entity has them ("Kim", "Putin")', async () => {
    expect(await speakerSlugs('Kim')).toEqual(await speakerSlugs('kim-jong-gyu'));
    expect(await speakerSlugs('Putin')).toEqual(['a001-stmt-putin-no-denial']);
  });

  it('says NOT_FOUND for an unknown entity and lists the candidates for an ambiguous one', async () => {
    const unknown = await graphql<Slugs>(app().url, '{ statements(speaker: "atlantis") { totalCount } }');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argumentName: 'speaker' });
    expect(unknown.errors?.[0]?.message).toContain('No entity matches "speaker": "atlantis"');
    const ambiguous = await graphql<Slugs>(app().url, '{ statements(about: "Korea") { totalCount } }');
    expect(ambiguous.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(ambiguous.errors?.[0]?.message).toBe(
      '"about": "Korea" could be North Korea (north-korea), South Korea (south-korea), Unnamed sources in South Korea (sources-in-south-korea): pass a slug',
    );
    const wrongType = await graphql<Slugs>(
      app().url,
      `{ statements(via: "${Buffer.from(`Claim:${DEPLOYED}`).toString('base64url')}") { totalCount } }`,
    );
    expect(wrongType.errors?.[0]?.message).toContain('"via" takes an entity, but');
  });

  it('every entity argument resolves the same way: claims(about:), entities(relatedTo:), timeline(entity:), path(from:, to:)', async () => {
    const answer = await graphql<{
      claims: { totalCount: number };
      bySlug: { totalCount: number };
      related: { totalCount: number };
      timeline: unknown[];
      path: { length: number }[];
    }>(
      app().url,
      `
        {
          claims(about: "Pyongyang") {
            totalCount
          }
          bySlug: claims(about: "north-korea") {
            totalCount
          }
          related: entities(relatedTo: "Moscow") {
            totalCount
          }
          timeline(entity: "Kim Jong Gyu") {
            kind
          }
          path(from: "Kim", to: "Zelensky") {
            length
          }
        }
      `,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.claims.totalCount).toBe(answer.data?.bySlug.totalCount);
    expect(answer.data?.claims.totalCount).toBe(document.claims.filter((claim) => claim.about.includes('north-korea')).length);
    expect(answer.data?.related.totalCount).toBeGreaterThan(1);
    expect(answer.data?.path.length).toBeGreaterThan(0);
    const missing = await graphql(app().url, '{ timeline(entity: "atlantis") { kind } }');
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const missingEnd = await graphql(app().url, '{ path(from: "russia", to: "atlantis") { length } }');
    expect(missingEnd.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argumentName: 'to' });
  });

  it('a slug costs one round-trip, as before', async () => {
    let queries = 0;
    const stop = app().executor.onQuery(() => {
      queries += 1;
    });
    try {
      await speakerSlugs('ukraine');
    } finally {
      stop();
    }
    expect(queries).toBe(1);
  });
});

describe('forgiving lookups and discoverable keys', () => {
  it('entity(name:) falls back to the one entity whose name has the words; resolveEntity ranks the candidates', async () => {
    const answer = await graphql<{
      putin: { slug: string } | null;
      korea: unknown;
      candidates: { entity: { slug: string }; matchedBy: string; score: number }[];
    }>(
      app().url,
      '{ putin: entity(name: "Putin") { slug } korea: entity(name: "Korea") { slug } candidates: resolveEntity(name: "korea") { entity { slug } matchedBy matchedName score } }',
    );
    expect(answer.data?.putin).toEqual({ slug: 'vladimir-putin' });
    expect(answer.data?.korea).toBeNull();
    expect(answer.data?.candidates.map((candidate) => [candidate.entity.slug, candidate.matchedBy])).toEqual([
      ['north-korea', 'WORDS'],
      ['south-korea', 'WORDS'],
      ['sources-in-south-korea', 'WORDS'],
    ]);
    const exact = await graphql<{ resolveEntity: { entity: { slug: string }; matchedBy: string; score: number }[] }>(
      app().url,
      '{ resolveEntity(name: "Pyongyang") { entity { slug } matchedBy score } }',
    );
    expect(exact.data?.resolveEntity).toEqual([{ entity: { slug: 'north-korea' }, matchedBy: 'ALIAS', score: 0.95 }]);
  });

  it('topics and measures list every key with its claim count', async () => {
    type Keys = { edges: { node: { key: string; claimCount: number; units: string[] } }[] };
    const answer = await graphql<{ topics: Keys; measures: Keys }>(
      app().url,
      '{ topics(first: 100) { edges { node { key claimCount units } } } measures(first: 100) { edges { node { key claimCount units } } } }',
    );
    const counted = (values: string[]) =>
      [...new Set(values)].sort().map((key) => ({ key, claimCount: values.filter((value) => value === key).length }));
    const ours = (keys: Keys | undefined) => (keys?.edges ?? []).map((edge) => edge.node).filter((node) => node.key.length > 0);
    const topics = counted(document.claims.map((claim) => claim.topic));
    expect(topics.length).toBe(5);
    expect(ours(answer.data?.topics).filter((node) => topics.some((topic) => topic.key === node.key))).toEqual(
      topics.map((topic) => ({ ...topic, units: [] })),
    );
    const measures = counted(document.claims.flatMap((claim) => (claim.quantity ? [claim.quantity.measure] : [])));
    expect(measures).toEqual([
      { key: 'nk-generals-in-russia', claimCount: 1 },
      { key: 'nk-officers-in-russia', claimCount: 1 },
      { key: 'nk-troop-training-bases-in-russia', claimCount: 1 },
      { key: 'nk-troops-in-russia', claimCount: 2 },
    ]);
    expect(
      ours(answer.data?.measures)
        .filter((node) => measures.some((measure) => measure.key === node.key))
        .map(({ key, claimCount }) => ({ key, claimCount })),
    ).toEqual(measures);
  });
});

describe('timeline(entity:) includes what the entity relayed', () => {
  const executor = testExecutor();
  const SOURCE = 'semantics-relay-test';
  const text = 'On March 3, 2025, Minister Ana Tove said through Radio Tora that the talks had failed.';
  const at = (quote: string) => ({ source: SOURCE, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, quote });

  beforeAll(async () => {
    const json = {
      formatVersion: 1,
      source: { id: SOURCE, title: 'Relay test', file: 'relay.txt', publisher: null, url: null, publishedDate: null, language: 'en' },
      entities: [
        {
          id: 'semtest-ana-tove',
          kind: 'Person',
          name: 'Ana Tove',
          aliases: [],
          description: 'A minister (test fixture).',
          background: [],
          mentions: [at('Ana Tove')],
        },
        {
          id: 'semtest-radio-tora',
          kind: 'Organization',
          orgType: 'MEDIA',
          name: 'Radio Tora',
          aliases: [],
          description: 'A radio station (test fixture).',
          background: [],
          mentions: [at('Radio Tora')],
        },
      ],
      relationships: [],
      claims: [],
      statements: [
        {
          id: 'semtest-stmt-talks-failed',
          speakers: ['semtest-ana-tove'],
          via: 'semtest-radio-tora',
          cites: [],
          citesText: null,
          about: [],
          summary: 'The minister said the talks had failed.',
          quote: null,
          date: statedDay('March 3, 2025', 2025, 3, 3, at('March 3, 2025')),
          evidence: [at('Minister Ana Tove said through Radio Tora that the talks had failed')],
          stances: [],
        },
      ],
    };
    const validated = validateDocument('relay.json', json, text);
    validateReferences([validated]);
    await loadDocument(executor, validated.document, text);
  });

  afterAll(async () => {
    await removeSource(executor, SOURCE);
    await executor.close();
  });

  it('lists the statement on the outlet timeline as well as the speaker timeline', async () => {
    for (const entity of ['semtest-radio-tora', 'Radio Tora', 'semtest-ana-tove']) {
      const answer = await graphql<{ timeline: { kind: string; statement: { slug: string } | null }[] }>(
        app().url,
        `{ timeline(entity: "${entity}") { kind statement { slug } } }`,
      );
      expect(answer.data?.timeline, entity).toEqual([{ kind: 'STATEMENT', statement: { slug: 'semtest-stmt-talks-failed' } }]);
    }
  });
});
