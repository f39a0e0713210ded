// Search as you type, over entities (names, aliases, descriptions) and statements (summaries, quotes):
// a combobox whose results the arrow keys walk, Enter opens and Escape closes.
import { query } from './api.js';
import { RESOLVE, SEARCH } from './documents.js';
import { h, highlighted } from './dom.js';
import { kindTag } from './format.js';
import type { CandidateView, EntityRef, SearchHitView } from './types.js';

const DEBOUNCE_MS = 200;
const MAX_RESULTS = 10;

/** One result: where it leads and how it reads. */
interface Result {
  href: string;
  content: (Node | string)[];
  kind: 'entity' | 'statement';
}

/**
 * The full-text query for what was typed: Lucene's operators removed (typing "a(" must not be a syntax
 * error) and the last word a prefix, so "Zel" finds Zelensky while it is being typed.
 */
export function searchQuery(typed: string): string {
  const terms = typed
    .replace(/[+\-!(){}[\]^"~*?:\\/&|]/g, ' ')
    .split(/\s+/)
    .filter((term) => term !== '' && !['AND', 'OR', 'NOT'].includes(term));
  const last = terms.pop();
  return last === undefined ? '' : [...terms, `${last}*`].join(' ');
}

const entityHref = (entity: EntityRef) => `#/entity/${encodeURIComponent(entity.slug)}`;

function results(candidates: CandidateView[], hits: SearchHitView[]): Result[] {
  const seen = new Set<string>();
  const list: Result[] = [];
  const addEntity = (entity: EntityRef, note: string | undefined) => {
    if (seen.has(entity.slug)) return;
    seen.add(entity.slug);
    list.push({
      href: entityHref(entity),
      kind: 'entity',
      content: [
        h('span', { class: 'name' }, entity.name),
        ' ',
        kindTag(entity.kind),
        ...(note ? [h('span', { class: 'muted' }, ` ${note}`)] : []),
      ],
    });
  };
  for (const candidate of candidates) {
    addEntity(candidate.entity, candidate.matchedName !== candidate.entity.name ? `(${candidate.matchedName})` : undefined);
  }
  for (const hit of hits) if (hit.entity) addEntity(hit.entity, undefined);
  for (const hit of hits) {
    const statement = hit.statement;
    const [speaker] = statement?.speakers ?? [];
    if (!statement || !speaker) continue;
    list.push({
      href: `${entityHref(speaker)}?statement=${encodeURIComponent(statement.slug)}`,
      kind: 'statement',
      content: [
        h('span', { class: 'speakers' }, statement.speakers.map((each) => each.name).join(', '), ': '),
        h('span', { class: 'hit' }, highlighted(hit.highlight)),
      ],
    });
  }
  return list.slice(0, MAX_RESULTS);
}

/** Wires the search box of the page (input, listbox and status line). */
export function setUpSearch(input: HTMLInputElement, listbox: HTMLElement, status: HTMLElement): void {
  let shown: Result[] = [];
  let active = -1;
  let timer: number | undefined;
  let asked = 0;
  let shownFor = '';

  const setActive = (index: number) => {
    active = index;
    listbox
      .querySelectorAll('[role="option"]')
      .forEach((option, optionIndex) => option.setAttribute('aria-selected', String(optionIndex === index)));
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', `search-option-${index}`);
      document.getElementById(`search-option-${index}`)?.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const close = () => {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
  };
  const open = (result: Result | undefined) => {
    if (!result) return;
    close();
    input.blur();
    location.hash = result.href;
  };
  const render = (list: Result[], message: string) => {
    shown = list;
    listbox.replaceChildren(
      ...list.map((result, index) => {
        const option = h(
          'li',
          { role: 'option', id: `search-option-${index}`, class: `result ${result.kind}`, 'aria-selected': 'false' },
          ...result.content,
        );
        // mousedown, not click: the input keeps focus until the result opens.
        option.addEventListener('mousedown', (event) => {
          event.preventDefault();
          open(result);
        });
        return option;
      }),
      ...(list.length === 0 ? [h('li', { class: 'none' }, message)] : []),
    );
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    status.textContent = list.length > 0 ? `${list.length} results; arrow keys to choose, Enter to open` : message;
    setActive(-1);
  };
  const lookUp = async (typed: string) => {
    const ask = (asked += 1);
    const text = searchQuery(typed);
    const [candidates, hits] = await Promise.allSettled([
      query<{ resolveEntity: CandidateView[] }>(RESOLVE, { name: typed, first: 5 }),
      text === ''
        ? Promise.resolve({ search: [] })
        : query<{ search: SearchHitView[] | null }>(SEARCH, { query: text, first: MAX_RESULTS }),
    ]);
    if (ask !== asked) return; // a later keystroke's answer will be shown instead
    if (candidates.status === 'rejected' && hits.status === 'rejected') {
      const reason: unknown = hits.reason;
      render([], `Search failed: ${reason instanceof Error ? reason.message : String(reason)}`);
      return;
    }
    const list = results(
      candidates.status === 'fulfilled' ? candidates.value.resolveEntity : [],
      hits.status === 'fulfilled' ? (hits.value.search ?? []) : [],
    );
    shownFor = typed;
    render(list, `Nothing matches “${typed}”. Try part of a name (“Kim”), a country (“Korea”) or a word said (“troops”).`);
  };

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    const typed = input.value.trim();
    if (typed.length < 2) {
      asked += 1;
      close();
      return;
    }
    timer = window.setTimeout(() => void lookUp(typed), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (event) => {
    const count = shown.length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (listbox.hidden && count > 0) render(shown, '');
        setActive(count === 0 ? -1 : (active + 1) % count);
        break;
      case 'ArrowUp':
        event.preventDefault();
        setActive(count === 0 ? -1 : (active - 1 + count) % count);
        break;
      case 'Enter': {
        event.preventDefault();
        const typed = input.value.trim();
        // Enter before the answer for what is typed now: look it up at once and open the best result.
        if (typed !== shownFor && typed.length >= 2) {
          window.clearTimeout(timer);
          void lookUp(typed).then(() => {
            if (shownFor === typed) open(shown[0]);
          });
        } else open(shown[active >= 0 ? active : 0]);
        break;
      }
      case 'Escape':
        if (listbox.hidden) input.value = '';
        close();
        break;
      case 'Tab':
        close();
        break;
    }
  });
  input.addEventListener('blur', close);
  // "/" anywhere but a text field jumps to the search box, as on many sites.
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    if (event.key !== '/' || target?.closest('input, textarea, select, [contenteditable]')) return;
    event.preventDefault();
    input.focus();
  });
}
