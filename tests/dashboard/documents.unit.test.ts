import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as aggregates from '../../dashboard/src/aggregates.js';
import * as documents from '../../dashboard/src/documents.js';

// The dashboard's operations are plain strings: checked here against the published contract, so a
// schema change that would break the dashboard fails a unit test rather than a page in a browser.
const published = buildSchema(readFileSync('schema/schema.graphql', 'utf8'));
const operations = Object.entries<unknown>({ ...documents, ...aggregates }).filter(
  (entry): entry is [string, string] => typeof entry[1] === 'string',
);

describe('the dashboard’s GraphQL documents', () => {
  it('are all found (one per view and then some)', () => {
    expect(operations.map(([name]) => name).sort()).toEqual(
      [
        'CLAIMS',
        'CLAIM_KEYS',
        'ENTITY_PAGE',
        'NEIGHBOURHOOD',
        'OVERVIEW',
        'PATHS',
        'RESOLVE',
        'SEARCH',
        'SOURCE_TEXTS',
        'STATEMENT_ADDED',
        'TIMELINE',
      ].sort(),
    );
  });

  it.each(operations)('%s is valid against schema/schema.graphql', (_name, document) => {
    expect(validate(published, parse(document)).map((error) => error.message)).toEqual([]);
  });
});
