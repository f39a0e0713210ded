// Live updates: statements written while the dashboard is open arrive over the statementAdded
// subscription (Server-Sent Events) and appear in a feed in the header, without a reload; a badge
// counts the ones not seen yet. A dropped stream is reopened with a growing delay.
import { invalidateCache, subscribe } from './api.js';
import { STATEMENT_ADDED } from './documents.js';
import { h, link } from './dom.js';
import { dateElement } from './format.js';
import type { EntityRef, PartialDate } from './types.js';

type Added = { statementAdded: { slug: string; summary: string; date: PartialDate | null; speakers: EntityRef[] } };

const MAX_FEED = 20;
const RETRY_MS = [2_000, 5_000, 15_000, 30_000];

/** The header's live elements. */
export interface LiveElements {
  panel: HTMLDetailsElement;
  state: HTMLElement;
  count: HTMLElement;
  feed: HTMLElement;
  announcer: HTMLElement;
}

/** Opens the subscription and keeps the feed and badge up to date. */
export function startLive(elements: LiveElements): void {
  let unseen = 0;
  let failures = 0;
  const setState = (state: 'connecting' | 'live' | 'reconnecting', title: string) => {
    elements.panel.dataset.state = state;
    elements.state.textContent = state === 'live' ? 'Live' : state === 'connecting' ? 'Connecting…' : 'Reconnecting…';
    elements.panel.title = title;
  };
  const showCount = () => {
    elements.count.textContent = String(unseen);
    elements.count.hidden = unseen === 0;
    elements.count.setAttribute('aria-label', `${unseen} new statements`);
  };
  elements.panel.addEventListener('toggle', () => {
    if (!elements.panel.open) return;
    unseen = 0;
    showCount();
  });
  const added = ({ statementAdded: statement }: Added) => {
    invalidateCache(); // views opened from now on read the graph with this statement in it
    if (elements.feed.querySelector(`[data-statement="${CSS.escape(statement.slug)}"]`)) return;
    const [speaker] = statement.speakers;
    const names = statement.speakers.map((each) => each.name).join(', ');
    elements.feed.prepend(
      h(
        'li',
        { 'data-statement': statement.slug },
        dateElement(statement.date),
        h('p', {}, h('strong', {}, names), `: ${statement.summary}`),
        speaker && link(`#/entity/${encodeURIComponent(speaker.slug)}?statement=${encodeURIComponent(statement.slug)}`, 'Open'),
      ),
    );
    while (elements.feed.childElementCount > MAX_FEED) elements.feed.lastElementChild?.remove();
    if (!elements.panel.open) unseen += 1;
    showCount();
    elements.announcer.textContent = `New statement by ${names}`;
  };
  const connect = () => {
    setState(failures === 0 ? 'connecting' : 'reconnecting', 'Opening the live stream of new statements');
    const unsubscribe = subscribe<Added>(STATEMENT_ADDED, {
      onOpen: () => {
        failures = 0;
        setState('live', 'New statements appear here as they are written');
      },
      onData: added,
      onEnd: (error) => {
        unsubscribe();
        const delay = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)] ?? 30_000;
        failures += 1;
        setState('reconnecting', `The live stream ${error ? `failed (${error.message})` : 'ended'}; retrying in ${delay / 1000} s`);
        window.setTimeout(connect, delay);
      },
    });
  };
  connect();
}
