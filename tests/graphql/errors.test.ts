import { describe, expect, it } from 'vitest';
import { graphql, useTestServer } from '../helpers/server.js';

const app = useTestServer();

const globalId = (typename: string, slug: string) => Buffer.from(`${typename}:${slug}`).toString('base64url');

describe('ids, unknowns and bad input', () => {
  it('fetches every kind of node by its global id, and nodes() keeps order', async () => {
    const listing = await graphql<{ entities: { edges: { node: { id: string; slug: string; __typename: string } }[] } }>(
      app().url,
      '{ entities(first: 100) { edges { node { id slug __typename } } } }',
    );
    const entities = listing.data?.entities.edges.map((edge) => edge.node) ?? [];
    expect(new Set(entities.map((e) => e.__typename))).toEqual(new Set(['Country', 'Person', 'Organization', 'Agreement', 'Event']));
    const ids = entities.map((e) => e.id);
    const fetched = await graphql<{ nodes: ({ id: string } | null)[] }>(app().url, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids,
    });
    expect(fetched.data?.nodes.map((n) => n?.id)).toEqual(ids);
    const others = await graphql<{
      statements: { edges: { node: { id: string } }[] };
      claims: { edges: { node: { id: string } }[] };
      sources: { id: string }[];
    }>(app().url, '{ statements(first: 1) { edges { node { id } } } claims(first: 1) { edges { node { id } } } sources { id } }');
    const more = [others.data?.statements.edges[0]?.node.id, others.data?.claims.edges[0]?.node.id, others.data?.sources[0]?.id];
    const again = await graphql<{ nodes: ({ id: string; __typename: string } | null)[] }>(
      app().url,
      'query ($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }',
      { ids: more },
    );
    expect(again.data?.nodes.map((n) => n?.__typename)).toEqual(['Statement', 'Claim', 'Source']);
  });

  it('answers null for unknown ids and names, without errors', async () => {
    const result = await graphql(
      app().url,
      `{ a: node(id: "${globalId('Country', 'atlantis')}") { id } b: entity(id: "atlantis") { name } c: entity(name: "Nowhere Land") { name }
         d: node(id: "${globalId('Person', 'north-korea')}") { id } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ a: null, b: null, c: null, d: null });
  });

  it('gives empty results, not errors, when a filter matches nothing', async () => {
    const result = await graphql<{
      statements: { totalCount: number; edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    }>(
      app().url,
      '{ statements(speaker: "world-media", from: "2030") { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.statements).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('says NOT_FOUND, naming the argument, when a filter names an entity that does not exist', async () => {
    const result = await graphql<{ statements: null }>(app().url, '{ statements(speaker: "atlantis") { totalCount } }');
    expect(result.data?.statements).toBeNull();
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', argumentName: 'speaker', value: 'atlantis' });
  });

  it.each([
    ['{ node(id: "%%%") { id } }', 'Malformed global id', 'BAD_USER_INPUT'],
    [`{ entity(id: "${globalId('Spaceship', 'x')}") { name } }`, 'Malformed global id', 'BAD_USER_INPUT'],
    ['{ entity { name } }', 'Pass exactly one of "id" or "name"', 'BAD_USER_INPUT'],
    ['{ path(from: "atlantis", to: "russia") { length } }', 'No entity matches "from": "atlantis"', 'NOT_FOUND'],
    ['{ path(from: "north-korea", to: "russia", maxHops: 7) { length } }', '"maxHops" must be between 1 and 6', 'BAD_USER_INPUT'],
    ['{ path(from: "north-korea", to: "russia", k: 11) { length } }', '"k" must be between 1 and 10', 'BAD_USER_INPUT'],
    ['{ timeline(from: "Oct. 25") { kind } }', '"from" must be a date like 2024', 'BAD_USER_INPUT'],
    ['{ search(query: "defense AND (") { kind } }', 'Invalid full-text query', 'BAD_USER_INPUT'],
    ['{ search(query: "  ") { kind } }', '"query" must not be empty', 'BAD_USER_INPUT'],
    ['{ entity(id: "north-korea") { neighbours(depth: 4) { distance } } }', '"depth" must be between 1 and 3', 'BAD_USER_INPUT'],
  ])('%s → a clear error with a code, never a 500', async (query, message, code) => {
    const result = await graphql(app().url, query);
    expect(result.status).toBe(200);
    expect(result.errors?.[0]?.message).toContain(message);
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
  });

  it('fails only the bad field, keeping the rest of the answer', async () => {
    const result = await graphql<{ ok: { name: string }; bad: null }>(
      app().url,
      '{ ok: entity(id: "russia") { name } bad: path(from: "atlantis", to: "russia") { length } }',
    );
    expect(result.data).toEqual({ ok: { name: 'Russia' }, bad: null });
    expect(result.errors).toHaveLength(1);
  });

  it('finds entities by alias, case-insensitively', async () => {
    const result = await graphql<{ a: { slug: string }; b: { slug: string } }>(
      app().url,
      '{ a: entity(name: "pyongyang") { slug } b: entity(name: "Kyiv") { slug } }',
    );
    expect(result.data).toEqual({ a: { slug: 'north-korea' }, b: { slug: 'ukraine' } });
  });

  it('reaches neighbours to a bounded depth, nearest first', async () => {
    const result = await graphql<{
      entity: { one: { distance: number; entity: { slug: string } }[]; two: { distance: number; entity: { slug: string } }[] };
    }>(
      app().url,
      '{ entity(id: "kim-jong-gyu") { one: neighbours(depth: 1) { distance entity { slug } } two: neighbours(depth: 2) { distance entity { slug } } } }',
    );
    const { one, two } = result.data?.entity ?? { one: [], two: [] };
    expect(one).toEqual([{ distance: 1, entity: { slug: 'north-korea-foreign-ministry' } }]);
    expect(two.map((n) => n.entity.slug)).toContain('north-korea');
    expect(two.map((n) => n.distance)).toEqual([...two.map((n) => n.distance)].sort());
  });
});
