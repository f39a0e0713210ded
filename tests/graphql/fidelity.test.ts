import { describe, expect, it } from 'vitest';
import { graphql, useTestServer } from '../helpers/server.js';

const app = useTestServer();

interface Span {
  start: number;
  end: number;
  quote: string;
}

interface EntityWithLinks {
  slug: string;
  name: string;
  aliasDetails: { name: string; origin: string }[];
  mentions: Span[];
  relationships: { edges: { node: { type: string; direction: string; basis: string; other: { slug: string }; evidence: Span[] } }[] };
}

/** Every entity with its names, mentions and relationships, read through the API. */
async function everything(): Promise<Map<string, EntityWithLinks>> {
  const answer = await graphql<{ entities: { totalCount: number; edges: { node: EntityWithLinks }[] } }>(
    app().url,
    `
      {
        entities(first: 30) {
          totalCount
          edges {
            node {
              slug
              name
              aliasDetails {
                name
                origin
              }
              mentions(first: 12) {
                start
                end
                quote
              }
              relationships(first: 12) {
                edges {
                  node {
                    type
                    direction
                    basis
                    other {
                      slug
                    }
                    evidence {
                      start
                      end
                      quote
                    }
                  }
                }
              }
            }
          }
        }
      }
    `,
  );
  expect(answer.errors).toBeUndefined();
  const nodes = (answer.data?.entities.edges ?? []).map((edge) => edge.node);
  expect(nodes.length).toBe(answer.data?.entities.totalCount);
  return new Map(nodes.map((node) => [node.slug, node]));
}

const relationship = (entity: EntityWithLinks | undefined, type: string, other: string) =>
  entity?.relationships.edges.map((edge) => edge.node).filter((node) => node.type === type && node.other.slug === other) ?? [];

describe('the graph states no more than its source', () => {
  it('context-only links are BACKGROUND: KCNA and the defense ministry part of North Korea, Kim Jong Gyu in the foreign ministry', async () => {
    const entities = await everything();
    for (const [from, type, to] of [
      ['kcna', 'PART_OF', 'north-korea'],
      ['north-korea-defense-ministry', 'PART_OF', 'north-korea'],
      ['kim-jong-gyu', 'HOLDS_ROLE', 'north-korea-foreign-ministry'],
    ] as const) {
      const found = relationship(entities.get(from), type, to);
      expect(
        found.map((rel) => rel.basis),
        `${from} ${type} ${to}`,
      ).toEqual(['BACKGROUND']);
    }
  });

  it('every STATED relationship cites words that mention both of its ends', async () => {
    const entities = await everything();
    const mentions = (entity: EntityWithLinks | undefined, span: Span) =>
      entity !== undefined &&
      (entity.mentions.some((mention) => mention.start < span.end && mention.end > span.start) ||
        [entity.name, ...entity.aliasDetails.filter((alias) => alias.origin === 'STATED').map((alias) => alias.name)].some((name) =>
          span.quote.toLowerCase().includes(name.toLowerCase()),
        ));
    const stated = [...entities.values()].flatMap((entity) =>
      entity.relationships.edges
        .map((edge) => edge.node)
        .filter((rel) => rel.basis === 'STATED')
        .map((rel) => ({ entity, rel })),
    );
    expect(stated.length).toBeGreaterThan(20);
    const unsupported = stated.filter(
      ({ entity, rel }) => !rel.evidence.some((span) => mentions(entity, span) && mentions(entities.get(rel.other.slug), span)),
    );
    expect(unsupported.map(({ entity, rel }) => `${entity.slug} ${rel.type} ${rel.other.slug}`)).toEqual([]);
  });

  it('"strengthened ties" is not an alliance', async () => {
    const entities = await everything();
    const allied = [...entities.values()].flatMap((entity) =>
      entity.relationships.edges.filter((edge) => edge.node.type === 'ALLIED_WITH'),
    );
    expect(allied).toEqual([]);
    expect(relationship(entities.get('north-korea'), 'PARTY_TO', 'north-korea-russia-mutual-defense-pact').map((rel) => rel.basis)).toEqual(
      ['STATED'],
    );
  });

  it('the circulating reports come from unnamed sources in Ukraine, South Korea, the United States and other nations, not from the states', async () => {
    const answer = await graphql<{
      reports: { speakers: { __typename: string; name: string; slug: string }[] } | null;
      us: { edges: { node: { slug: string } }[] };
    }>(
      app().url,
      `{ reports: node(id: "${Buffer.from('Statement:a001-stmt-reports-of-deployment').toString('base64url')}") { ... on Statement { speakers { __typename name slug } } }
         us: statements(speaker: "united-states") { edges { node { slug } } } }`,
    );
    expect(answer.data?.reports?.speakers).toEqual([
      { __typename: 'Organization', name: 'Unnamed sources in other nations', slug: 'sources-in-other-nations' },
      { __typename: 'Organization', name: 'Unnamed sources in South Korea', slug: 'sources-in-south-korea' },
      { __typename: 'Organization', name: 'Unnamed sources in Ukraine', slug: 'sources-in-ukraine' },
      { __typename: 'Organization', name: 'Unnamed sources in the United States', slug: 'sources-in-united-states' },
    ]);
    // The United States itself only "indicated seeing evidence".
    expect(answer.data?.us.edges.map((edge) => edge.node.slug)).toEqual(['a001-stmt-us-evidence']);
  });

  it('figures the article says were reported are asserted, and only the lawmakers estimate', async () => {
    const answer = await graphql<{
      statements: { edges: { node: { slug: string; stances: { stance: string; claim: { slug: string } }[] } }[] };
    }>(app().url, '{ statements(first: 50) { edges { node { slug stances { stance claim { slug } } } } } }');
    const stances = (answer.data?.statements.edges ?? []).flatMap((edge) =>
      edge.node.stances.map((stance) => ({ statement: edge.node.slug, ...stance })),
    );
    expect(stances.length).toBeGreaterThan(20);
    const reported = stances.filter((stance) => stance.statement === 'a001-stmt-ukraine-military-intelligence-oct24');
    expect(reported.map((stance) => stance.stance)).toEqual(['ASSERTS', 'ASSERTS', 'ASSERTS', 'ASSERTS', 'ASSERTS']);
    expect(stances.filter((stance) => stance.stance === 'ESTIMATES').map((stance) => `${stance.statement} ${stance.claim.slug}`)).toEqual([
      'a001-stmt-south-korean-lawmakers-estimate a001-claim-more-nk-troops-expected',
      'a001-stmt-south-korean-lawmakers-estimate a001-claim-nk-troops-sent-3000',
    ]);
  });

  it('marks which aliases the source uses and which are background knowledge', async () => {
    const entities = await everything();
    expect(entities.get('north-korea')?.aliasDetails).toEqual([
      { name: 'Pyongyang', origin: 'STATED' },
      { name: 'DPRK', origin: 'BACKGROUND' },
    ]);
    expect(entities.get('kcna')?.aliasDetails).toEqual([{ name: 'Korean Central News Agency', origin: 'BACKGROUND' }]);
    expect(entities.get('ukraine')?.aliasDetails).toEqual([{ name: 'Kyiv', origin: 'STATED' }]);
  });
});
