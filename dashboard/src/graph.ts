// Graphs drawn with cytoscape.js: nodes coloured (and shaped) by kind, edges labelled by type and drawn
// by basis (stated solid, alleged dashed, background dotted). Cytoscape is loaded only when a view
// draws a graph, so the overview and the timeline load without it.
import type { Core, ElementDefinition, EventObject, LayoutOptions, NodeSingular, StylesheetJson } from 'cytoscape';
import { BASES, KINDS, words } from './format.js';
import type { GraphModel } from './export.js';
import type { Basis, EntityKind, EntityRef, RelationshipView } from './types.js';
import { h } from './dom.js';

/** How a drawn graph reacts to the analyst. */
export interface GraphOptions {
  /** A node was clicked (or tapped): e.g. expand its neighbourhood. */
  onSelect: (slug: string) => void;
  /** A node was double-clicked: open its page. */
  onOpen: (slug: string) => void;
  /** How nodes are placed: rings around the focus (by depth), or at given positions. */
  layout: { name: 'concentric' } | { name: 'preset'; positions: Map<string, { x: number; y: number }> };
}

const MAX_FIT_ZOOM = 1.3;
const LABEL = { color: '#1b1f24', 'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': '2px' };

function stylesheet(): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(name)',
        'font-size': 11,
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': '100px',
        width: 26,
        height: 26,
        'border-width': 2,
        'border-color': '#ffffff',
        ...LABEL,
      },
    },
    ...(Object.entries(KINDS) as [EntityKind, (typeof KINDS)[EntityKind]][]).map(([kind, look]) => ({
      selector: `node[kind = "${kind}"]`,
      style: { 'background-color': look.color, shape: look.shape as 'ellipse' },
    })),
    { selector: 'node[?focus]', style: { width: 38, height: 38, 'font-weight': 'bold', 'border-color': '#1b1f24', 'border-width': 3 } },
    { selector: 'node[?expanded]', style: { 'border-color': '#1b1f24' } },
    { selector: 'node:selected', style: { 'overlay-color': '#0b57d0', 'overlay-opacity': 0.2, 'overlay-padding': 6 } },
    {
      selector: 'edge',
      style: {
        label: 'data(label)',
        'font-size': 9,
        width: 1.5,
        'line-color': '#57606a',
        'target-arrow-color': '#57606a',
        'target-arrow-shape': 'triangle',
        'curve-style': 'bezier',
        'text-wrap': 'wrap',
        'text-max-width': '110px',
        ...LABEL,
      },
    },
    ...(Object.entries(BASES) as [Basis, (typeof BASES)[Basis]][]).map(([basis, look]) => ({
      selector: `edge[basis = "${basis}"]`,
      style: { 'line-style': look.line },
    })),
  ];
}

/** The label of a relationship edge: its type, with the role when there is one. */
export function edgeLabel(relationship: Pick<RelationshipView, 'type' | 'role'>): string {
  return relationship.role ? `${words(relationship.type)} (${relationship.role})` : words(relationship.type);
}

/** A graph on screen, growing as relationships are added. */
export class GraphCanvas {
  private constructor(
    private readonly cy: Core,
    private readonly container: HTMLElement,
    private readonly options: GraphOptions,
  ) {}

  /** Draws an empty graph into the container (loading cytoscape first). */
  static async create(container: HTMLElement, options: GraphOptions): Promise<GraphCanvas> {
    const { default: cytoscape } = await import('cytoscape');
    const cy = cytoscape({ container, style: stylesheet(), minZoom: 0.3, maxZoom: 3, boxSelectionEnabled: false });
    const canvas = new GraphCanvas(cy, container, options);
    const slugOf = (event: EventObject) => (event.target as NodeSingular).id();
    cy.on('tap', 'node', (event) => options.onSelect(slugOf(event)));
    cy.on('dbltap', 'node', (event) => options.onOpen(slugOf(event)));
    return canvas;
  }

  /** Adds entities (with the depth at which they were reached) and relationships not drawn yet; returns how many were new. */
  add(entities: { entity: EntityRef; depth: number }[], relationships: RelationshipView[], focus?: string): number {
    const elements: ElementDefinition[] = [];
    for (const { entity, depth } of entities) {
      if (this.cy.getElementById(entity.slug).nonempty()) continue;
      elements.push({
        group: 'nodes',
        data: { id: entity.slug, name: entity.name, kind: entity.kind, depth, focus: entity.slug === focus },
      });
    }
    const known = (slug: string) => this.cy.getElementById(slug).nonempty() || elements.some((element) => element.data.id === slug);
    for (const relationship of relationships) {
      if (this.cy.getElementById(relationship.slug).nonempty()) continue;
      if (!known(relationship.from.slug) || !known(relationship.to.slug)) continue;
      elements.push({
        group: 'edges',
        data: {
          id: relationship.slug,
          source: relationship.from.slug,
          target: relationship.to.slug,
          type: relationship.type,
          basis: relationship.basis,
          role: relationship.role,
          // The type only: a role makes the label long, and the list beside the graph gives it.
          label: words(relationship.type),
        },
      });
    }
    this.cy.add(elements);
    return elements.length;
  }

  /** Marks a node as expanded (drawn with a dark border). */
  markExpanded(slug: string): void {
    this.cy.getElementById(slug).data('expanded', true);
  }

  /** The name a node is labelled with (its slug when it is not drawn). */
  nameOf(slug: string): string {
    const node = this.cy.getElementById(slug);
    return node.nonempty() ? String(node.data('name')) : slug;
  }

  /** Whether a node's neighbourhood has been added. */
  isExpanded(slug: string): boolean {
    return this.cy.getElementById(slug).data('expanded') === true;
  }

  /** Places the nodes again and fits them into view; the container says so in data-ready. */
  layout(): void {
    const options: LayoutOptions =
      this.options.layout.name === 'concentric'
        ? {
            name: 'concentric',
            concentric: (node) => 10 - Number(node.data('depth')),
            levelWidth: () => 1,
            // From the left, so two neighbours sit left and right with level, readable edge labels.
            startAngle: Math.PI,
            minNodeSpacing: 40,
            nodeDimensionsIncludeLabels: true,
            animate: false,
            padding: 30,
          }
        : {
            name: 'preset',
            positions: this.options.layout.name === 'preset' ? Object.fromEntries(this.options.layout.positions) : {},
            animate: false,
            padding: 30,
          };
    this.cy.layout(options).run();
    // A small graph fitted to the view would be drawn huge; keep it at a readable size.
    if (this.cy.zoom() > MAX_FIT_ZOOM) {
      this.cy.zoom(MAX_FIT_ZOOM);
      this.cy.center();
    }
    this.container.dataset.ready = 'true';
    this.container.dataset.nodes = String(this.cy.nodes().length);
  }

  /** Selects a node (as a click does). */
  select(slug: string): void {
    this.cy.nodes().unselect();
    this.cy.getElementById(slug).select();
  }

  /** The ids of the nodes and edges drawn now (the tests read these). */
  ids(): { nodes: string[]; edges: string[] } {
    return { nodes: this.cy.nodes().map((node) => node.id()), edges: this.cy.edges().map((edge) => edge.id()) };
  }

  /** Where a node is drawn, in pixels from the graph's top left corner (the tests click there). */
  positionOf(slug: string): { x: number; y: number } | null {
    const node = this.cy.getElementById(slug);
    return node.nonempty() ? node.renderedPosition() : null;
  }

  /** What is drawn now, for export. */
  model(): GraphModel {
    return {
      nodes: this.cy.nodes().map((node) => ({ id: node.id(), name: String(node.data('name')), kind: node.data('kind') as EntityKind })),
      edges: this.cy.edges().map((edge) => ({
        id: edge.id(),
        source: String(edge.data('source')),
        target: String(edge.data('target')),
        type: String(edge.data('type')),
        basis: edge.data('basis') as Basis,
        role: (edge.data('role') as string | null) ?? null,
      })),
    };
  }

  /** Frees the graph (the view is being left). */
  destroy(): void {
    this.cy.destroy();
  }
}

/** The legend of a graph: what colours, shapes and line styles mean. */
export function legend(): HTMLElement {
  return h(
    'div',
    { class: 'legend', 'aria-label': 'Legend' },
    h(
      'ul',
      {},
      ...(Object.entries(KINDS) as [EntityKind, (typeof KINDS)[EntityKind]][]).map(([kind, look]) =>
        h('li', {}, h('span', { class: `swatch kind-${kind.toLowerCase()}`, 'aria-hidden': 'true' }), look.label),
      ),
    ),
    h(
      'ul',
      {},
      ...(Object.entries(BASES) as [Basis, (typeof BASES)[Basis]][]).map(([basis, look]) =>
        h('li', { title: look.description }, h('span', { class: `line line-${look.line}`, 'aria-hidden': 'true' }), words(basis)),
      ),
    ),
  );
}

let active: GraphCanvas | undefined;

/** Declares the graph on screen (undefined when the view has none), for the test hook and export. */
export function setActiveGraph(canvas: GraphCanvas | undefined): void {
  active?.destroy();
  active = canvas;
}

/** The graph on screen, if any. */
export function activeGraph(): GraphCanvas | undefined {
  return active;
}
