// An entity's page: who or what it is, its neighbourhood as a graph (click a node to expand it), its
// relationships with their evidence, the claims about it (conflicts side by side) and the statements
// it made or that are about it.
import { ApiError, query } from './api.js';
import { claimsSections } from './claims.js';
import { CLAIMS, ENTITY_PAGE, NEIGHBOURHOOD } from './documents.js';
import { empty, failure, h, link, loading, section, show } from './dom.js';
import { setExportable } from './export.js';
import { BASES, dateElement, entityLink, kindTag, words } from './format.js';
import { edgeLabel, GraphCanvas, legend, setActiveGraph } from './graph.js';
import type { Route } from './router.js';
import { evidenceInContext, statementList } from './statements.js';
import type { ClaimView, Connection, EntityDetail, EntityRef, RelationshipView } from './types.js';

type NeighbourhoodAnswer = { entity: (EntityRef & { relationships: Connection<RelationshipView> }) | null };

function header(entity: EntityDetail): HTMLElement {
  const facts: (HTMLElement | false)[] = [
    entity.aliases.length > 0 && h('p', {}, h('strong', {}, 'Also called: '), entity.aliases.join(', ')),
    (entity.roles?.length ?? 0) > 0 &&
      h(
        'p',
        {},
        h('strong', {}, 'Roles: '),
        ...(entity.roles ?? []).flatMap((role, index) => [
          index > 0 ? '; ' : '',
          role.title ? `${role.title}, ` : '',
          entityLink(role.body),
          role.basis === 'BACKGROUND' ? ' (background knowledge)' : '',
        ]),
      ),
    entity.date !== undefined && h('p', {}, h('strong', {}, 'When: '), dateElement(entity.date ?? null)),
    Boolean(entity.status) && h('p', {}, h('strong', {}, 'Status: '), words(entity.status ?? '')),
    Boolean(entity.organizationType) && h('p', {}, h('strong', {}, 'Type: '), words(entity.organizationType ?? '')),
    entity.background.length > 0 &&
      h(
        'details',
        {},
        h('summary', {}, `Background knowledge (${entity.background.length}, not from the sources)`),
        h('ul', {}, ...entity.background.map((item) => h('li', {}, item))),
      ),
  ];
  return h(
    'header',
    { class: 'entity-header' },
    h('h1', { tabindex: '-1' }, entity.name, ' ', kindTag(entity.kind)),
    h('p', { class: 'lead' }, entity.description),
    ...facts,
    h(
      'p',
      { class: 'actions' },
      link(`#/path?from=${encodeURIComponent(entity.slug)}`, 'Find a path from here'),
      link(`#/timeline?entity=${encodeURIComponent(entity.slug)}`, 'Timeline'),
      link(`#/claims?about=${encodeURIComponent(entity.slug)}`, 'All claims about it'),
    ),
  );
}

function relationshipRow(relationship: RelationshipView, expand: (slug: string) => void): HTMLElement {
  const expandButton = h(
    'button',
    { type: 'button', class: 'small', 'aria-label': `Expand ${relationship.other.name} in the graph` },
    'Expand',
  );
  expandButton.addEventListener('click', () => expand(relationship.other.slug));
  const span = relationship.evidence[0];
  return h(
    'li',
    { class: 'relationship' },
    h(
      'p',
      {},
      h('span', { class: 'type' }, relationship.direction === 'OUTGOING' ? `${edgeLabel(relationship)} →` : `← ${edgeLabel(relationship)}`),
      ' ',
      entityLink(relationship.other),
      ' ',
      h(
        'span',
        { class: `tag basis basis-${relationship.basis.toLowerCase()}`, title: BASES[relationship.basis].description },
        words(relationship.basis),
      ),
      ' ',
      expandButton,
    ),
    relationship.claim && h('p', { class: 'muted' }, `Alleged in the claim: ${relationship.claim.proposition}`),
    relationship.note && h('p', { class: 'muted' }, relationship.note),
    span && evidenceInContext(span),
  );
}

/** Draws the neighbourhood and wires expansion; returns a function expanding one node. */
async function drawNeighbourhood(
  holder: HTMLElement,
  status: HTMLElement,
  entity: EntityDetail,
  signal: AbortSignal,
): Promise<(slug: string) => void> {
  const depths = new Map<string, number>([[entity.slug, 0]]);
  const canvas = await GraphCanvas.create(holder, {
    layout: { name: 'concentric' },
    onSelect: (slug) => void expand(slug),
    onOpen: (slug) => {
      location.hash = `#/entity/${encodeURIComponent(slug)}`;
    },
  });
  async function expand(slug: string): Promise<void> {
    canvas.select(slug);
    if (canvas.isExpanded(slug)) {
      status.textContent = `${canvas.nameOf(slug)} is already expanded; double-click a node to open its page.`;
      return;
    }
    status.textContent = `Expanding ${canvas.nameOf(slug)}…`;
    try {
      const answer = await query<NeighbourhoodAnswer>(NEIGHBOURHOOD, { id: slug });
      if (signal.aborted || !answer.entity) return;
      const depth = (depths.get(slug) ?? 0) + 1;
      const relationships = answer.entity.relationships.edges.map((edge) => edge.node);
      for (const relationship of relationships) if (!depths.has(relationship.other.slug)) depths.set(relationship.other.slug, depth);
      const added = canvas.add(
        relationships.map((relationship) => ({ entity: relationship.other, depth: depths.get(relationship.other.slug) ?? depth })),
        relationships,
      );
      canvas.markExpanded(slug);
      canvas.layout();
      status.textContent =
        added > 0 ? `Added ${added} nodes and links around ${answer.entity.name}.` : `${answer.entity.name} has no further links.`;
    } catch (error) {
      status.textContent = `Could not expand ${canvas.nameOf(slug)}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  if (signal.aborted) {
    canvas.destroy();
    return () => undefined;
  }
  setActiveGraph(canvas);
  const relationships = entity.relationships.edges.map((edge) => edge.node);
  for (const relationship of relationships) depths.set(relationship.other.slug, 1);
  canvas.add(
    [{ entity, depth: 0 }, ...relationships.map((relationship) => ({ entity: relationship.other, depth: 1 }))],
    relationships,
    entity.slug,
  );
  canvas.markExpanded(entity.slug);
  canvas.layout();
  setExportable({
    name: `entity-${entity.slug}`,
    title: `Neighbourhood of ${entity.name}`,
    graph: () => canvas.model(),
    data: () => entity,
  });
  return (slug) => void expand(slug);
}

async function claimsAbout(container: HTMLElement, slug: string, signal: AbortSignal): Promise<void> {
  try {
    const answer = await query<{ claims: Connection<ClaimView> | null }>(CLAIMS, { about: slug });
    if (signal.aborted) return;
    const claims = answer.claims?.edges.map((edge) => edge.node) ?? [];
    show(
      container,
      ...(claims.length > 0 ? claimsSections(claims) : [section('Claims', {}, h('p', { class: 'muted' }, 'No claims are about it.'))]),
    );
  } catch (error) {
    if (!signal.aborted)
      show(
        container,
        section(
          'Claims',
          {},
          failure(error, () => void claimsAbout(container, slug, signal)),
        ),
      );
  }
}

/** The entity view. */
export async function renderEntity(container: HTMLElement, route: Extract<Route, { view: 'entity' }>, signal: AbortSignal): Promise<void> {
  show(container, loading(`“${route.slug}”`));
  let entity: EntityDetail | null;
  try {
    entity = (await query<{ entity: EntityDetail | null }>(ENTITY_PAGE, { id: route.slug })).entity;
  } catch (error) {
    if (signal.aborted) return;
    const notFound = error instanceof ApiError && error.code === 'NOT_FOUND';
    show(container, notFound ? empty(`No entity “${route.slug}”.`) : failure(error, () => void renderEntity(container, route, signal)));
    return;
  }
  if (signal.aborted) return;
  if (entity === null) {
    show(
      container,
      h('h1', { tabindex: '-1' }, 'Not found'),
      empty(`No entity has the id “${route.slug}”. Search for it by name above, or try:`, [
        { label: 'Kim Jong Gyu', href: '#/entity/kim-jong-gyu' },
        { label: 'North Korea', href: '#/entity/north-korea' },
      ]),
    );
    return;
  }
  const graphHolder = h('div', {
    class: 'graph',
    id: 'entity-graph',
    role: 'img',
    'aria-label': `Graph of ${entity.name} and the entities it is linked to; the list of connections has the same links`,
  });
  const status = h(
    'p',
    { class: 'muted', role: 'status', 'aria-live': 'polite' },
    'Click a node to expand its neighbourhood; double-click to open its page.',
  );
  const relationships = entity.relationships.edges.map((edge) => edge.node);
  // The list's Expand buttons act on the graph once it is drawn (the keyboard's way to grow it).
  let expand: (slug: string) => void = () => undefined;
  const connections = h(
    'ul',
    { class: 'relationships plain' },
    ...relationships.map((relationship) => relationshipRow(relationship, (slug) => expand(slug))),
  );
  const claims = h('div', {}, section('Claims', {}, loading('claims')));
  show(
    container,
    header(entity),
    h(
      'div',
      { class: 'two-columns' },
      section('Neighbourhood', { class: 'panel graph-panel' }, graphHolder, legend(), status),
      section(
        `Connections (${entity.relationships.totalCount})`,
        {},
        relationships.length > 0 ? connections : h('p', { class: 'muted' }, 'No relationships with other entities.'),
      ),
    ),
    claims,
    h(
      'div',
      { class: 'two-columns' },
      section(
        `Statements by ${entity.name} (${entity.statements.totalCount})`,
        {},
        statementList(
          entity.statements.edges.map((edge) => edge.node),
          'No statements by it.',
        ),
      ),
      section(
        `Statements about ${entity.name} (${entity.statementsAbout.totalCount})`,
        {},
        statementList(
          entity.statementsAbout.edges.map((edge) => edge.node),
          'No statements about it.',
        ),
      ),
    ),
  );
  const loaded = entity;
  setExportable({ name: `entity-${loaded.slug}`, title: `Neighbourhood of ${loaded.name}`, graph: undefined, data: () => loaded });
  if (route.statement) {
    const target = document.getElementById(`statement-${route.statement}`);
    target?.classList.add('flash');
    target?.scrollIntoView({ block: 'center' });
    target?.focus({ preventScroll: true });
  }
  void claimsAbout(claims, loaded.slug, signal);
  try {
    expand = await drawNeighbourhood(graphHolder, status, loaded, signal);
  } catch (error) {
    if (!signal.aborted) show(graphHolder, failure(error));
  }
}
