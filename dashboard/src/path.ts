// The path finder: the shortest chains of relationships between two entities, drawn as one graph and
// listed hop by hop with each hop's evidence (the source's words, in their paragraph).
import { query } from './api.js';
import { PATHS, RESOLVE } from './documents.js';
import { empty, failure, h, loading, section, show } from './dom.js';
import { setExportable } from './export.js';
import { BASES, entityLink, words } from './format.js';
import { edgeLabel, GraphCanvas, legend, setActiveGraph } from './graph.js';
import { hashOf, type Route } from './router.js';
import { evidenceInContext } from './statements.js';
import type { Basis, CandidateView, PathHopView, PathView } from './types.js';

type PathRoute = Extract<Route, { view: 'path' }>;

const ALL_BASES: Basis[] = ['STATED', 'ALLEGED', 'BACKGROUND'];

/** A text input suggesting entities (by name, alias or slug) as the analyst types; its value may be a name or a slug. */
export function entityInput(id: string, label: string, value: string): HTMLElement {
  const list = h('datalist', { id: `${id}-options` });
  const input = h('input', {
    id,
    name: id,
    type: 'text',
    value,
    list: `${id}-options`,
    autocomplete: 'off',
    required: true,
    spellcheck: 'false',
  });
  let timer: number | undefined;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    const name = input.value.trim();
    if (name.length < 2) return;
    timer = window.setTimeout(() => {
      query<{ resolveEntity: CandidateView[] }>(RESOLVE, { name, first: 8 }).then(
        (answer) =>
          list.replaceChildren(
            ...answer.resolveEntity.map((candidate) => h('option', { value: candidate.entity.slug, label: candidate.entity.name })),
          ),
        () => list.replaceChildren(),
      );
    }, 200);
  });
  return h('p', { class: 'field' }, h('label', { for: id }, label), input, list);
}

/** A form field's text, trimmed ('' for a file or a missing field). */
export function textOf(value: FormDataEntryValue | null): string {
  return typeof value === 'string' ? value.trim() : '';
}

function form(route: PathRoute): HTMLFormElement {
  const kSelect = h(
    'select',
    { id: 'path-k', name: 'k' },
    ...[1, 2, 3, 5, 10].map((k) => h('option', { value: String(k), selected: k === route.k }, String(k))),
  );
  const chosen = route.basis.length > 0 ? route.basis : ALL_BASES;
  const boxes = ALL_BASES.map((basis) =>
    h(
      'label',
      { class: 'check' },
      h('input', { type: 'checkbox', name: 'basis', value: basis, checked: chosen.includes(basis) }),
      ` ${words(basis)}`,
    ),
  );
  const element = h(
    'form',
    { class: 'path-form', 'aria-label': 'Find paths' },
    entityInput('path-from', 'From', route.from),
    entityInput('path-to', 'To', route.to),
    h('p', { class: 'field' }, h('label', { for: 'path-k' }, 'Paths'), kSelect),
    h('fieldset', {}, h('legend', {}, 'Follow relationships that are'), ...boxes),
    h('p', { class: 'field' }, h('button', { type: 'submit' }, 'Find paths')),
  );
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(element);
    const basis = data.getAll('basis').map(textOf) as Basis[];
    location.hash = hashOf({
      view: 'path',
      from: textOf(data.get('path-from')),
      to: textOf(data.get('path-to')),
      k: Number(textOf(data.get('k')) || 3),
      basis: basis.length === ALL_BASES.length ? [] : basis,
    });
  });
  return element;
}

function hopItem(hop: PathHopView): HTMLElement {
  const relationship = hop.relationship;
  const arrow = hop.direction === 'FORWARD' ? '→' : '←';
  return h(
    'li',
    { class: `hop basis-${relationship.basis.toLowerCase()}` },
    h(
      'p',
      { class: 'hop-line' },
      h(
        'span',
        { class: 'type' },
        `${hop.direction === 'FORWARD' ? '' : `${arrow} `}${edgeLabel(relationship)}${hop.direction === 'FORWARD' ? ` ${arrow}` : ''}`,
      ),
      ' ',
      h(
        'span',
        { class: `tag basis basis-${relationship.basis.toLowerCase()}`, title: BASES[relationship.basis].description },
        words(relationship.basis),
      ),
    ),
    relationship.claim && h('p', { class: 'muted' }, `Alleged in the claim: ${relationship.claim.proposition}`),
    relationship.note && h('p', { class: 'muted' }, relationship.note),
    ...relationship.evidence.map((span) => evidenceInContext(span, 'Evidence')),
  );
}

function pathList(path: PathView, index: number): HTMLElement {
  const [start] = path.entities;
  const items: HTMLElement[] = start ? [h('li', { class: 'stop' }, entityLink(start))] : [];
  for (const hop of path.hops) items.push(hopItem(hop), h('li', { class: 'stop' }, entityLink(hop.to)));
  return h(
    'section',
    { class: 'panel path', 'aria-label': `Path ${index + 1}` },
    h('h2', {}, `Path ${index + 1}: ${path.length} ${path.length === 1 ? 'hop' : 'hops'}`),
    h('ol', { class: 'path-steps' }, ...items),
  );
}

/** Each path as a row, left to right; an entity already placed by an earlier path keeps its place. */
export function pathPositions(paths: PathView[]): Map<string, { x: number; y: number }> {
  const positions = new Map<string, { x: number; y: number }>();
  paths.forEach((path, row) =>
    path.entities.forEach((entity, column) => {
      if (!positions.has(entity.slug)) positions.set(entity.slug, { x: column * 170, y: row * 110 });
    }),
  );
  return positions;
}

async function drawPaths(holder: HTMLElement, paths: PathView[], signal: AbortSignal): Promise<GraphCanvas | undefined> {
  const start = paths[0]?.entities[0]?.slug;
  const canvas = await GraphCanvas.create(holder, {
    layout: { name: 'preset', positions: pathPositions(paths) },
    onSelect: () => undefined,
    onOpen: (slug) => {
      location.hash = `#/entity/${encodeURIComponent(slug)}`;
    },
  });
  if (signal.aborted) {
    canvas.destroy();
    return undefined;
  }
  setActiveGraph(canvas);
  for (const path of paths) {
    canvas.add(
      path.entities.map((entity, depth) => ({ entity, depth })),
      path.hops.map((hop) => hop.relationship),
      start,
    );
  }
  canvas.layout();
  return canvas;
}

/** The path view: the form, and the paths when both ends are given. */
export async function renderPath(container: HTMLElement, route: PathRoute, signal: AbortSignal): Promise<void> {
  const results = h('div', { class: 'results' });
  show(container, h('h1', { tabindex: '-1' }, 'Path finder'), form(route), results);
  if (!route.from || !route.to) {
    show(
      results,
      empty('Name two entities (a name, an alias or an id) to see how they are connected.', [
        { label: 'Kim Jong Gyu → Volodymyr Zelensky', href: '#/path?from=kim-jong-gyu&to=volodymyr-zelensky&k=3' },
        { label: 'North Korea → Ukraine', href: '#/path?from=north-korea&to=ukraine&k=3' },
      ]),
    );
    return;
  }
  show(results, loading('paths'));
  try {
    const answer = await query<{ path: PathView[] | null }>(PATHS, {
      from: route.from,
      to: route.to,
      k: route.k,
      basis: route.basis.length > 0 ? route.basis : null,
    });
    if (signal.aborted) return;
    const paths = answer.path ?? [];
    if (paths.length === 0) {
      show(
        results,
        empty(
          `No path connects “${route.from}” and “${route.to}” within 6 hops on these grounds. Allow more kinds of relationship, or try other entities.`,
        ),
      );
      return;
    }
    const holder = h('div', {
      class: 'graph',
      id: 'path-graph',
      role: 'img',
      'aria-label': 'The paths drawn as one graph; each path is listed below, hop by hop',
    });
    show(
      results,
      h('p', { class: 'muted' }, `${paths.length} ${paths.length === 1 ? 'path' : 'paths'}, shortest first.`),
      section('Paths drawn together', { class: 'panel graph-panel' }, holder, legend()),
      ...paths.map(pathList),
    );
    const canvas = await drawPaths(holder, paths, signal);
    if (canvas) {
      setExportable({
        name: `path-${paths[0]?.entities[0]?.slug ?? 'from'}-to-${paths[0]?.entities.at(-1)?.slug ?? 'to'}`,
        title: `Paths from ${route.from} to ${route.to}`,
        graph: () => canvas.model(),
        data: () => paths,
      });
    }
  } catch (error) {
    if (!signal.aborted)
      show(
        results,
        failure(error, () => void renderPath(container, route, signal)),
      );
  }
}
