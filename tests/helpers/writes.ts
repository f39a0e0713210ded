import { hashApiKey } from '../../src/http/auth.js';
import { postGraphQL, type RawAnswer } from './http.js';

/** Test API keys and the API_KEYS setting that accepts them. */
export const KEYS = { writer: 'kg_test_writer_key_0123456789', reader: 'kg_test_reader_key_0123456789' };
export const API_KEYS = `test-writer:read+write:${hashApiKey(KEYS.writer)},test-reader:read:${hashApiKey(KEYS.reader)}`;

/** A full date the source states itself (seed format): nothing inferred. */
export function statedDay(text: string, year: number, month: number, day: number, evidence: unknown) {
  return {
    text,
    year,
    month,
    day,
    precision: 'DAY',
    inferredYear: null,
    inferredYearBasis: null,
    inferred: false,
    inferenceBasis: null,
    evidence: [evidence],
  };
}

/** A tiny valid document of its own source, naming one entity of its own and (optionally) one stored entity as speaker. */
export function smallDocument(
  source: string,
  options: { speaker?: string; entityId?: string; statementId?: string } = {},
): { document: Record<string, unknown>; text: string } {
  const entityId = options.entityId ?? `${source}-ministry`;
  const speaker = options.speaker ?? entityId;
  const text = 'The Ministry of Tests said on March 3, 2025 that the trial had ended.';
  const at = (quote: string) => ({ source, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, quote });
  return {
    text,
    document: {
      formatVersion: 1,
      source: { id: source, title: source, file: `${source}.txt`, publisher: null, url: null, publishedDate: null, language: 'en' },
      entities: [
        {
          id: entityId,
          kind: 'Organization',
          orgType: 'MINISTRY',
          name: 'Ministry of Tests',
          aliases: [],
          description: 'A ministry (test fixture).',
          background: [],
          mentions: [at('Ministry of Tests')],
        },
      ],
      relationships: [],
      claims: [],
      statements: [
        {
          id: options.statementId ?? `${source}-stmt`,
          speakers: [speaker],
          via: null,
          cites: [],
          citesText: null,
          about: [entityId],
          summary: 'The ministry said the trial had ended.',
          quote: null,
          date: statedDay('March 3, 2025', 2025, 3, 3, at('March 3, 2025')),
          evidence: [at('The Ministry of Tests said on March 3, 2025 that the trial had ended')],
          stances: [],
        },
      ],
    },
  };
}

/** A seed-format entity with no mentions or background (a test fixture). */
export function fixtureEntity(id: string, kind: string, name: string): Record<string, unknown> {
  return { id, kind, name, aliases: [], description: `${name} (test fixture).`, background: [], mentions: [] };
}

/** A seed-format BACKGROUND relationship without evidence (a test fixture). */
export function backgroundLink(id: string, type: string, from: string, to: string): Record<string, unknown> {
  return { id, type, from, to, role: null, basis: 'BACKGROUND', claimId: null, since: null, note: null, evidence: [] };
}

export const INGEST = `mutation ($input: IngestDocumentInput!) {
  ingestDocument(input: $input) { source { slug } summary { entities statements unchanged } userErrors { path message } }
}`;

/** Sends ingestDocument with an optional bearer credential. */
export function ingest(url: string, doc: { document: Record<string, unknown>; text: string }, credential?: string): Promise<RawAnswer> {
  return postGraphQL(
    url,
    INGEST,
    { input: { document: JSON.stringify(doc.document), text: doc.text } },
    credential ? { authorization: `Bearer ${credential}` } : {},
  );
}
