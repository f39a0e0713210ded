import { describe, expect, it } from 'vitest';
import { RELATIONSHIP_TYPES } from '../../src/seed/format.js';
import { graphql, useTestServer, type GraphQLAnswer } from '../helpers/server.js';

interface PageOf<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}

const app = useTestServer();

async function walk(
  field: string,
  pageSize: number,
  selection: string,
  extraArgs = '',
): Promise<{ slugs: string[]; totalCount: number; pages: number }> {
  const slugs: string[] = [];
  let after: string | null = null;
  let totalCount: number;
  let pages = 0;
  for (;;) {
    const result: GraphQLAnswer<Record<string, PageOf<{ slug: string }>>> = await graphql(
      app().url,
      `query ($after: String) { page: ${field}(first: ${pageSize}, after: $after ${extraArgs}) { totalCount edges { cursor node { slug ${selection} } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
      { after },
    );
    expect(result.errors).toBeUndefined();
    const page: PageOf<{ slug: string }> | undefined = result.data?.page;
    if (!page) throw new Error('no page');
    pages += 1;
    totalCount = page.totalCount;
    expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
    slugs.push(...page.edges.map((edge) => edge.node.slug));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { slugs, totalCount, pages };
}

describe('cursor pagination', () => {
  it.each([
    ['entities', 4, ''],
    ['entities', 7, ', orderBy: SLUG'],
    ['statements', 5, ''],
    ['claims', 3, ''],
  ])('%s: pages of %i cover every item once, in the one-page order', async (field, size, extra) => {
    const paged = await walk(field, size, '', extra);
    const whole = await walk(field, 100, '', extra);
    expect(whole.pages).toBe(1);
    expect(paged.slugs).toEqual(whole.slugs);
    expect(new Set(paged.slugs).size).toBe(paged.slugs.length);
    expect(paged.slugs.length).toBe(paged.totalCount);
    expect(paged.pages).toBe(Math.ceil(paged.totalCount / size));
  });

  it('orders entities by name', async () => {
    const result = await graphql<{ entities: PageOf<{ name: string }> }>(app().url, '{ entities(first: 100) { edges { node { name } } } }');
    const names = result.data?.entities.edges.map((edge) => edge.node.name.toLowerCase()) ?? [];
    expect(names.length).toBeGreaterThan(10);
    expect(names).toEqual([...names].sort());
  });

  it("paginates an entity's relationships", async () => {
    const query = `query ($after: String) { entity(id: "north-korea") { relationships(first: 3, after: $after) { totalCount edges { node { slug } } pageInfo { hasNextPage endCursor } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let guard = 0; guard < 20; guard++) {
      const result: GraphQLAnswer<{ entity: { relationships: PageOf<{ slug: string }> } }> = await graphql(app().url, query, { after });
      const page: PageOf<{ slug: string }> | undefined = result.data?.entity.relationships;
      if (!page) throw new Error(JSON.stringify(result.errors));
      total = page.totalCount;
      seen.push(...page.edges.map((edge) => edge.node.slug));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(total).toBeGreaterThan(3);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it("paginates an entity's statements (a nested, translated connection) by its cursors", async () => {
    const counts = await graphql<{ entities: PageOf<{ slug: string; statements: { totalCount: number } }> }>(
      app().url,
      '{ entities(first: 100) { edges { node { slug statements(first: 1) { totalCount } } } } }',
    );
    const busiest = [...(counts.data?.entities.edges ?? [])].sort((a, b) => b.node.statements.totalCount - a.node.statements.totalCount)[0]
      ?.node;
    if (!busiest) throw new Error(JSON.stringify(counts.errors));
    expect(busiest.statements.totalCount).toBeGreaterThan(2);
    const query = `query ($after: String) { entity(id: "${busiest.slug}") { statements(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 50; guard++) {
      type StatementsPage = {
        edges: { cursor: string; node: { id: string } }[];
        pageInfo: PageOf<unknown>['pageInfo'] & { startCursor: string | null };
      };
      const result: GraphQLAnswer<{ entity: { statements: StatementsPage } }> = await graphql(app().url, query, { after });
      const page = result.data?.entity.statements;
      if (!page) throw new Error(JSON.stringify(result.errors));
      expect(page.edges.length).toBeGreaterThan(0);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor);
      seen.push(...page.edges.map((edge) => edge.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(busiest.statements.totalCount);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('gives an empty page no start or end cursor', async () => {
    const result = await graphql<{ entities: PageOf<unknown> & { pageInfo: { startCursor: string | null } } }>(
      app().url,
      '{ entities(first: 5, nameContains: "no entity is called this") { totalCount edges { cursor } pageInfo { hasNextPage startCursor endCursor } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.entities).toEqual({
      totalCount: 0,
      edges: [],
      pageInfo: { hasNextPage: false, startCursor: null, endCursor: null },
    });
  });

  it('filters entities by kind and related country, counting all matches', async () => {
    const result = await graphql<{ people: PageOf<{ kind: string }>; nk: PageOf<{ slug: string }> }>(
      app().url,
      '{ people: entities(kind: [PERSON], first: 1) { totalCount edges { node { kind } } } nk: entities(relatedTo: "north-korea", first: 100) { totalCount edges { node { slug } } } }',
    );
    expect(result.data?.people.totalCount).toBe(3);
    expect(result.data?.people.edges).toEqual([{ node: { kind: 'PERSON' } }]);
    const related = result.data?.nk.edges.map((edge) => edge.node.slug) ?? [];
    expect(related).toEqual(expect.arrayContaining(['north-korea', 'north-korea-foreign-ministry', 'kim-jong-gyu', 'russia']));
    expect(related).not.toContain('united-states');
  });

  it.each([
    ['first: 101', '"first" must be between 1 and 100 (got 101)'],
    ['first: 0', '"first" must be between 1 and 100 (got 0)'],
    ['after: "not-a-cursor"', 'Invalid cursor "not-a-cursor"'],
  ])('rejects %s with a clear BAD_USER_INPUT error', async (args, message) => {
    const result = await graphql(app().url, `{ entities(${args}) { totalCount } }`);
    expect(result.status).toBe(200);
    expect(result.errors?.[0]?.message).toContain(message);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('advertises no backward pagination: no field takes last or before, and asking for them fails validation', async () => {
    const { data } = await graphql<{
      __schema: { types: { name: string; fields: { name: string; args: { name: string }[] }[] | null }[] };
    }>(app().url, '{ __schema { types { name fields { name args { name } } } } }');
    const fields = (data?.__schema.types ?? []).flatMap((type) =>
      (type.fields ?? []).map((field) => ({ at: `${type.name}.${field.name}`, args: field.args.map((arg) => arg.name) })),
    );
    const connections = fields.filter((field) => field.args.includes('after'));
    expect(connections.length).toBeGreaterThan(5);
    expect(connections.filter((field) => field.args.includes('last') || field.args.includes('before'))).toEqual([]);
    for (const args of ['last: 2', 'before: "x"']) {
      const result = await graphql(app().url, `{ entities(${args}) { totalCount } }`);
      expect(result.errors?.[0]?.message).toBe(`Unknown argument "${args.split(':')[0]}" on field "Query.entities".`);
      expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });

  describe('the row after a page, fetched only to tell hasNextPage', () => {
    type Sent = { cypher: string; params: Readonly<Record<string, unknown>> };
    const ENTITIES = (pageInfo: string, nestedPageInfo: string) =>
      `{ entities(first: 2) { edges { node { slug relationships(first: 1) { edges { node { type } } ${nestedPageInfo} } } } ${pageInfo} } }`;
    type Answer = {
      entities: { edges: { node: { slug: string; relationships: PageOf<{ type: string }> } }[]; pageInfo?: { hasNextPage: boolean } };
    };

    /** The request's answer, and what its one query returns when run again with the same parameters. */
    async function answerAndRows(query: string): Promise<{ answer: GraphQLAnswer<Answer>; page: unknown[] }> {
      const sent: Sent[] = [];
      const stop = app().executor.onQuery((cypher, params) => sent.push({ cypher, params }));
      const answer = await graphql<Answer>(app().url, query).finally(stop);
      expect(answer.errors).toBeUndefined();
      expect(sent).toHaveLength(1);
      const [row] = await app().executor.readRows<{ page: unknown[] }>(sent[0]?.cypher ?? '', { ...sent[0]?.params });
      return { answer, page: row?.page ?? [] };
    }

    /** How many relationship rows a raw page holds (each carries its type once). */
    const relationshipRows = (page: unknown[]) =>
      RELATIONSHIP_TYPES.reduce((sum, type) => sum + JSON.stringify(page).split(`"${type}"`).length - 1, 0);

    /** The relationship counts of the first three entities by name. */
    async function relationshipTotals(): Promise<number[]> {
      const { data } = await graphql<{ entities: PageOf<{ relationships: { totalCount: number } }> }>(
        app().url,
        '{ entities(first: 3) { edges { node { relationships { totalCount } } } } }',
      );
      const totals = (data?.entities.edges ?? []).map((edge) => edge.node.relationships.totalCount);
      expect(totals).toHaveLength(3);
      return totals;
    }

    it('reads only the rows on the page when hasNextPage is not selected, at the root and nested', async () => {
      const totals = await relationshipTotals();
      const { answer, page } = await answerAndRows(ENTITIES('', ''));
      const edges = answer.data?.entities.edges ?? [];
      expect(edges.map((edge) => edge.node.relationships.edges.length)).toEqual(totals.slice(0, 2).map((total) => Math.min(total, 1)));
      expect(page).toHaveLength(2);
      expect(relationshipRows(page)).toBe(edges.length);
    });

    it('reads one row past the page, and answers hasNextPage, when it is selected', async () => {
      const totals = await relationshipTotals();
      // Each of the three entities read (two on the page, one past it) has relationships, one of them more than one.
      expect(totals.every((total) => total >= 1) && totals.some((total) => total >= 2)).toBe(true);
      const { answer, page } = await answerAndRows(ENTITIES('pageInfo { hasNextPage }', 'pageInfo { hasNextPage }'));
      expect(answer.data?.entities.pageInfo).toEqual({ hasNextPage: true });
      const edges = answer.data?.entities.edges ?? [];
      expect(edges.map((edge) => [edge.node.relationships.edges.length, edge.node.relationships.pageInfo.hasNextPage])).toEqual(
        totals.slice(0, 2).map((total) => [1, total > 1]),
      );
      expect(page).toHaveLength(3);
      expect(relationshipRows(page)).toBe(totals.reduce((sum, total) => sum + Math.min(total, 2), 0));
    });

    it('reads the row past the page for hasNextPage asked through a fragment, and not for pageInfo without it', async () => {
      const withFragment = await answerAndRows(
        `query { entities(first: 2) { edges { node { slug } } ...more } } fragment more on QueryEntitiesConnection { pageInfo { ...next } } fragment next on PageInfo { hasNextPage }`,
      );
      expect(withFragment.answer.data?.entities.pageInfo).toEqual({ hasNextPage: true });
      expect(withFragment.page).toHaveLength(3);
      const cursorsOnly = await answerAndRows(`{ entities(first: 2) { edges { node { slug } } pageInfo { endCursor } } }`);
      expect(cursorsOnly.page).toHaveLength(2);
    });
  });
});
