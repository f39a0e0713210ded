import { describe, expect, it } from 'vitest';
import { graphql, useTestServer } from '../helpers/server.js';

const app = useTestServer();

/** Runs one request and returns how many Cypher round-trips it cost. */
async function roundTrips(query: string, variables: Record<string, unknown>): Promise<{ queries: number; items: number }> {
  let queries = 0;
  const stop = app().executor.onQuery(() => {
    queries += 1;
  });
  try {
    const result = await graphql<{ entities: { edges: unknown[] } }>(app().url, query, variables);
    expect(result.errors).toBeUndefined();
    return { queries, items: result.data?.entities.edges.length ?? 0 };
  } finally {
    stop();
  }
}

// Nesting levels: 1 entities, 2 relationships + statements + officials, 3 other entities + evidence + speakers + claims, 4 claim stances' statements.
const PAGE_WITH_EVERYTHING = `query ($first: Int!) {
  entities(first: $first) {
    edges { node {
      name
      relationships(first: 10) { totalCount edges { node { type direction other { name } evidence { quote } } } }
      statements { edges { node { summary speakers { name } stances { stance claim { proposition } } } } }
      statementsAbout { totalCount }
      ... on Country { officials { title person { name } } }
    } }
  }
}`;

describe('no N+1: round-trips do not grow with the page', () => {
  it('a page of 20 entities with relationships, statements, stances, claims and officials is one compiled query', async () => {
    const small = await roundTrips(PAGE_WITH_EVERYTHING, { first: 2 });
    const large = await roundTrips(PAGE_WITH_EVERYTHING, { first: 20 });
    expect(small.items).toBe(2);
    expect(large.items).toBe(20);
    expect(small.queries).toBe(1);
    expect(large.queries).toBe(1);
  });

  it('fields the translation leaves to the loaders still cost one round-trip per nesting level, whatever the page', async () => {
    // neighbours and an evidence's source are resolved by the request's batch loader, level by level.
    const query = `query ($first: Int!) { entities(first: $first) { edges { node { name
      neighbours(depth: 1) { distance entity { name mentions(first: 2) { quote source { title } } } } } } } }`;
    const small = await roundTrips(query, { first: 2 });
    const large = await roundTrips(query, { first: 20 });
    expect(large.items).toBe(20);
    expect(large.queries).toBe(small.queries);
    // entities (compiled), neighbours, their entities, those entities' mentions, the mentions' sources.
    expect(large.queries).toBeLessThanOrEqual(5);
  });

  it('the same list under two aliases costs no extra round-trip', async () => {
    const query = `query ($first: Int!) { entities(first: $first) { edges { node { a: relationships { totalCount } b: relationships { totalCount } } } } }`;
    const { queries } = await roundTrips(query, { first: 20 });
    expect(queries).toBe(1);
  });
});

describe('a path reads only what its selection asks for', () => {
  const PATH = (hop: string) =>
    `{ path(from: "kim-jong-gyu", to: "volodymyr-zelensky", k: 3) { length hops { type direction from { name } to { name } ${hop} } } }`;
  type Paths = {
    path: {
      length: number;
      hops: { type: string; direction: string; from: { name: string }; to: { name: string }; relationship?: { basis: string } }[];
    }[];
  };

  it("leaves the relationships' properties unread without `relationship`, with the same hops either way", async () => {
    const statements: string[] = [];
    const stop = app().executor.onQuery((cypher) => statements.push(cypher));
    try {
      const bare = await graphql<Paths>(app().url, PATH(''));
      const full = await graphql<Paths>(app().url, PATH('relationship { basis }'));
      expect(bare.errors).toBeUndefined();
      expect(full.errors).toBeUndefined();
      expect(statements).toHaveLength(2);
      expect(statements[0]).not.toContain('properties(relationships(p)[i])');
      expect(statements[0]).toContain('relIds[i]]');
      expect(statements[1]).toContain('properties(relationships(p)[i])');
      const hops = (answer: typeof bare) =>
        answer.data?.path.map((path) => path.hops.map((hop) => [hop.type, hop.direction, hop.from.name, hop.to.name]));
      expect(bare.data?.path).toHaveLength(3);
      expect(hops(bare)).toEqual(hops(full));
      expect(full.data?.path[0]?.hops.map((hop) => hop.relationship?.basis)).toEqual([
        'BACKGROUND',
        'STATED',
        'ALLEGED',
        'STATED',
        'BACKGROUND',
      ]);
    } finally {
      stop();
    }
  });

  it("reads the nodes once when the path's entities and the hops' ends ask the same, with the same answer as separate reads", async () => {
    type Ends = {
      path: {
        entities: { slug: string; name: string }[];
        hops: { from: { slug: string; name: string }; to: { slug: string; name: string } }[];
      }[];
    };
    const query = (entity: string, from: string, to: string) =>
      `{ path(from: "kim-jong-gyu", to: "volodymyr-zelensky", k: 3) { entities { ${entity} } hops { from { ${from} } to { ${to} } } } }`;
    const statements: string[] = [];
    const stop = app().executor.onQuery((cypher) => statements.push(cypher));
    try {
      // The same fields compile to the same Cypher; one more field to another.
      const shared = await graphql<Ends>(app().url, query('slug name', 'slug name', 'slug name'));
      const separate = await graphql<Ends>(app().url, query('slug name', 'slug name description', 'slug name aliases'));
      expect(shared.errors).toBeUndefined();
      expect(separate.errors).toBeUndefined();
      expect(statements).toHaveLength(2);
      const nodeReads = (cypher: string) => cypher.match(/\[n IN nodes\(p\)[^|]* \|/g);
      expect(nodeReads(statements[0] ?? '')).toEqual(['[n IN nodes(p) |']);
      expect(statements[0]).not.toContain('[n IN nodes(p) | n.id]');
      expect(nodeReads(statements[1] ?? '')).toEqual(['[n IN nodes(p) |', '[n IN nodes(p)[..-1] |', '[n IN nodes(p)[1..] |']);
      expect(statements[1]).not.toContain('[n IN nodes(p) | n.id]');
      const facts = (answer: Ends) =>
        answer.path.map((path) => ({
          entities: path.entities.map((entity) => `${entity.slug}:${entity.name}`),
          hops: path.hops.map((hop) => `${hop.from.slug}:${hop.from.name}>${hop.to.slug}:${hop.to.name}`),
        }));
      expect(shared.data?.path).toHaveLength(3);
      expect(facts(shared.data as Ends)).toEqual(facts(separate.data as Ends));
      const first = facts(shared.data as Ends)[0];
      expect(first?.entities[0]).toBe('kim-jong-gyu:Kim Jong Gyu');
      expect(first?.hops).toHaveLength(5);
      expect(first?.hops[0]).toBe('kim-jong-gyu:Kim Jong Gyu>north-korea-foreign-ministry:North Korean foreign ministry');
      // Each hop starts where the one before ended, and the hops walk the path's entities.
      expect(first?.hops.map((hop) => hop.split('>')[0])).toEqual(first?.entities.slice(0, -1));
      expect(first?.hops.map((hop) => hop.split('>')[1])).toEqual(first?.entities.slice(1));
      expect(first?.entities.at(-1)).toBe('volodymyr-zelensky:Volodymyr Zelensky');
    } finally {
      stop();
    }
  });
});
