import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';
import { seedDocumentSchema, type Evidence, type SeedDocument, type SeedEntity } from './format.js';

/** A seed file that cannot be loaded; `jsonPath` points at the offending value. */
export class SeedValidationError extends Error {
  override readonly name = 'SeedValidationError';
  constructor(
    readonly file: string,
    readonly jsonPath: string,
    readonly problem: string,
  ) {
    super(`${file}: ${jsonPath}: ${problem}`);
  }
}

/** A validated document with the text its evidence points into. */
export interface ValidatedDocument {
  file: string;
  document: SeedDocument;
  text: string;
}

/** Renders a zod path as a JSON path: $.statements[3].evidence[0].quote */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`), '$');
}

function firstIssue(error: z.ZodError): { path: string; message: string } {
  const issue = error.issues[0];
  return { path: jsonPath(issue?.path ?? []), message: issue?.message ?? 'invalid' };
}

/** Visits every evidence span in a document with its JSON path. */
export function* evidenceSpans(document: SeedDocument): Generator<[string, Evidence]> {
  const dated = function* (path: string, date: SeedDocument['source']['publishedDate'] | undefined) {
    if (date) for (const [i, span] of date.evidence.entries()) yield [`${path}.evidence[${i}]`, span] as [string, Evidence];
  };
  yield* dated('$.source.publishedDate', document.source.publishedDate);
  for (const [e, entity] of document.entities.entries()) {
    for (const [i, span] of entity.mentions.entries()) yield [`$.entities[${e}].mentions[${i}]`, span];
    yield* dated(`$.entities[${e}].date`, entity.date);
  }
  for (const [r, rel] of document.relationships.entries()) {
    for (const [i, span] of rel.evidence.entries()) yield [`$.relationships[${r}].evidence[${i}]`, span];
    yield* dated(`$.relationships[${r}].since`, rel.since);
  }
  for (const [s, statement] of document.statements.entries()) {
    for (const [i, span] of statement.evidence.entries()) yield [`$.statements[${s}].evidence[${i}]`, span];
    if (statement.quote) yield [`$.statements[${s}].quote`, statement.quote];
    yield* dated(`$.statements[${s}].date`, statement.date);
    for (const [t, stance] of statement.stances.entries()) {
      for (const [i, span] of stance.evidence.entries()) yield [`$.statements[${s}].stances[${t}].evidence[${i}]`, span];
    }
  }
  for (const [c, claim] of document.claims.entries()) {
    for (const [i, span] of claim.evidence.entries()) yield [`$.claims[${c}].evidence[${i}]`, span];
  }
}

/** Validates one document's shape and every span against its source text. */
export function validateDocument(file: string, json: unknown, text: string): ValidatedDocument {
  const parsed = seedDocumentSchema.safeParse(json);
  if (!parsed.success) {
    const { path, message } = firstIssue(parsed.error);
    throw new SeedValidationError(file, path, message);
  }
  const document = parsed.data;
  for (const [path, span] of evidenceSpans(document)) {
    if (span.source !== document.source.id) {
      throw new SeedValidationError(file, `${path}.source`, `must be this document's source "${document.source.id}"`);
    }
    if (span.end > text.length) {
      throw new SeedValidationError(file, `${path}.end`, `${span.end} is past the end of the text (${text.length})`);
    }
    const actual = text.slice(span.start, span.end);
    if (actual !== span.quote) {
      throw new SeedValidationError(
        file,
        `${path}.quote`,
        `differs from text.slice(${span.start}, ${span.end}) = ${JSON.stringify(actual)}`,
      );
    }
  }
  const lowerText = text.toLowerCase();
  for (const [e, entity] of document.entities.entries()) {
    for (const [a, alias] of entity.aliases.entries()) {
      if (alias.basis === 'STATED' && !lowerText.includes(alias.name.toLowerCase())) {
        throw new SeedValidationError(
          file,
          `$.entities[${e}].aliases[${a}].basis`,
          `alias ${JSON.stringify(alias.name)} does not occur in the source: mark it BACKGROUND`,
        );
      }
    }
  }
  return { file, document, text };
}

/** True when `span` mentions `entity`: one of its mentions overlaps the span, or the span's words contain its name or a stated alias. */
function spanMentions(span: Evidence, entity: SeedEntity): boolean {
  if (entity.mentions.some((mention) => mention.source === span.source && mention.start < span.end && mention.end > span.start))
    return true;
  const words = span.quote.toLowerCase();
  return [entity.name, ...entity.aliases.filter((alias) => alias.basis === 'STATED').map((alias) => alias.name)].some((name) =>
    words.includes(name.toLowerCase()),
  );
}

/**
 * Rules that catch classes of over-reading across the documents loaded together: a STATED
 * relationship must cite words that mention both of its ends (otherwise it is BACKGROUND, or its
 * span is wrong), and a contradiction links two different claims on the same topic.
 */
export function validateFidelity(documents: ValidatedDocument[], storedClaims: ReadonlyMap<string, string> | null): void {
  const entities = new Map<string, SeedEntity>();
  const topics = new Map<string, string>(storedClaims ?? []);
  for (const { document } of documents) {
    for (const entity of document.entities) entities.set(entity.id, entity);
    for (const claim of document.claims) topics.set(claim.id, claim.topic);
  }
  for (const { file, document } of documents) {
    document.relationships.forEach((rel, i) => {
      if (rel.basis !== 'STATED') return;
      const ends = [entities.get(rel.from), entities.get(rel.to)];
      if (ends.some((end) => end === undefined)) return; // reported by validateReferences
      if (!rel.evidence.some((span) => ends.every((end) => end !== undefined && spanMentions(span, end)))) {
        throw new SeedValidationError(
          file,
          `$.relationships[${i}].evidence`,
          `a STATED relationship needs a span that mentions both "${rel.from}" and "${rel.to}"; if the source does not say it, mark it BACKGROUND`,
        );
      }
    });
    document.claims.forEach((claim, i) => {
      claim.contradicts.forEach((other, j) => {
        const path = `$.claims[${i}].contradicts[${j}].claim`;
        if (other.claim === claim.id) throw new SeedValidationError(file, path, 'a claim cannot contradict itself');
        const topic = topics.get(other.claim);
        if (topic === undefined) {
          if (storedClaims === null) return; // checked against the database later
          throw new SeedValidationError(file, path, `unknown claim "${other.claim}"`);
        }
        if (topic !== claim.topic) {
          throw new SeedValidationError(
            file,
            path,
            `"${other.claim}" is on topic "${topic}", not "${claim.topic}": only claims on the same topic can contradict each other`,
          );
        }
      });
    });
  }
}

/** Entities and claims already in the database that documents may refer to without defining them: id -> kind, id -> topic. */
export interface StoredReferences {
  entities: ReadonlyMap<string, string>;
  claims: ReadonlyMap<string, string>;
}

/** Every entity and claim id a document refers to (relationship ends, speakers, outlets, stances, claims' subjects...). */
export function documentReferences(document: SeedDocument): { entities: Set<string>; claims: Set<string> } {
  const entities = new Set<string>();
  const claims = new Set<string>();
  for (const rel of document.relationships) {
    entities.add(rel.from).add(rel.to);
    if (rel.claimId !== null) claims.add(rel.claimId);
  }
  for (const statement of document.statements) {
    for (const id of [...statement.speakers, ...statement.cites, ...statement.about, ...(statement.via === null ? [] : [statement.via])])
      entities.add(id);
    for (const stance of statement.stances) claims.add(stance.claim);
  }
  for (const claim of document.claims) {
    for (const id of claim.about) entities.add(id);
    for (const other of claim.contradicts) claims.add(other.claim);
  }
  return { entities, claims };
}

/** Entity and claim ids the documents refer to but none of them defines (to be looked up in the database). */
export function externalReferences(documents: ValidatedDocument[]): { entities: string[]; claims: string[] } {
  const definedEntities = new Set(documents.flatMap(({ document }) => document.entities.map((entity) => entity.id)));
  const definedClaims = new Set(documents.flatMap(({ document }) => document.claims.map((claim) => claim.id)));
  const referenced = documents.map(({ document }) => documentReferences(document));
  return {
    entities: [...new Set(referenced.flatMap((refs) => [...refs.entities]))].filter((id) => !definedEntities.has(id)),
    claims: [...new Set(referenced.flatMap((refs) => [...refs.claims]))].filter((id) => !definedClaims.has(id)),
  };
}

/**
 * Checks ids are unique, every reference resolves (to a document loaded together or to what is
 * stored), and the fidelity rules hold. `stored: 'deferred'` lets references outside the documents
 * pass, for a check before the database is reachable; the loader checks them again against it.
 */
export function validateReferences(
  documents: ValidatedDocument[],
  stored: StoredReferences | 'deferred' = { entities: new Map(), claims: new Map() },
): void {
  const entityKinds = new Map<string, string>(stored === 'deferred' ? [] : stored.entities);
  const claims = new Set<string>(stored === 'deferred' ? [] : stored.claims.keys());
  const deferred = stored === 'deferred';
  for (const { file, document } of documents) {
    for (const [i, entity] of document.entities.entries()) {
      const known = entityKinds.get(entity.id);
      if (known !== undefined && known !== entity.kind) {
        throw new SeedValidationError(file, `$.entities[${i}].kind`, `"${entity.id}" is a ${known} elsewhere`);
      }
      entityKinds.set(entity.id, entity.kind);
    }
    for (const claim of document.claims) claims.add(claim.id);
  }
  const sources = new Set<string>();
  for (const { file, document } of documents) {
    if (sources.has(document.source.id))
      throw new SeedValidationError(file, '$.source.id', `source "${document.source.id}" is loaded twice`);
    sources.add(document.source.id);
    const seen = new Set<string>();
    const unique = (id: string, path: string) => {
      if (seen.has(id)) throw new SeedValidationError(file, path, `id "${id}" is used twice in this document`);
      seen.add(id);
    };
    const entity = (id: string, path: string) => {
      if (!deferred && !entityKinds.has(id))
        throw new SeedValidationError(file, path, `unknown entity "${id}" (not in these documents nor in the database)`);
    };
    const claim = (id: string, path: string) => {
      if (!deferred && !claims.has(id))
        throw new SeedValidationError(file, path, `unknown claim "${id}" (not in these documents nor in the database)`);
    };
    document.entities.forEach((e, i) => unique(e.id, `$.entities[${i}].id`));
    document.relationships.forEach((r, i) => unique(r.id, `$.relationships[${i}].id`));
    document.statements.forEach((s, i) => unique(s.id, `$.statements[${i}].id`));
    document.claims.forEach((c, i) => unique(c.id, `$.claims[${i}].id`));
    document.relationships.forEach((r, i) => {
      entity(r.from, `$.relationships[${i}].from`);
      entity(r.to, `$.relationships[${i}].to`);
      if (r.claimId !== null) claim(r.claimId, `$.relationships[${i}].claimId`);
    });
    document.statements.forEach((s, i) => {
      s.speakers.forEach((id, j) => entity(id, `$.statements[${i}].speakers[${j}]`));
      if (s.via !== null) entity(s.via, `$.statements[${i}].via`);
      s.cites.forEach((id, j) => entity(id, `$.statements[${i}].cites[${j}]`));
      s.about.forEach((id, j) => entity(id, `$.statements[${i}].about[${j}]`));
      s.stances.forEach((t, j) => claim(t.claim, `$.statements[${i}].stances[${j}].claim`));
    });
    document.claims.forEach((c, i) => c.about.forEach((id, j) => entity(id, `$.claims[${i}].about[${j}]`)));
  }
  validateFidelity(documents, stored === 'deferred' ? null : stored.claims);
}

/** Reads and validates one seed file and the source text it names (next to it). */
export async function readSeedFile(path: string): Promise<ValidatedDocument> {
  const file = basename(path);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new SeedValidationError(file, '$', `is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const sourceFile = (json as { source?: { file?: unknown } } | null)?.source?.file;
  if (typeof sourceFile !== 'string' || !/^[\w.-]+\.txt$/.test(sourceFile)) {
    return validateDocument(file, json, ''); // reports the bad source.file path
  }
  let text: string;
  try {
    text = await readFile(join(dirname(path), sourceFile), 'utf8');
  } catch {
    throw new SeedValidationError(file, '$.source.file', `cannot read "${sourceFile}" next to the document`);
  }
  return validateDocument(file, json, text);
}

/** Reads and validates every *.json document in a folder (JSON Schema files excluded), all or nothing. */
export async function readSeedDirectory(dir: string): Promise<ValidatedDocument[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json') && !name.endsWith('.schema.json')).sort();
  const documents = await Promise.all(names.map((name) => readSeedFile(join(dir, name))));
  validateReferences(documents, 'deferred');
  return documents;
}
