// A statement as a card: who said it, when (as precisely as the source says), through whom, the
// stances it takes, and its words highlighted inside the paragraph of the source they come from.
import { sourceTextsOf } from './api.js';
import { h } from './dom.js';
import { dateElement, entityLink, entityLinks, stanceTag } from './format.js';
import type { EvidenceSpan, StatementView } from './types.js';

/** Longest context shown on either side of a highlighted span. */
const CONTEXT_CHARS = 280;

/** The paragraph around [start, end) of a text, cut to CONTEXT_CHARS either side: [before, span, after]. */
export function paragraphAround(text: string, start: number, end: number): [string, string, string] {
  const paragraphStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', end);
  const paragraphEnd = newline === -1 ? text.length : newline;
  let before = text.slice(paragraphStart, start);
  let after = text.slice(end, paragraphEnd);
  if (before.length > CONTEXT_CHARS) before = `…${before.slice(before.indexOf(' ', before.length - CONTEXT_CHARS) + 1)}`;
  if (after.length > CONTEXT_CHARS) after = `${after.slice(0, after.lastIndexOf(' ', CONTEXT_CHARS))}…`;
  return [before, text.slice(start, end), after];
}

/** The words of a span inside their paragraph; only the words until the source text has arrived. */
export function evidenceInContext(span: EvidenceSpan, label = 'Source'): HTMLElement {
  const body = h('blockquote', {}, h('mark', {}, span.quote));
  const figure = h('figure', { class: 'evidence' }, body, h('figcaption', {}, `${label}: ${span.source.title}`));
  const text = sourceTextsOf([span.source.id]).get(span.source.id);
  void text?.then(
    (full) => {
      // Offsets that do not match the text (an edited source) leave the quote on its own.
      if (full.slice(span.start, span.end) !== span.quote) return;
      const [before, words, after] = paragraphAround(full, span.start, span.end);
      body.replaceChildren(before, h('mark', {}, words), after);
      figure.classList.add('in-context');
    },
    () => undefined, // the quote alone is still correct
  );
  return figure;
}

/** A statement card; its id is "statement-<slug>" so a link can point at it. */
export function statementCard(statement: StatementView): HTMLElement {
  const span = statement.quoteEvidence ?? statement.evidence[0];
  return h(
    'article',
    { class: 'card statement', id: `statement-${statement.slug}`, tabindex: '-1' },
    h(
      'header',
      {},
      h('span', { class: 'speakers' }, ...entityLinks(statement.speakers)),
      statement.via && h('span', { class: 'via' }, ' via ', entityLink(statement.via)),
      ' ',
      dateElement(statement.date),
    ),
    h('p', { class: 'summary' }, statement.summary),
    statement.stances.length > 0 &&
      h(
        'ul',
        { class: 'stances' },
        ...statement.stances.map((stance) => h('li', {}, stanceTag(stance.stance), ' ', stance.claim.proposition)),
      ),
    statement.citesText && h('p', { class: 'cites' }, `Citing ${statement.citesText}`),
    span && evidenceInContext(span, statement.quoteEvidence ? 'Quote, in' : 'Reported in'),
  );
}

/** Statement cards, or a line saying there are none. */
export function statementList(statements: StatementView[], none: string): HTMLElement {
  if (statements.length === 0) return h('p', { class: 'state empty' }, none);
  return h('div', { class: 'cards' }, ...statements.map(statementCard));
}
