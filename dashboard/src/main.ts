// The dashboard's entry: wires the header (search, live feed, export) and renders the view the
// address's hash names, again whenever it changes.
import { renderClaims } from './claims.js';
import { empty, h, show } from './dom.js';
import { renderEntity } from './entity.js';
import { download, onExportableChange, setExportable, toGraphML, toJSON, type ExportableView } from './export.js';
import { activeGraph, setActiveGraph } from './graph.js';
import { startLive } from './live.js';
import { renderOverview } from './overview.js';
import { renderPath } from './path.js';
import { parseRoute, type Route } from './router.js';
import { setUpSearch } from './search.js';
import { renderTimeline } from './timeline.js';

declare global {
  interface Window {
    /** What the browser tests read: the graph on screen (ids, where a node is drawn) and the route. */
    __dashboard?: {
      graph: () => { nodes: string[]; edges: string[] } | null;
      positionOf: (slug: string) => { x: number; y: number } | null;
      route: () => Route;
    };
  }
}

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`index.html has no #${id}`);
  return found as T;
}

const TITLES: Record<Route['view'], string> = {
  overview: 'Overview',
  entity: 'Entity',
  path: 'Path finder',
  timeline: 'Timeline',
  claims: 'Claims',
  unknown: 'Not found',
};

const view = element<HTMLElement>('view');
let rendering = new AbortController();

async function render(route: Route): Promise<void> {
  switch (route.view) {
    case 'overview':
      return renderOverview(view, rendering.signal);
    case 'entity':
      return renderEntity(view, route, rendering.signal);
    case 'path':
      return renderPath(view, route, rendering.signal);
    case 'timeline':
      return renderTimeline(view, route, rendering.signal);
    case 'claims':
      return renderClaims(view, route, rendering.signal);
    case 'unknown':
      show(
        view,
        h('h1', { tabindex: '-1' }, 'Not found'),
        empty(`The dashboard has no page “${route.hash}”.`, [
          { label: 'the overview', href: '#/' },
          { label: 'the timeline', href: '#/timeline' },
        ]),
      );
  }
}

/** Renders the view of the current hash; `moveFocus` after a navigation, so keyboard and screen reader users land on it. */
async function navigate(moveFocus: boolean): Promise<void> {
  rendering.abort();
  rendering = new AbortController();
  setActiveGraph(undefined);
  setExportable(undefined);
  const route = parseRoute(location.hash);
  for (const anchor of document.querySelectorAll<HTMLAnchorElement>('nav.views a')) {
    const current = parseRoute(anchor.hash).view === route.view;
    if (current) anchor.setAttribute('aria-current', 'page');
    else anchor.removeAttribute('aria-current');
  }
  document.title = `${TITLES[route.view]} · Knowledge graph`;
  view.setAttribute('aria-busy', 'true');
  await render(route);
  view.removeAttribute('aria-busy');
  const heading = view.querySelector('h1');
  if (heading && route.view === 'entity') document.title = `${heading.firstChild?.textContent ?? 'Entity'} · Knowledge graph`;
  if (moveFocus && !(route.view === 'entity' && route.statement)) heading?.focus();
}

function setUpExport(): void {
  const json = element<HTMLButtonElement>('export-json');
  const graphml = element<HTMLButtonElement>('export-graphml');
  let current: ExportableView | undefined;
  onExportableChange((exportable) => {
    current = exportable;
    json.disabled = exportable === undefined;
    graphml.disabled = exportable?.graph === undefined;
    graphml.title = graphml.disabled
      ? 'This view draws no graph: open an entity or a path to export GraphML'
      : 'Save the graph on screen as GraphML';
  });
  json.addEventListener('click', () => {
    if (current) download(`${current.name}.json`, 'application/json', toJSON(current));
  });
  graphml.addEventListener('click', () => {
    const graph = current?.graph?.();
    if (current && graph) download(`${current.name}.graphml`, 'application/graphml+xml', toGraphML(graph, current.title));
  });
}

window.__dashboard = {
  graph: () => activeGraph()?.ids() ?? null,
  positionOf: (slug) => activeGraph()?.positionOf(slug) ?? null,
  route: () => parseRoute(location.hash),
};
setUpSearch(element('search-input'), element('search-results'), element('search-status'));
setUpExport();
startLive({
  panel: element<HTMLDetailsElement>('live'),
  state: element('live-state'),
  count: element('live-count'),
  feed: element('live-feed'),
  announcer: element('live-announcer'),
});
window.addEventListener('hashchange', () => void navigate(true));
void navigate(false);
