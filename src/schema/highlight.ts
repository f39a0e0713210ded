import { queryTerms } from '../graph/search.js';

/** Wraps each query term found in `text` in <mark>…</mark> (case-insensitive, whole text kept). */
export function highlight(text: string, query: string): string {
  const terms = queryTerms(query).map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (terms.length === 0) return text;
  return text.replace(new RegExp(`(${terms.join('|')})`, 'gi'), '<mark>$1</mark>');
}
