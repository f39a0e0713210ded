import { afterAll, describe, expect, it } from 'vitest';
import { removeSource, testExecutor } from '../helpers/graph.js';
import { useBrowserSession, withPage } from '../helpers/browser.js';
import { API_KEYS, ingest, KEYS, smallDocument } from '../helpers/writes.js';

const executor = testExecutor();
const PREFIX = 'dashboard-live-test';
const sources: string[] = [];

afterAll(async () => {
  for (const source of sources) await removeSource(executor, source);
  await executor.close();
});

describe('the dashboard’s live feed', () => {
  const session = useBrowserSession({ API_KEYS });

  it('shows a statement written while the page is open, without a reload', async () => {
    const { app, browser, dashboard } = session();
    const problems = await withPage(browser, 'live', async (page) => {
      await page.goto(dashboard);
      await page.locator('#live[data-state="live"]').waitFor({ timeout: 15_000 });
      // A mark on the window: still there at the end means the page was never reloaded.
      await page.evaluate('window.__notReloaded = true');
      const feed = page.locator('#live-feed li');
      // The server subscribes to its event bus just after it answers with the stream's headers, so a
      // write at that very moment could come first: write again (a new source each time) until one shows.
      for (let attempt = 1; attempt <= 10 && (await feed.count()) === 0; attempt += 1) {
        const source = `${PREFIX}-${attempt}`;
        sources.push(source);
        const written = await ingest(app.url, smallDocument(source, { statementId: `${source}-stmt` }), KEYS.writer);
        expect(written.json?.errors).toBeUndefined();
        await feed
          .first()
          .waitFor({ timeout: 1_500 })
          .catch(() => undefined);
      }
      expect(await feed.count()).toBeGreaterThanOrEqual(1);
      const item = feed.first();
      expect(await item.getAttribute('data-statement')).toMatch(new RegExp(`^${PREFIX}-\\d+-stmt$`));
      expect(await item.textContent()).toContain('Ministry of Tests: The ministry said the trial had ended.');
      expect(await item.locator('time').textContent()).toBe('3 Mar 2025');
      expect(Number(await page.locator('#live-count').textContent())).toBeGreaterThanOrEqual(1);
      expect(await page.locator('#live-count').isVisible()).toBe(true);
      expect(await page.evaluate('window.__notReloaded')).toBe(true);
      // Opening the feed marks its statements as seen.
      await page.locator('#live summary').click();
      // The details element's toggle event comes after the click resolves: wait for the count to go.
      await page.locator('#live-count').waitFor({ state: 'hidden', timeout: 5_000 });
      expect(await page.locator('#live-count').isVisible()).toBe(false);
      expect(await item.isVisible()).toBe(true);
    });
    expect(problems).toEqual([]);
  });
});
