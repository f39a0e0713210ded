// How values read on screen: kinds (with colours and shapes for the graph), dates with their precision
// and inferred parts, stances, relationship types and numbers.
import { h } from './dom.js';
import type { Basis, EntityKind, EntityRef, PartialDate, Stance } from './types.js';

/** Display name, colour (Okabe–Ito, told apart with colour blindness) and graph shape of each kind. */
export const KINDS: Record<EntityKind, { label: string; color: string; shape: string }> = {
  COUNTRY: { label: 'Country', color: '#0072B2', shape: 'round-rectangle' },
  PERSON: { label: 'Person', color: '#D55E00', shape: 'ellipse' },
  ORGANIZATION: { label: 'Organization', color: '#009E73', shape: 'hexagon' },
  AGREEMENT: { label: 'Agreement', color: '#CC79A7', shape: 'diamond' },
  EVENT: { label: 'Event', color: '#E69F00', shape: 'star' },
};

/** How each basis is drawn and described. */
export const BASES: Record<Basis, { line: 'solid' | 'dashed' | 'dotted'; description: string }> = {
  STATED: { line: 'solid', description: 'stated by the source' },
  ALLEGED: { line: 'dashed', description: 'only alleged (see the claim)' },
  BACKGROUND: { line: 'dotted', description: 'background knowledge, not in the source' },
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const PRECISION: Record<PartialDate['precision'], string> = {
  DAY: 'day',
  MONTH_DAY: 'month and day',
  MONTH: 'month',
  YEAR: 'year',
};

/**
 * A date as precise as its source: "24 Oct 2024", "24 Oct (year 2024 inferred)", "Oct 2024"; a year
 * the source does not state is never shown as if it did.
 */
export function formatDate(date: PartialDate): string {
  const month = date.month === null ? undefined : MONTHS[date.month - 1];
  const dayMonth = [date.day, month].filter((part) => part !== null && part !== undefined).join(' ');
  const year = date.year !== null ? String(date.year) : date.inferredYear !== null ? `(year ${date.inferredYear} inferred)` : '';
  return [dayMonth, year].filter((part) => part !== '').join(' ') || date.display;
}

/** A date with its precision, and why it was inferred when it was. */
export function dateElement(date: PartialDate | null): HTMLElement {
  if (date === null) return h('span', { class: 'date undated' }, 'undated');
  const why = [date.inferredYearBasis, date.inferred ? date.inferenceBasis : null].filter(Boolean).join(' ');
  return h(
    'span',
    { class: 'date', title: why || `The source gives the ${PRECISION[date.precision]}` },
    h('time', { datetime: date.sortKey.replace(/-00/g, '') }, formatDate(date)),
    ' ',
    h('span', { class: 'precision' }, PRECISION[date.precision]),
    date.inferred && h('span', { class: 'tag inferred' }, 'date inferred from context'),
  );
}

/** "REFRAINS_FROM_DENYING" → "refrains from denying". */
export function words(constant: string): string {
  return constant.toLowerCase().replace(/_/g, ' ');
}

/** A stance as a tag whose colour says whether it supports the claim. */
export function stanceTag(stance: Stance): HTMLElement {
  const tone = stance === 'ASSERTS' || stance === 'ESTIMATES' || stance === 'ACCUSES' ? 'for' : stance === 'DENIES' ? 'against' : 'neutral';
  return h('span', { class: `tag stance ${tone}` }, words(stance));
}

/** A kind as a small swatch and its name. */
export function kindTag(kind: EntityKind): HTMLElement {
  return h('span', { class: `tag kind kind-${kind.toLowerCase()}` }, KINDS[kind].label);
}

/** A link to an entity's page. */
export function entityLink(entity: EntityRef): HTMLAnchorElement {
  return h('a', { href: `#/entity/${encodeURIComponent(entity.slug)}`, class: `entity kind-${entity.kind.toLowerCase()}` }, entity.name);
}

/** Entities as links separated by commas. */
export function entityLinks(entities: EntityRef[]): (Node | string)[] {
  return entities.flatMap((entity, index) => (index === 0 ? [entityLink(entity)] : [', ', entityLink(entity)]));
}

const NUMBER = new Intl.NumberFormat('en');

/** 12000 → "12,000". */
export function formatNumber(value: number): string {
  return NUMBER.format(value);
}
