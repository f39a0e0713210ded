// Small valid seed documents for tests, every evidence span computed from the text.
import { validateDocument, type ValidatedDocument } from '../../src/seed/validate.js';

/** A small document, described by the words of its text. */
export interface Draft {
  source: string;
  text: string;
  /** Entities this document defines: id, name (which must occur in the text), and optionally a description (a fixture one by default). */
  entities: ([string, string] | [string, string, string])[];
  /** Relationships: [id, from, to, the words that state it]. */
  relationships: [string, string, string, string][];
  /** Statements: [id, speaker, the words]. */
  statements?: [string, string, string][];
}

/** A small valid document built from a text, with every span computed from it. */
export function draftDocument({ source, text, entities, relationships, statements = [] }: Draft): ValidatedDocument {
  const at = (quote: string) => {
    const start = text.indexOf(quote);
    if (start < 0) throw new Error(`"${quote}" is not in the text`);
    return { source, start, end: start + quote.length, quote };
  };
  const json = {
    formatVersion: 1,
    source: { id: source, title: source, file: `${source}.txt`, publisher: null, url: null, publishedDate: null, language: 'en' },
    entities: entities.map(([id, name, description]) => ({
      id,
      kind: 'Country',
      name,
      aliases: [],
      description: description ?? `${name} (test fixture).`,
      background: [],
      mentions: [at(name)],
    })),
    relationships: relationships.map(([id, from, to, words]) => ({
      id,
      type: 'ALLIED_WITH',
      from,
      to,
      role: null,
      basis: 'STATED',
      claimId: null,
      since: null,
      note: null,
      evidence: [at(words)],
    })),
    statements: statements.map(([id, speaker, words]) => ({
      id,
      speakers: [speaker],
      via: null,
      cites: [],
      citesText: null,
      about: [],
      summary: words,
      quote: null,
      date: null,
      evidence: [at(words)],
      stances: [],
    })),
    claims: [],
  };
  return validateDocument(`${source}.json`, json, text);
}
