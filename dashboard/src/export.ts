// Export of what the current view shows: JSON (the view's data, with its graph) and GraphML (the graph
// alone, with node kind/name and edge type/basis as declared keys: opens in Gephi and Cytoscape desktop).
import type { Basis, EntityKind } from './types.js';

/** A graph as a view draws it. */
export interface GraphModel {
  nodes: { id: string; name: string; kind: EntityKind }[];
  edges: { id: string; source: string; target: string; type: string; basis: Basis; role: string | null }[];
}

/** What the export buttons save for the view on screen. */
export interface ExportableView {
  /** File name stem, e.g. "entity-kim-jong-gyu". */
  name: string;
  title: string;
  /** The graph drawn now (it may have grown by expansion since the view opened). */
  graph: (() => GraphModel) | undefined;
  data: () => unknown;
}

let current: ExportableView | undefined;
const listeners = new Set<(view: ExportableView | undefined) => void>();

/** Declares what the current view exports (undefined: nothing). */
export function setExportable(view: ExportableView | undefined): void {
  current = view;
  for (const listener of listeners) listener(view);
}

/** Calls back whenever the exportable view changes. */
export function onExportableChange(listener: (view: ExportableView | undefined) => void): void {
  listeners.add(listener);
  listener(current);
}

// eslint-disable-next-line no-control-regex -- exactly the characters XML 1.0 cannot carry
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe inside XML content and attribute values (characters XML 1.0 forbids are dropped). */
export function xmlEscape(value: string): string {
  return value.replace(NOT_IN_XML, '').replace(/[&<>"']/g, (char) => XML_ESCAPES[char] ?? char);
}

/** Keys GraphML declares before the graph: [id, for, attr.name]. */
const KEYS: [string, 'node' | 'edge', string][] = [
  ['label', 'node', 'label'],
  ['name', 'node', 'name'],
  ['kind', 'node', 'kind'],
  ['edgeLabel', 'edge', 'label'],
  ['type', 'edge', 'type'],
  ['basis', 'edge', 'basis'],
  ['role', 'edge', 'role'],
];

/** The graph as a GraphML document (directed edges, string attributes). */
export function toGraphML(graph: GraphModel, title: string): string {
  const data = (key: string, value: string) => `      <data key="${key}">${xmlEscape(value)}</data>`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    `  <desc>${xmlEscape(title)}</desc>`,
    ...KEYS.map(([id, domain, name]) => `  <key id="${id}" for="${domain}" attr.name="${name}" attr.type="string"/>`),
    '  <graph id="G" edgedefault="directed">',
  ];
  for (const node of graph.nodes) {
    lines.push(
      `    <node id="${xmlEscape(node.id)}">`,
      data('label', node.name),
      data('name', node.name),
      data('kind', node.kind),
      '    </node>',
    );
  }
  for (const edge of graph.edges) {
    lines.push(
      `    <edge id="${xmlEscape(edge.id)}" source="${xmlEscape(edge.source)}" target="${xmlEscape(edge.target)}">`,
      data('edgeLabel', edge.role ? `${edge.type} (${edge.role})` : edge.type),
      data('type', edge.type),
      data('basis', edge.basis),
      ...(edge.role ? [data('role', edge.role)] : []),
      '    </edge>',
    );
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

/** The view as JSON: what it shows, where it came from, and its graph when it has one. */
export function toJSON(view: ExportableView): string {
  const exported = {
    title: view.title,
    address: location.href,
    exportedAt: new Date().toISOString(),
    graph: view.graph?.(),
    data: view.data(),
  };
  return `${JSON.stringify(exported, null, 2)}\n`;
}

/** Saves text as a file through a Blob and a temporary <a download>. */
export function download(fileName: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The download has started by now; keep the URL a moment for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
