import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { buildDashboard } from '../../scripts/build-dashboard.js';
import { startTestServer } from './server.js';

/** Debian's Chromium (CI installs it when missing); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Headless in a container: no sandbox (no user namespaces), no GPU, nothing fetched in the background. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** Where each browser test leaves a picture of its final page (git-ignored). */
export const SCREENSHOT_DIR = 'test-artifacts/screenshots';

/** Launches headless Chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Opens a fresh page (its own context: no cookies or cache shared between tests), runs `use`, saves a
 * screenshot of the final page as `<name>.png` even when `use` fails, and returns what the page
 * reported as errors (console errors, uncaught exceptions, CSP violations), for the test to assert.
 */
export async function withPage(
  browser: Browser,
  name: string,
  use: (page: Page) => Promise<void>,
  viewport = { width: 1280, height: 800 },
): Promise<string[]> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  try {
    await use(page);
  } finally {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true }).catch(() => undefined);
    await context.close();
  }
  return problems;
}

/** A test file's server (with the dashboard built from the current sources) and browser. */
export interface BrowserSession {
  app: RunningApp;
  browser: Browser;
  /** The dashboard's address on the test server, e.g. http://127.0.0.1:41234/dashboard/ */
  dashboard: string;
}

/** Builds the dashboard, starts the server and Chromium for a test file (beforeAll), and stops them (afterAll). */
export function useBrowserSession(env: Record<string, string> = {}): () => BrowserSession {
  let session: BrowserSession | undefined;
  beforeAll(async () => {
    // esbuild takes about a second: the tests always drive the dashboard as the sources are now.
    await buildDashboard();
    const [app, browser] = await Promise.all([startTestServer(env), launchBrowser()]);
    session = { app, browser, dashboard: new URL('/dashboard/', app.url).href };
  });
  afterAll(async () => {
    await session?.browser.close();
    await session?.app.close();
  });
  return () => {
    if (!session) throw new Error('browser session not started');
    return session;
  };
}

/** What a GraphML document holds, read by the browser's own XML parser. */
export interface ParsedGraphML {
  /** The parser's complaint, when the document is not well-formed XML. */
  error: string | null;
  root: { name: string; namespace: string | null };
  keys: { id: string; for: string; name: string; type: string }[];
  nodes: string[];
  edges: { id: string; source: string; target: string }[];
  /** The key of every <data> element. */
  dataKeys: string[];
}

/** Parses a document with the page's DOMParser (a real XML parser) and reads its GraphML structure. */
export function parseGraphMLInPage(page: Page, xml: string): Promise<ParsedGraphML> {
  // Typed by hand: the test project has no DOM library, and this runs in the page.
  type Element = { localName: string; namespaceURI: string | null; textContent: string | null; getAttribute(name: string): string | null };
  type Document = { documentElement: Element; getElementsByTagName(name: string): ArrayLike<Element> };
  type Parser = { parseFromString(text: string, type: string): Document };
  return page.evaluate((text) => {
    const parser = new (globalThis as unknown as { DOMParser: new () => Parser }).DOMParser();
    const document = parser.parseFromString(text, 'application/xml');
    const all = (name: string) => Array.from(document.getElementsByTagName(name));
    const attribute = (element: Element, name: string) => element.getAttribute(name) ?? '';
    const [failure] = all('parsererror');
    return {
      error: failure ? (failure.textContent ?? 'parser error') : null,
      root: { name: document.documentElement.localName, namespace: document.documentElement.namespaceURI },
      keys: all('key').map((key) => ({
        id: attribute(key, 'id'),
        for: attribute(key, 'for'),
        name: attribute(key, 'attr.name'),
        type: attribute(key, 'attr.type'),
      })),
      nodes: all('node').map((node) => attribute(node, 'id')),
      edges: all('edge').map((edge) => ({
        id: attribute(edge, 'id'),
        source: attribute(edge, 'source'),
        target: attribute(edge, 'target'),
      })),
      dataKeys: all('data').map((data) => attribute(data, 'key')),
    };
  }, xml);
}
