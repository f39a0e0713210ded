import { describe, expect, it } from 'vitest';
import { generateCorpus, probesFor, type CorpusSize } from '../../bench/generate.js';
import { ENTITY_KINDS, RELATIONSHIP_TYPES, type SeedDocument } from '../../src/seed/format.js';
import { validateDocument, validateReferences, type ValidatedDocument } from '../../src/seed/validate.js';
import { referenceDocument } from '../helpers/graph.js';

const TINY: CorpusSize = { name: 'tiny', entities: 300, relationships: 3_000, documents: 3 };

function corpus(seed?: number): { document: SeedDocument; text: string }[] {
  return [...generateCorpus(TINY, seed)];
}

const documents = corpus();
const probes = probesFor(TINY);
const relationships = documents.flatMap(({ document }) => document.relationships);

/** Shortest number of hops between two entities over all relationships, either direction. */
function distance(from: string, to: string): number | null {
  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string) => neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
  for (const r of relationships) {
    link(r.from, r.to);
    link(r.to, r.from);
  }
  const hops = new Map([[from, 0]]);
  const queue = [from];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const reached = hops.get(next) ?? 0;
    if (next === to) return reached;
    for (const other of neighbours.get(next) ?? []) {
      if (!hops.has(other)) {
        hops.set(other, reached + 1);
        queue.push(other);
      }
    }
  }
  return null;
}

describe('synthetic corpus generator', () => {
  it('writes documents that pass our validation, each self-contained', () => {
    expect(documents).toHaveLength(TINY.documents);
    const validated: ValidatedDocument[] = documents.map(({ document, text }) => {
      // Through JSON, as the loader would read it from a file.
      const checked = validateDocument(document.source.file, JSON.parse(JSON.stringify(document)), text);
      expect(() => validateReferences([checked])).not.toThrow();
      return checked;
    });
    expect(() => validateReferences(validated)).not.toThrow();
    expect(documents.map(({ document }) => document.source.id)).toEqual(['synth-tiny-0001', 'synth-tiny-0002', 'synth-tiny-0003']);
  });

  it('is deterministic: the same seed gives identical JSON, another seed a different corpus', () => {
    const json = (docs: { document: SeedDocument; text: string }[]) => JSON.stringify(docs);
    expect(json(corpus())).toBe(json(documents));
    expect(json(corpus(7))).not.toBe(json(documents));
    expect(probesFor(TINY, 7)).not.toEqual(probes);
  });

  it('declares each entity with the same kind, name and description everywhere, never clashing with the article', () => {
    const seen = new Map<string, string>();
    for (const { document } of documents) {
      for (const entity of document.entities) {
        const identity = JSON.stringify([entity.kind, entity.name, entity.aliases, entity.description, entity.orgType, entity.eventStatus]);
        expect(seen.get(entity.id) ?? identity, entity.id).toBe(identity);
        seen.set(entity.id, identity);
      }
    }
    const article = new Set(referenceDocument().document.entities.map((entity) => entity.id));
    expect([...seen.keys()].filter((id) => article.has(id))).toEqual([]);
  });

  it('has the requested size and uses every entity kind, relationship type and basis', () => {
    const kinds = new Map(documents.flatMap(({ document }) => document.entities.map((entity) => [entity.id, entity.kind] as const)));
    expect(kinds.size).toBe(TINY.entities);
    expect(relationships).toHaveLength(TINY.relationships);
    expect(new Set(relationships.map((r) => r.id)).size).toBe(TINY.relationships);
    expect(new Set(kinds.values())).toEqual(new Set(ENTITY_KINDS));
    expect(new Set(relationships.map((r) => r.type))).toEqual(new Set(RELATIONSHIP_TYPES));
    expect(new Set(relationships.map((r) => r.basis))).toEqual(new Set(['STATED', 'ALLEGED', 'BACKGROUND']));
    const statements = documents.flatMap(({ document }) => document.statements);
    const claims = documents.flatMap(({ document }) => document.claims);
    expect(statements).toHaveLength(TINY.relationships / 20);
    expect(claims).toHaveLength(TINY.relationships / 20);
  });

  it('respects what each relationship type connects', () => {
    const kinds = new Map(documents.flatMap(({ document }) => document.entities.map((entity) => [entity.id, entity.kind] as const)));
    const allowed: Record<string, [string[], string[]]> = {
      HOLDS_ROLE: [['Person'], ['Organization', 'Country']],
      PART_OF: [['Organization'], ['Organization', 'Country']],
      PARTY_TO: [['Country'], ['Agreement']],
      AT_WAR_WITH: [['Country'], ['Country']],
      ALLIED_WITH: [['Country'], ['Country']],
      SUPPLIES: [['Country'], ['Country']],
      INVOLVED_IN: [['Country'], ['Event']],
      LOCATED_IN: [['Event'], ['Country']],
    };
    for (const r of relationships) {
      const [from, to] = allowed[r.type] ?? [[], []];
      expect(from, `${r.id} from`).toContain(kinds.get(r.from));
      expect(to, `${r.id} to`).toContain(kinds.get(r.to));
      expect(r.role !== null, `${r.id} role`).toBe(r.type === 'HOLDS_ROLE');
    }
  });

  it('plants the probes: hub degree, an ordinary entity, a path, a measure, a search term', () => {
    const degree = (id: string) => relationships.filter((r) => r.from === id || r.to === id).length;
    expect(degree(probes.hubId)).toBe(probes.hubDegree);
    expect(degree(probes.entityId)).toBeGreaterThanOrEqual(5);
    expect(degree(probes.entityId)).toBeLessThanOrEqual(20);

    const hops = distance(probes.pathFrom, probes.pathTo);
    expect(hops).toBeGreaterThanOrEqual(3);
    expect(hops).toBeLessThanOrEqual(5);

    const claims = documents.flatMap(({ document }) => document.claims);
    const measured = claims.filter((claim) => claim.quantity?.measure === probes.measure);
    expect(measured.length).toBeGreaterThanOrEqual(5);
    expect(new Set(measured.map((claim) => claim.quantity?.value)).size).toBe(measured.length);

    const word = new RegExp(`\\b${probes.searchTerm}\\b`, 'i');
    expect(documents.some(({ document }) => document.entities.some((entity) => word.test(entity.name)))).toBe(true);
    expect(documents.some(({ document }) => document.statements.some((statement) => word.test(statement.summary)))).toBe(true);
  });

  it('has many statements by officials affiliated with the affiliation country, dated and taking stances', () => {
    const bodies = new Map<string, Set<string>>();
    for (const r of relationships) {
      if (r.type === 'HOLDS_ROLE' || r.type === 'PART_OF') bodies.set(r.from, (bodies.get(r.from) ?? new Set()).add(r.to));
    }
    // The affiliation filter: the speaker, or what it holds a role in, is PART_OF the country within 3 hops.
    const reaches = (id: string, hops: number): boolean =>
      id === probes.affiliationId || (hops > 0 && [...(bodies.get(id) ?? [])].some((parent) => reaches(parent, hops - 1)));
    const statements = documents.flatMap(({ document }) => document.statements);
    const affiliated = statements.filter((statement) => statement.speakers.some((speaker) => reaches(speaker, 4)));
    expect(affiliated.length).toBeGreaterThanOrEqual(50);
    for (const statement of statements) {
      expect(statement.date?.precision).toMatch(/^(DAY|MONTH_DAY)$/);
      if (statement.date?.precision === 'MONTH_DAY') expect(statement.date.inferredYearBasis).toBeTruthy();
    }
    expect(statements.filter((statement) => statement.stances.length > 0).length).toBeGreaterThan(statements.length * 0.9);
  });
});
