import { describe, expect, it } from 'vitest';
import { seedJsonSchema } from '../../src/seed/format.js';
import { SeedValidationError, validateDocument, validateReferences } from '../../src/seed/validate.js';
import { referenceDocument } from '../helpers/graph.js';
import { readFileSync } from 'node:fs';

function rejection(mutate: (doc: ReturnType<typeof referenceDocument>['document']) => void): SeedValidationError {
  const { document, text } = referenceDocument();
  mutate(document);
  try {
    validateReferences([validateDocument('article-001.json', document, text)]);
  } catch (error) {
    if (error instanceof SeedValidationError) return error;
    throw error;
  }
  throw new Error('document was accepted');
}

describe('seed document validation', () => {
  it('accepts the checked-in article, every span matching the text', () => {
    const { document, text } = referenceDocument();
    expect(() => validateReferences([validateDocument('article-001.json', document, text)])).not.toThrow();
  });

  it('names the JSON path of a quote that differs from the text', () => {
    const error = rejection((doc) => {
      const span = doc.statements[2]?.evidence[0];
      if (span) span.quote = `${span.quote}!`;
    });
    expect(error.jsonPath).toBe('$.statements[2].evidence[0].quote');
    expect(error.message).toContain('differs from text.slice(');
  });

  it('names the JSON path of a span past the end of the text', () => {
    const error = rejection((doc) => {
      const mention = doc.entities[0]?.mentions[0];
      if (mention) mention.end = 99_999;
    });
    expect(error.jsonPath).toBe('$.entities[0].mentions[0].end');
  });

  it('names the JSON path of a bad enum value', () => {
    const error = rejection((doc) => {
      (doc.statements[0]?.stances[0] as { stance: string }).stance = 'MAYBE';
    });
    expect(error.jsonPath).toBe('$.statements[0].stances[0].stance');
  });

  it('names the JSON path of a reference to an unknown entity or claim', () => {
    expect(rejection((doc) => doc.statements[1]?.speakers.push('nobody')).jsonPath).toBe('$.statements[1].speakers[1]');
    expect(
      rejection((doc) => {
        const stance = doc.statements[0]?.stances[0];
        if (stance) stance.claim = 'no-such-claim';
      }).jsonPath,
    ).toBe('$.statements[0].stances[0].claim');
  });

  it('rejects duplicate ids and a date that claims a stated year it lacks', () => {
    expect(
      rejection((doc) => {
        const [first, second] = doc.claims;
        if (first && second) second.id = first.id;
      }).message,
    ).toContain('is used twice');
    const error = rejection((doc) => {
      const date = doc.statements[0]?.date;
      if (date) date.precision = 'DAY';
    });
    expect(error.jsonPath).toBe('$.statements[0].date.year');
  });

  it('ships a JSON Schema that matches the zod format', () => {
    const shipped: unknown = JSON.parse(readFileSync('seed-data/document.schema.json', 'utf8'));
    expect(shipped).toEqual(seedJsonSchema());
  });
});
