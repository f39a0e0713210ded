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

  it('refuses a STATED relationship whose words do not mention both ends (the KCNA case), and accepts it as BACKGROUND', () => {
    const mutate = (basis: 'STATED' | 'BACKGROUND') => (doc: ReturnType<typeof referenceDocument>['document']) => {
      const kcna = doc.relationships.find((rel) => rel.id === 'a001-rel-kcna-part-of-nk');
      if (!kcna) throw new Error('fixture changed');
      kcna.basis = basis;
    };
    const index = referenceDocument().document.relationships.findIndex((rel) => rel.id === 'a001-rel-kcna-part-of-nk');
    const error = rejection(mutate('STATED'));
    expect(error.jsonPath).toBe(`$.relationships[${index}].evidence`);
    expect(error.problem).toBe(
      'a STATED relationship needs a span that mentions both "kcna" and "north-korea"; if the source does not say it, mark it BACKGROUND',
    );
    const { document, text } = referenceDocument();
    mutate('BACKGROUND')(document);
    expect(() => validateReferences([validateDocument('article-001.json', document, text)])).not.toThrow();
  });

  it('refuses an alias marked STATED that the source never uses', () => {
    const error = rejection((doc) => {
      const alias = doc.entities[0]?.aliases.find((candidate) => candidate.name === 'DPRK');
      if (alias) alias.basis = 'STATED';
    });
    expect(error.jsonPath).toMatch(/^\$\.entities\[0\]\.aliases\[\d\]\.basis$/);
    expect(error.problem).toBe('alias "DPRK" does not occur in the source: mark it BACKGROUND');
  });

  it('checks declared contradictions: a known claim, not itself, on the same topic', () => {
    const declare = (claim: string) => (doc: ReturnType<typeof referenceDocument>['document']) => {
      // The checked-in JSON leaves out empty lists that have a default.
      const first = doc.claims[0];
      if (first) first.contradicts = [...((first.contradicts as typeof first.contradicts | undefined) ?? []), { claim, reason: 'test' }];
    };
    const { document } = referenceDocument();
    const first = document.claims[0];
    const otherTopic = document.claims.find((claim) => claim.topic !== first?.topic);
    expect(rejection(declare('no-such-claim')).problem).toBe('unknown claim "no-such-claim"');
    expect(rejection(declare(first?.id ?? '')).problem).toBe('a claim cannot contradict itself');
    expect(rejection(declare(otherTopic?.id ?? '')).problem).toContain('only claims on the same topic can contradict each other');
    expect(rejection(declare(otherTopic?.id ?? '')).jsonPath).toBe('$.claims[0].contradicts[0].claim');
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
