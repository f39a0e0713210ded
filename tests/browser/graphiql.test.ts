import { describe, expect, it } from 'vitest';
import { readExamples } from '../../src/yoga.js';
import { graphql } from '../helpers/server.js';
import { useBrowserSession, withPage } from '../helpers/browser.js';

describe('GraphiQL in a browser', () => {
  const session = useBrowserSession();

  it('opens with the first example in its first tab, runs it and shows the result', async () => {
    const { app, browser } = session();
    const [example] = readExamples();
    if (!example) throw new Error('no example operations');
    const expected = await graphql<{ statements: { totalCount: number; edges: { node: { speakers: { name: string }[] } }[] } }>(
      app.url,
      example.query,
    );
    const total = expected.data?.statements.totalCount ?? 0;
    expect(total).toBeGreaterThan(0);
    const problems = await withPage(browser, 'graphiql', async (page) => {
      await page.goto(app.url);
      await page.getByRole('button', { name: /Execute query/ }).waitFor();
      const firstTab = page.locator('.graphiql-tab-button').first();
      expect(await firstTab.textContent()).toBe('NorthKoreaOfficialsSaid');
      await page.getByRole('button', { name: /Execute query/ }).click();
      const result = page.locator('.result-window');
      await result.getByText(`"totalCount": ${total}`).waitFor({ timeout: 20_000 });
      // The first statement's speaker is in the result pane, as the API gives it.
      const speaker = expected.data?.statements.edges[0]?.node.speakers[0]?.name;
      expect(speaker).toBeTruthy();
      await result.getByText(`"name": "${speaker}"`).first().waitFor();
      expect(await result.textContent()).not.toContain('"errors"');
    });
    expect(problems).toEqual([]);
  });
});
