// The timeline: dated statements and events in date order, grouped by month, each date as precise as
// its source (a year that had to be inferred says so), filtered by period and entity.
import { query } from './api.js';
import { TIMELINE } from './documents.js';
import { empty, failure, h, link, loading, show } from './dom.js';
import { setExportable } from './export.js';
import { dateElement, entityLink, entityLinks, words } from './format.js';
import { entityInput, textOf } from './path.js';
import { hashOf, type Route } from './router.js';
import { evidenceInContext } from './statements.js';
import type { TimelineItemView } from './types.js';

type TimelineRoute = Extract<Route, { view: 'timeline' }>;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DATE_FILTER = '\\d{4}(-\\d{2}(-\\d{2})?)?';

function form(route: TimelineRoute): HTMLFormElement {
  const dateField = (id: string, label: string, value: string) =>
    h(
      'p',
      { class: 'field' },
      h('label', { for: id }, label),
      h('input', {
        id,
        name: id,
        type: 'text',
        value,
        placeholder: 'e.g. 2024-10',
        title: 'A year, month or day: 2024, 2024-10 or 2024-10-24',
        pattern: DATE_FILTER,
        inputmode: 'numeric',
      }),
    );
  const element = h(
    'form',
    { class: 'timeline-form', 'aria-label': 'Filter the timeline' },
    dateField('timeline-from', 'From', route.from),
    dateField('timeline-to', 'To', route.to),
    entityInput('timeline-entity', 'Involving', route.entity),
    h('p', { class: 'field' }, h('button', { type: 'submit' }, 'Show')),
  );
  element.querySelector('#timeline-entity')?.removeAttribute('required');
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(element);
    const value = (name: string) => textOf(data.get(name));
    location.hash = hashOf({ view: 'timeline', from: value('timeline-from'), to: value('timeline-to'), entity: value('timeline-entity') });
  });
  return element;
}

/** "2024-10" with whether any item's year was inferred → "October 2024 (year inferred)". */
function monthHeading(sortKey: string, inferred: boolean): string {
  const [year = '0000', month = '00'] = sortKey.split('-');
  const name = MONTHS[Number(month) - 1];
  const yearText = year === '0000' ? 'year unknown' : inferred ? `${year} (year inferred)` : year;
  return name ? `${name} ${yearText}` : yearText;
}

function itemElement(item: TimelineItemView): HTMLElement {
  const statement = item.statement;
  const event = item.event;
  if (statement) {
    const [speaker] = statement.speakers;
    const span = statement.quoteEvidence ?? statement.evidence[0];
    const more = h('details', {}, h('summary', {}, 'Words in the source'));
    more.addEventListener('toggle', () => {
      if (more.open && span && more.childElementCount === 1) more.append(evidenceInContext(span));
    });
    return h(
      'li',
      { class: 'item statement' },
      dateElement(item.date),
      h('span', { class: 'tag' }, 'statement'),
      h('p', {}, h('span', { class: 'speakers' }, ...entityLinks(statement.speakers)), ': ', statement.summary),
      speaker &&
        h(
          'p',
          {},
          link(`#/entity/${encodeURIComponent(speaker.slug)}?statement=${encodeURIComponent(statement.slug)}`, 'Open with its claims'),
        ),
      span && more,
    );
  }
  return h(
    'li',
    { class: 'item event' },
    dateElement(item.date),
    h('span', { class: 'tag' }, `event${event?.status ? ` · ${words(event.status)}` : ''}`),
    event && h('p', {}, entityLink(event), event.description ? `: ${event.description}` : ''),
  );
}

/** The timeline view. */
export async function renderTimeline(container: HTMLElement, route: TimelineRoute, signal: AbortSignal): Promise<void> {
  const results = h('div', { class: 'results' }, loading('the timeline'));
  show(container, h('h1', { tabindex: '-1' }, 'Timeline'), form(route), results);
  try {
    const answer = await query<{ timeline: TimelineItemView[] | null }>(TIMELINE, {
      from: route.from || null,
      to: route.to || null,
      entity: route.entity || null,
      first: 100,
    });
    if (signal.aborted) return;
    const items = answer.timeline ?? [];
    setExportable({ name: 'timeline', title: 'Timeline', graph: undefined, data: () => items });
    if (items.length === 0) {
      show(
        results,
        empty('Nothing dated matches. Widen the period or clear the entity.', [
          { label: 'the whole timeline', href: '#/timeline' },
          { label: 'October 2024', href: '#/timeline?from=2024-10&to=2024-10' },
        ]),
      );
      return;
    }
    const months = new Map<string, TimelineItemView[]>();
    for (const item of items) {
      const key = item.date.sortKey.slice(0, 7);
      months.set(key, [...(months.get(key) ?? []), item]);
    }
    show(
      results,
      h(
        'p',
        { class: 'muted' },
        `${items.length} dated ${items.length === 1 ? 'item' : 'items'}${items.length === 100 ? ' (the first 100; narrow the period to see more)' : ''}.`,
      ),
      ...[...months].map(([key, monthItems]) =>
        h(
          'section',
          { class: 'panel month' },
          h(
            'h2',
            {},
            monthHeading(
              key,
              monthItems.some((item) => item.date.year === null && item.date.inferredYear !== null),
            ),
          ),
          h('ol', { class: 'timeline plain' }, ...monthItems.map(itemElement)),
        ),
      ),
    );
  } catch (error) {
    if (!signal.aborted)
      show(
        results,
        failure(error, () => void renderTimeline(container, route, signal)),
      );
  }
}
