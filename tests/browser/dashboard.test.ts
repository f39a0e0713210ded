import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { graphql } from '../helpers/server.js';
import { parseGraphMLInPage, useBrowserSession, withPage } from '../helpers/browser.js';

type DrawnGraph = { nodes: string[]; edges: string[] };

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
const NUMBER = new Intl.NumberFormat('en');

/** The ids cytoscape draws now, read through the dashboard's test hook. */
async function drawnGraph(page: Page): Promise<DrawnGraph> {
  const graph = await page.evaluate<DrawnGraph | null>('window.__dashboard.graph()');
  if (!graph) throw new Error('no graph on screen');
  return graph;
}

describe('the dashboard', () => {
  const session = useBrowserSession();
  const api = async <T>(query: string): Promise<T> => {
    const answer = await graphql<T>(session().app.url, query);
    expect(answer.errors).toBeUndefined();
    return answer.data as T;
  };

  it('shows the overview tiles with the graph’s counts, and its charts', async () => {
    const { browser, dashboard } = session();
    const { overview } = await api<{ overview: Record<string, number> & { entitiesByKind: unknown[] } }>(
      '{ overview { entities relationships statements claims contestedClaims sources entitiesByKind { kind } } }',
    );
    const problems = await withPage(browser, 'overview', async (page) => {
      await page.goto(dashboard);
      await page.locator('.tile').first().waitFor();
      const tiles: [string, number | undefined][] = [
        ['entities', overview.entities],
        ['relationships', overview.relationships],
        ['statements', overview.statements],
        ['claims', overview.claims],
        ['contested-claims', overview.contestedClaims],
        ['sources', overview.sources],
      ];
      for (const [tile, count] of tiles) {
        expect(count, tile).toBeGreaterThan(0);
        expect(await page.locator(`[data-tile="${tile}"] .tile-value`).textContent(), tile).toBe(NUMBER.format(count ?? 0));
      }
      const byKind = page.locator('figure.chart', { hasText: 'Entities by kind' });
      expect(await byKind.locator('svg rect').count()).toBe(overview.entitiesByKind.length);
      expect(await page.locator('figure.chart').count()).toBeGreaterThanOrEqual(5);
      // Nothing on the overview draws a graph, so there is nothing to export as GraphML.
      expect(await page.getByRole('button', { name: 'Export GraphML' }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Export JSON' }).isDisabled()).toBe(false);
    });
    expect(problems).toEqual([]);
  });

  it('searches “Kim” by keyboard, opens Kim Jong Gyu, draws its neighbourhood, and a click on a node expands it', async () => {
    const { browser, dashboard } = session();
    type Around = { entity: { neighbours: { entity: { slug: string } }[]; relationships: { edges: { node: { slug: string } }[] } } };
    const around = (slug: string) =>
      api<Around>(
        `{ entity(id: "${slug}") { neighbours(depth: 1, first: 100) { entity { slug } } relationships(first: 100) { edges { node { slug } } } } }`,
      );
    const kim = await around('kim-jong-gyu');
    const ministry = await around('north-korea-foreign-ministry');
    const { statements } = await api<{ statements: { edges: { node: { quote: string | null } }[] } }>(
      '{ statements(speaker: "kim-jong-gyu", first: 20) { edges { node { quote } } } }',
    );
    const quote = statements.edges.map((edge) => edge.node.quote).find((each) => each !== null);
    const problems = await withPage(browser, 'search-entity-graph', async (page) => {
      await page.goto(dashboard);
      const box = page.getByRole('combobox', { name: 'Search entities and statements' });
      await box.click();
      await box.pressSequentially('Kim', { delay: 50 });
      await page.getByRole('option').first().waitFor();
      const options = await page.getByRole('option').allTextContents();
      const index = options.findIndex((text) => text.startsWith('Kim Jong Gyu'));
      expect(index, options.join(' | ')).toBeGreaterThanOrEqual(0);
      for (let step = 0; step <= index; step += 1) await box.press('ArrowDown');
      expect(await box.getAttribute('aria-activedescendant')).toBe(`search-option-${index}`);
      await box.press('Enter');
      await page.waitForURL(/#\/entity\/kim-jong-gyu$/);
      // The hash changes before the entity page has fetched and rendered: wait for its graph first.
      await page.locator('#entity-graph[data-ready="true"]').waitFor();
      expect(await page.locator('h1').textContent()).toContain('Kim Jong Gyu');

      const drawn = await drawnGraph(page);
      expect(sorted(drawn.nodes)).toEqual(sorted(['kim-jong-gyu', ...kim.entity.neighbours.map((each) => each.entity.slug)]));
      expect(sorted(drawn.edges)).toEqual(sorted(kim.entity.relationships.edges.map((edge) => edge.node.slug)));

      // A click on the foreign ministry adds its own neighbourhood.
      const position = await page.evaluate<{ x: number; y: number } | null>(
        'window.__dashboard.positionOf("north-korea-foreign-ministry")',
      );
      const frame = await page.locator('#entity-graph').boundingBox();
      if (!position || !frame) throw new Error('the foreign ministry is not drawn');
      await page.mouse.click(frame.x + position.x, frame.y + position.y);
      await expect.poll(async () => (await drawnGraph(page)).nodes.length, { timeout: 15_000 }).toBeGreaterThan(drawn.nodes.length);
      const expanded = await drawnGraph(page);
      expect(sorted(expanded.nodes)).toEqual(
        sorted([...drawn.nodes, ...ministry.entity.neighbours.map((each) => each.entity.slug), 'north-korea-foreign-ministry']),
      );
      expect(sorted(expanded.edges)).toEqual(
        sorted([...drawn.edges, ...ministry.entity.relationships.edges.map((edge) => edge.node.slug)]),
      );

      // His statements show their dates as precise as the source, and the quote marked inside its paragraph.
      const said = page.locator('section', { hasText: 'Statements by Kim Jong Gyu' });
      expect(await said.locator('.date time').first().textContent()).toBe('25 Oct (year 2024 inferred)');
      expect(quote).toBeTruthy();
      const inContext = said.locator('figure.in-context', { hasText: quote ?? '' }).first();
      await inContext.waitFor();
      expect(await inContext.locator('mark').textContent()).toBe(quote);
      expect((await inContext.locator('blockquote').textContent())?.length).toBeGreaterThan(quote?.length ?? 0);
    });
    expect(problems).toEqual([]);
  });

  it('finds the paths from Kim Jong Gyu to Volodymyr Zelensky and shows each hop’s evidence', async () => {
    const { browser, dashboard } = session();
    type Paths = {
      path: { entities: { slug: string; name: string }[]; hops: { relationship: { slug: string; evidence: { quote: string }[] } }[] }[];
    };
    const { path: paths } = await api<Paths>(
      '{ path(from: "kim-jong-gyu", to: "volodymyr-zelensky", k: 3) { entities { slug name } hops { relationship { slug evidence { quote } } } } }',
    );
    const [shortest] = paths;
    if (!shortest) throw new Error('no path in the seed data');
    const problems = await withPage(browser, 'path', async (page) => {
      await page.goto(`${dashboard}#/path`);
      await page.getByLabel('From', { exact: true }).fill('Kim Jong Gyu');
      await page.getByLabel('To', { exact: true }).fill('Volodymyr Zelensky');
      await page.getByRole('button', { name: 'Find paths' }).click();
      await page.locator('#path-graph[data-ready="true"]').waitFor();
      expect(page.url()).toContain('#/path?from=Kim+Jong+Gyu&to=Volodymyr+Zelensky&k=3');

      const drawn = await drawnGraph(page);
      expect(sorted(drawn.nodes)).toEqual(sorted(paths.flatMap((path) => path.entities.map((entity) => entity.slug))));
      expect(sorted(drawn.edges)).toEqual(sorted(paths.flatMap((path) => path.hops.map((hop) => hop.relationship.slug))));

      const first = page.locator('section.path').first();
      expect(await page.locator('section.path').count()).toBe(paths.length);
      expect(await first.locator('.stop').allTextContents()).toEqual(shortest.entities.map((entity) => entity.name));
      const hops = first.locator('.hop');
      expect(await hops.count()).toBe(shortest.hops.length);
      for (const [index, hop] of shortest.hops.entries()) {
        expect(hop.relationship.evidence.length).toBeGreaterThan(0);
        expect(await hops.nth(index).locator('mark').allTextContents()).toEqual(hop.relationship.evidence.map((span) => span.quote));
      }
    });
    expect(problems).toEqual([]);
  });

  it('shows the conflicting troop estimates side by side, and one under the other in a narrow window', async () => {
    const { browser, dashboard } = session();
    type Estimates = {
      claims: {
        edges: {
          node: {
            quantity: { value: number };
            conflictsWith: { slug: string }[];
            stances: { statement: { speakers: { name: string }[] } }[];
          };
        }[];
      };
    };
    const { claims } = await api<Estimates>(
      '{ claims(measure: "nk-troops-in-russia") { edges { node { quantity { value } conflictsWith { slug } stances { statement { speakers { name } } } } } } }',
    );
    const estimates = claims.edges.map((edge) => edge.node);
    expect(estimates.length).toBeGreaterThanOrEqual(2);
    expect(estimates.every((estimate) => estimate.conflictsWith.length > 0)).toBe(true);
    const boxesOfCards = async (page: Page) => {
      await page.goto(`${dashboard}#/claims?measure=nk-troops-in-russia`);
      const cards = page.locator('.conflict', { hasText: 'Conflicting numbers' }).locator('.card.claim');
      await cards.nth(estimates.length - 1).waitFor();
      expect(await cards.count()).toBe(estimates.length);
      const texts = await cards.allTextContents();
      for (const estimate of estimates) {
        const card = texts.find((text) => text.includes(NUMBER.format(estimate.quantity.value)));
        expect(card, `the card of ${estimate.quantity.value}`).toBeDefined();
        for (const stance of estimate.stances) for (const speaker of stance.statement.speakers) expect(card).toContain(speaker.name);
      }
      return Promise.all([cards.nth(0).boundingBox(), cards.nth(1).boundingBox()]);
    };
    const wide = await withPage(browser, 'conflicts', async (page) => {
      const [left, right] = await boxesOfCards(page);
      if (!left || !right) throw new Error('cards not laid out');
      expect(Math.abs(left.y - right.y)).toBeLessThan(2);
      expect(right.x).toBeGreaterThanOrEqual(left.x + left.width);
    });
    const narrow = await withPage(
      browser,
      'conflicts-narrow',
      async (page) => {
        const [upper, lower] = await boxesOfCards(page);
        if (!upper || !lower) throw new Error('cards not laid out');
        expect(lower.y).toBeGreaterThanOrEqual(upper.y + upper.height);
      },
      { width: 600, height: 900 },
    );
    expect([...wide, ...narrow]).toEqual([]);
  });

  it('exports the graph on screen (after an expansion) as GraphML that parses, and as JSON', async () => {
    const { browser, dashboard } = session();
    const problems = await withPage(browser, 'export', async (page) => {
      await page.goto(`${dashboard}#/entity/north-korea`);
      await page.locator('#entity-graph[data-ready="true"]').waitFor();
      const before = await drawnGraph(page);
      await page.getByRole('button', { name: 'Expand Russia in the graph' }).click();
      await expect.poll(async () => (await drawnGraph(page)).nodes.length, { timeout: 15_000 }).toBeGreaterThan(before.nodes.length);
      const drawn = await drawnGraph(page);

      const [graphml] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export GraphML' }).click()]);
      expect(graphml.suggestedFilename()).toBe('entity-north-korea.graphml');
      const parsed = await parseGraphMLInPage(page, await readFile(await graphml.path(), 'utf8'));
      expect(parsed.error).toBeNull();
      expect(parsed.root).toEqual({ name: 'graphml', namespace: 'http://graphml.graphdrawing.org/xmlns' });
      expect(parsed.keys).toEqual(
        expect.arrayContaining([
          { id: 'name', for: 'node', name: 'name', type: 'string' },
          { id: 'kind', for: 'node', name: 'kind', type: 'string' },
          { id: 'type', for: 'edge', name: 'type', type: 'string' },
          { id: 'basis', for: 'edge', name: 'basis', type: 'string' },
        ]),
      );
      expect(sorted(parsed.nodes)).toEqual(sorted(drawn.nodes));
      expect(parsed.nodes).toHaveLength(drawn.nodes.length);
      expect(sorted(parsed.edges.map((edge) => edge.id))).toEqual(sorted(drawn.edges));
      for (const edge of parsed.edges) expect(parsed.nodes).toEqual(expect.arrayContaining([edge.source, edge.target]));
      const declared = new Set(parsed.keys.map((key) => key.id));
      expect(parsed.dataKeys.filter((key) => !declared.has(key))).toEqual([]);

      const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
      expect(json.suggestedFilename()).toBe('entity-north-korea.json');
      const exported = JSON.parse(await readFile(await json.path(), 'utf8')) as {
        graph: { nodes: { id: string }[] };
        data: { slug: string };
      };
      expect(sorted(exported.graph.nodes.map((node) => node.id))).toEqual(sorted(drawn.nodes));
      expect(exported.data.slug).toBe('north-korea');
    });
    expect(problems).toEqual([]);
  });
});
