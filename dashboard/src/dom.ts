// Small DOM helpers: elements are built with text nodes only (never innerHTML), so nothing the API
// returns can become markup.
import { ApiError } from './api.js';

/** A child of an element: nodes and strings; null, undefined and false are left out. */
export type Child = Node | string | null | undefined | false;
type AttributeValue = string | number | boolean | null | undefined;

function append(parent: Element, children: Child[]): void {
  for (const child of children) if (child !== null && child !== undefined && child !== false) parent.append(child);
}

function setAttributes(element: Element, attributes: Record<string, AttributeValue>): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
}

/** An HTML element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, AttributeValue> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

/** An SVG element with attributes and children. */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, AttributeValue> = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

/** A link inside the dashboard. */
export function link(href: string, ...children: Child[]): HTMLAnchorElement {
  return h('a', { href }, ...children);
}

/** Text with the API's <mark>…</mark> highlights as <mark> elements (the rest stays text). */
export function highlighted(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  text.split(/(<mark>.*?<\/mark>)/).forEach((part) => {
    const marked = /^<mark>(.*)<\/mark>$/.exec(part);
    fragment.append(marked ? h('mark', {}, marked[1] ?? '') : part);
  });
  return fragment;
}

/** Replaces an element's content. */
export function show(container: Element, ...children: Child[]): void {
  container.replaceChildren();
  append(container, children);
}

/** A loading message, announced to screen readers. */
export function loading(what: string): HTMLElement {
  return h('p', { class: 'state loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), `Loading ${what}…`);
}

/** An error message with what to do about it, and a retry button when a retry may help. */
export function failure(error: unknown, retry?: () => void): HTMLElement {
  const message = error instanceof Error ? error.message : String(error);
  const network = error instanceof ApiError && error.code === 'NETWORK';
  const box = h(
    'div',
    { class: 'state error', role: 'alert' },
    h('p', {}, h('strong', {}, network ? 'The server did not answer. ' : 'Something went wrong. '), message),
  );
  if (retry) {
    const button = h('button', { type: 'button' }, 'Try again');
    button.addEventListener('click', retry);
    box.append(button);
  }
  return box;
}

/** An empty state: what is missing and links to what to try instead. */
export function empty(message: string, suggestions: { label: string; href: string }[] = []): HTMLElement {
  return h(
    'div',
    { class: 'state empty' },
    h('p', {}, message),
    suggestions.length > 0 &&
      h('p', {}, 'Try: ', ...suggestions.flatMap((suggestion, index) => [index > 0 ? ' · ' : '', link(suggestion.href, suggestion.label)])),
  );
}

/** A section with a heading. */
export function section(title: string, attributes: Record<string, AttributeValue>, ...children: Child[]): HTMLElement {
  return h('section', { class: 'panel', ...attributes }, h('h2', {}, title), ...children);
}
