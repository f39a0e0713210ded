// The overview: counts of the whole graph as tiles, and charts of who speaks most, the stances taken,
// activity over time and the most connected entities, with suggestions of where to start.
import { OVERVIEW, type OverviewData } from './aggregates.js';
import { query } from './api.js';
import { horizontalBars, stackedColumns } from './charts.js';
import { empty, failure, h, link, loading, section, show } from './dom.js';
import { setExportable } from './export.js';
import { formatNumber, KINDS, words } from './format.js';

const STANCE_COLORS: Record<string, string> = {
  ASSERTS: '#1a7f37',
  ESTIMATES: '#1a7f37',
  ACCUSES: '#9a6700',
  DENIES: '#cf222e',
  DOES_NOT_CONFIRM: '#57606a',
  DECLINES_TO_COMMENT: '#57606a',
  REFRAINS_FROM_DENYING: '#8250df',
};

function tile(label: string, value: number, href?: string): HTMLElement {
  const content = [h('span', { class: 'tile-value' }, formatNumber(value)), h('span', { class: 'tile-label' }, label)];
  return h(
    'li',
    { class: 'tile', 'data-tile': label.toLowerCase().replace(/\s+/g, '-') },
    href ? h('a', { href }, ...content) : h('div', {}, ...content),
  );
}

/** Where to start, from the data: the most connected entity, a path from the busiest speaker to it, conflicts, the timeline. */
function startHere(data: OverviewData): { label: string; href: string }[] {
  const hub = data.mostConnected?.[0]?.entity;
  const speaker = data.bySpeaker?.groups.find((group) => group.entity && group.entity.slug !== hub?.slug)?.entity;
  return [
    ...(hub ? [{ label: `${hub.name}, the most connected entity`, href: `#/entity/${encodeURIComponent(hub.slug)}` }] : []),
    ...(hub && speaker
      ? [
          {
            label: `How ${speaker.name} is connected to ${hub.name}`,
            href: `#/path?from=${encodeURIComponent(speaker.slug)}&to=${encodeURIComponent(hub.slug)}&k=3`,
          },
        ]
      : []),
    { label: 'Claims that conflict or are disputed', href: '#/claims?contested=true' },
    { label: 'What happened when', href: '#/timeline' },
  ];
}

function charts(data: OverviewData): (HTMLElement | null)[] {
  const kinds = data.overview.entitiesByKind.map((entry) => ({
    label: KINDS[entry.kind].label,
    value: entry.count,
    color: KINDS[entry.kind].color,
  }));
  const speakers = (data.bySpeaker?.groups ?? []).map((group) => ({
    label: group.label,
    value: group.count,
    href: group.entity ? `#/entity/${encodeURIComponent(group.entity.slug)}` : undefined,
  }));
  const stances = (data.byStance?.groups ?? []).map((group) => ({
    label: words(group.stance ?? group.key),
    value: group.count,
    color: STANCE_COLORS[group.stance ?? group.key],
  }));
  const connected = (data.mostConnected ?? []).map((entry) => ({
    label: entry.entity.name,
    value: entry.degree,
    href: `#/entity/${encodeURIComponent(entry.entity.slug)}`,
    color: KINDS[entry.entity.kind].color,
  }));
  const activity = data.activity;
  const buckets = [...(activity?.buckets ?? []), ...(activity?.lessPrecise ?? [])];
  const inferred = buckets.reduce((sum, bucket) => sum + bucket.inferredYear, 0);
  const columns = buckets.map((bucket) => ({
    label: bucket.label,
    values: [bucket.statements, bucket.events],
    note: bucket.inferredYear > 0 ? `${bucket.inferredYear} with the year inferred` : undefined,
  }));
  return [
    h(
      'div',
      { class: 'chart-grid' },
      horizontalBars('Entities by kind', kinds, 'entities'),
      horizontalBars('Most connected entities', connected, 'relationships'),
    ),
    h(
      'div',
      { class: 'chart-grid' },
      horizontalBars('Who made the most statements', speakers, 'statements'),
      horizontalBars('Stances taken on claims', stances, 'stances'),
    ),
    columns.length > 0
      ? stackedColumns('Activity by month (dated statements and events)', columns, [
          { name: 'statements', color: '#0b57d0' },
          { name: 'events', color: '#E69F00' },
        ])
      : h('p', { class: 'muted' }, 'Nothing is dated yet.'),
    inferred > 0 || (activity?.withoutYear ?? 0) > 0
      ? h(
          'p',
          { class: 'muted' },
          [
            inferred > 0 &&
              `${formatNumber(inferred)} of the dated items are placed by a year inferred from context (the source gives none).`,
            (activity?.withoutYear ?? 0) > 0 &&
              `${formatNumber(activity?.withoutYear ?? 0)} dated items have no known year and are not counted.`,
          ]
            .filter(Boolean)
            .join(' '),
        )
      : null,
  ];
}

/** The overview view. */
export async function renderOverview(container: HTMLElement, signal: AbortSignal): Promise<void> {
  const body = h('div', {}, loading('the overview'));
  show(container, h('h1', { tabindex: '-1' }, 'Overview'), body);
  try {
    const data = await query<OverviewData>(OVERVIEW, { speakers: 8, connected: 8 });
    if (signal.aborted) return;
    setExportable({ name: 'overview', title: 'Overview', graph: undefined, data: () => data });
    const counts = data.overview;
    if (counts.entities === 0) {
      show(
        body,
        empty(
          'The graph is empty. Load an article with `npm run seed`, `npm run ingest -- file.json` or the ingestDocument mutation, then reload.',
        ),
      );
      return;
    }
    const contested = data.claimCounts?.contested ?? counts.contestedClaims;
    show(
      body,
      h(
        'ul',
        { class: 'tiles', 'aria-label': 'Counts' },
        tile('Entities', counts.entities),
        tile('Relationships', counts.relationships),
        tile('Statements', counts.statements, '#/timeline'),
        tile('Claims', counts.claims, '#/claims'),
        tile('Contested claims', contested, '#/claims?contested=true'),
        tile('Sources', counts.sources),
      ),
      section(
        'Start here',
        {},
        h('ul', { class: 'plain start' }, ...startHere(data).map((entry) => h('li', {}, link(entry.href, entry.label)))),
      ),
      ...charts(data),
    );
  } catch (error) {
    if (!signal.aborted)
      show(
        body,
        failure(error, () => void renderOverview(container, signal)),
      );
  }
}
