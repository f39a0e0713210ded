// Properties derived from others and stored, so that lists can be ordered and filtered by index.
// Written by the loader and back-filled once by a migration (setup.ts): one definition for both.

/** Separates the parts of an order key; lower than any character of a name, so keys sort as (name, id). */
const SEP = `'\\u0001'`;

/** SET items for entity `e`: case-insensitive name order and exact name, and the text `nameContains` searches. */
export const ENTITY_DERIVED = `e.nameOrder = toLower(e.name) + ${SEP} + e.id,
  e.nameLower = toLower(e.name),
  e.searchText = toLower(e.name) + reduce(text = '', alias IN coalesce(e.aliases, []) | text + '\\n' + toLower(alias))`;

/** SET item for statement `st`: date order, undated last, ties broken by id. */
export const STATEMENT_DERIVED = `st.orderKey = coalesce(st.dateSortKey, '9999-99-99') + ${SEP} + st.id`;

/** Upper bound of every order key whose date part is at most `date` (YYYY-MM-DD). */
export function orderKeyUpTo(date: string): string {
  return `${date}\uffff`;
}
