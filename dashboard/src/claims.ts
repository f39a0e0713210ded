// Claims, with conflicts side by side: claims that cannot hold together (different numbers for one
// measure, or declared contradictions) are shown as columns of one row, each with who asserts it and
// when; a claim someone asserts while someone denies shows the two sides as columns.
import { query } from './api.js';
import { CLAIM_KEYS, CLAIMS } from './documents.js';
import { empty, failure, h, link, loading, section, show } from './dom.js';
import { dateElement, entityLinks, formatNumber, stanceTag, words } from './format.js';
import { setExportable } from './export.js';
import type { Route } from './router.js';
import { evidenceInContext } from './statements.js';
import type { ClaimView, Connection, Stance } from './types.js';

const AGAINST: Stance[] = ['DENIES'];

/** Groups of claims linked by conflictsWith (within the list), each with at least two claims. */
export function conflictGroups(claims: ClaimView[]): ClaimView[][] {
  const bySlug = new Map(claims.map((claim) => [claim.slug, claim]));
  const seen = new Set<string>();
  const groups: ClaimView[][] = [];
  for (const claim of claims) {
    if (seen.has(claim.slug)) continue;
    const group: ClaimView[] = [];
    const queue = [claim];
    seen.add(claim.slug);
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      group.push(next);
      for (const { slug } of next.conflictsWith) {
        const other = bySlug.get(slug);
        if (other && !seen.has(slug)) {
          seen.add(slug);
          queue.push(other);
        }
      }
    }
    if (group.length > 1) groups.push(group.sort((a, b) => (b.quantity?.value ?? 0) - (a.quantity?.value ?? 0)));
  }
  return groups;
}

function quantityLine(claim: ClaimView): HTMLElement | null {
  const quantity = claim.quantity;
  if (!quantity) return null;
  return h(
    'p',
    { class: 'quantity' },
    h('span', { class: 'value' }, `${quantity.approximate ? '≈ ' : ''}${formatNumber(quantity.value)}`),
    ` ${quantity.unit}`,
    ...quantity.qualifiers.map((qualifier) => h('span', { class: 'tag' }, qualifier)),
  );
}

function stanceList(stances: ClaimView['stances']): HTMLElement {
  if (stances.length === 0) return h('p', { class: 'muted' }, 'No statement takes a stance on it.');
  return h(
    'ul',
    { class: 'who' },
    ...stances.map((stance) =>
      h('li', {}, stanceTag(stance.stance), ' ', ...entityLinks(stance.statement.speakers), ' ', dateElement(stance.statement.date)),
    ),
  );
}

/** One claim as a card: its number, proposition, who takes which stance, and its words in context. */
export function claimCard(claim: ClaimView): HTMLElement {
  const span = claim.evidence[0];
  return h(
    'article',
    { class: 'card claim', 'data-claim': claim.slug },
    quantityLine(claim),
    h('p', { class: 'proposition' }, claim.proposition),
    claim.contested && h('span', { class: 'tag contested' }, 'contested'),
    stanceList(claim.stances),
    span && evidenceInContext(span),
  );
}

function conflictRow(group: ClaimView[]): HTMLElement {
  const quantities = group.map((claim) => claim.quantity);
  const [first] = quantities;
  const sameMeasure = first != null && quantities.every((quantity) => quantity?.measure === first.measure);
  const title = sameMeasure ? `Conflicting numbers of ${first.unit} (${first.measure})` : 'Claims that contradict each other';
  return h(
    'div',
    { class: 'conflict', role: 'group', 'aria-label': title },
    h('h3', {}, title),
    h('div', { class: 'side-by-side' }, ...group.map(claimCard)),
  );
}

function disputeRow(claim: ClaimView): HTMLElement {
  const against = claim.stances.filter((stance) => AGAINST.includes(stance.stance));
  const others = claim.stances.filter((stance) => !AGAINST.includes(stance.stance));
  return h(
    'div',
    { class: 'conflict', role: 'group', 'aria-label': `Disputed: ${claim.proposition}` },
    h('h3', {}, `Disputed: ${claim.proposition}`),
    h(
      'div',
      { class: 'side-by-side' },
      h('article', { class: 'card claim', 'data-claim': claim.slug }, h('h4', {}, 'Asserted or alleged by'), stanceList(others)),
      h('article', { class: 'card claim' }, h('h4', {}, 'Denied by'), stanceList(against)),
    ),
  );
}

/** Claims: conflicts and disputes first, side by side, then the rest. */
export function claimsSections(claims: ClaimView[]): HTMLElement[] {
  const groups = conflictGroups(claims);
  const inGroups = new Set(groups.flat().map((claim) => claim.slug));
  const disputed = claims.filter(
    (claim) => !inGroups.has(claim.slug) && claim.stances.some((stance) => AGAINST.includes(stance.stance)) && claim.contested,
  );
  const shown = new Set([...inGroups, ...disputed.map((claim) => claim.slug)]);
  const rest = claims.filter((claim) => !shown.has(claim.slug));
  const sections: HTMLElement[] = [];
  if (groups.length + disputed.length > 0) {
    sections.push(section('Conflicting claims', { class: 'panel conflicts' }, ...groups.map(conflictRow), ...disputed.map(disputeRow)));
  }
  if (rest.length > 0) sections.push(section('Other claims', {}, h('div', { class: 'cards' }, ...rest.map(claimCard))));
  return sections;
}

function filterTitle(route: Extract<Route, { view: 'claims' }>): string {
  const parts = [
    route.measure && `numbers for ${words(route.measure)}`,
    route.topic && `on ${words(route.topic)}`,
    route.about && `about ${route.about}`,
    route.contested && 'contested',
  ].filter(Boolean);
  return parts.length > 0 ? `Claims: ${parts.join(', ')}` : 'Claims';
}

async function claimKeyLinks(): Promise<HTMLElement> {
  const keys = await query<{
    measures: Connection<{ key: string; claimCount: number; units: string[] }> | null;
    topics: Connection<{ key: string; claimCount: number }> | null;
  }>(CLAIM_KEYS, {});
  const list = (title: string, param: string, entries: { key: string; claimCount: number }[]) =>
    h(
      'div',
      {},
      h('h3', {}, title),
      h(
        'ul',
        { class: 'plain' },
        ...entries.map((entry) =>
          h('li', {}, link(`#/claims?${param}=${encodeURIComponent(entry.key)}`, words(entry.key)), ` (${entry.claimCount})`),
        ),
      ),
    );
  return h(
    'div',
    { class: 'columns' },
    list('By measure', 'measure', keys.measures?.edges.map((edge) => edge.node) ?? []),
    list('By topic', 'topic', keys.topics?.edges.map((edge) => edge.node) ?? []),
  );
}

/** The claims view: claims filtered by measure, topic, entity or contestedness. */
export async function renderClaims(container: HTMLElement, route: Extract<Route, { view: 'claims' }>, signal: AbortSignal): Promise<void> {
  const title = filterTitle(route);
  const heading = h('h1', { tabindex: '-1' }, title);
  const body = h('div', {}, loading('claims'));
  show(container, heading, body);
  const filtered = Boolean(route.measure || route.topic || route.about || route.contested);
  try {
    const [answer, keys] = await Promise.all([
      query<{ claims: Connection<ClaimView> | null }>(CLAIMS, {
        measure: route.measure || null,
        topic: route.topic || null,
        about: route.about || null,
        contested: route.contested ? true : null,
      }),
      filtered ? Promise.resolve(null) : claimKeyLinks(),
    ]);
    if (signal.aborted) return;
    const claims = answer.claims?.edges.map((edge) => edge.node) ?? [];
    setExportable({ name: 'claims', title, graph: undefined, data: () => claims });
    if (claims.length === 0) {
      show(body, empty('No claims match.', [{ label: 'all claims', href: '#/claims' }]));
      return;
    }
    show(
      body,
      keys && section('Browse claims', {}, keys),
      h('p', { class: 'muted' }, `${answer.claims?.totalCount ?? claims.length} claims`),
      ...claimsSections(claims),
    );
  } catch (error) {
    if (!signal.aborted)
      show(
        body,
        failure(error, () => void renderClaims(container, route, signal)),
      );
  }
}
