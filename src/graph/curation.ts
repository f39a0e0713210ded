// Analysts' corrections: create or update an entity, link two entities with evidence, retract a fact.
// Each is one write transaction, idempotent under retries (MERGE on stable ids), and records who and when.
import {
  ENTITY_KINDS,
  RELATIONSHIP_TYPES,
  type DateSpec,
  type EntityKind,
  type Evidence,
  type Origin,
  type RelationshipBasis,
  type RelationshipType,
  type Stance,
} from '../seed/format.js';
import { ENTITY_DERIVED, STATEMENT_DERIVED } from './derived.js';
import { dateProperties } from './seed.js';
import {
  countTopicsAndMeasures,
  evidenceId,
  linkContradictions,
  linkQuantityConflicts,
  writeClaims,
  type ClaimKeys,
} from './fact-writes.js';
import { GraphFailure } from './errors.js';
import type { ManagedTransaction } from 'neo4j-driver';
import { int, type GraphExecutor } from './executor.js';
import { ENTITY_MAP } from './projections.js';
import { entityRecordFrom, type EntityRecord } from './records.js';
import { membershipStarts } from './affiliations.js';
import { mergeTouched, readTouched, recountTallies } from './tallies.js';

/** Writes spans cut from stored sources (one query), marked as cited by a curated fact, so a re-load of the source document keeps them. */
async function writeCuratedSpans(executor: GraphExecutor, tx: ManagedTransaction, spans: Evidence[]): Promise<void> {
  await executor.rows(
    tx,
    `UNWIND $spans AS span
     MATCH (s:Source {id: span.source})
     MERGE (ev:Evidence {id: span.id})
     ON CREATE SET ev.sourceId = span.source, ev.start = span.start, ev.end = span.end, ev.quote = span.quote
     SET ev.curated = true
     MERGE (ev)-[:IN_SOURCE]->(s)`,
    { spans: spans.map((span) => ({ ...span, id: evidenceId(span) })) },
  );
}

/** An entity as an analyst writes it. */
export interface EntityDraft {
  id: string;
  kind: EntityKind;
  name: string;
  aliases: { name: string; origin: Origin }[];
  description: string;
}

// Labels and relationship types come from the closed lists of the seed format, never from input.
const UPSERT_ENTITY = Object.fromEntries(
  ENTITY_KINDS.map((kind) => [
    kind,
    `OPTIONAL MATCH (existing:Entity {id: $id})
     WITH existing WHERE existing IS NULL OR existing.kind = $kind
     MERGE (e:Entity {id: $id})
     SET e:${kind}, e.kind = $kind, e.name = $name, e.description = $description, e.aliases = $aliases, e.statedAliases = $statedAliases,
         e.aliasText = reduce(acc = '', a IN $aliases | acc + ' ' + a),
         e.background = coalesce(e.background, []),
         // An analyst's edit: the next document defining the entity merges its definition again.
         e.definitionHash = null,
         e.writtenBy = $writer, e.writtenAt = datetime()
     SET ${ENTITY_DERIVED}
     RETURN ${ENTITY_MAP} AS entity`,
  ]),
) as Record<EntityKind, string>;

/** Creates the entity, or updates its name, aliases and description; refuses to change its kind. */
export async function upsertEntity(executor: GraphExecutor, draft: EntityDraft, writer: string): Promise<EntityRecord> {
  return executor.write(async (tx) => {
    const run = (cypher: string, params: Record<string, unknown>) => executor.rows(tx, cypher, params);
    // An event's date may move: its date tally before and after.
    const before = await readTouched(run, { definedIds: [draft.id] });
    const rows = await executor.rows<{ entity: unknown }>(tx, UPSERT_ENTITY[draft.kind], {
      ...draft,
      aliases: draft.aliases.map((alias) => alias.name),
      statedAliases: draft.aliases.filter((alias) => alias.origin === 'STATED').map((alias) => alias.name),
      writer,
    });
    const row = rows[0];
    if (!row) {
      const [found] = await executor.rows<{ kind: string }>(tx, 'MATCH (e:Entity {id: $id}) RETURN e.kind AS kind', { id: draft.id });
      throw new GraphFailure(
        'BAD_USER_INPUT',
        `"${draft.id}" is already a ${found?.kind ?? 'different kind of entity'}; an entity's kind cannot change`,
        { argumentName: 'kind' },
      );
    }
    await recountTallies(run, mergeTouched(before, await readTouched(run, { definedIds: [draft.id] })));
    return entityRecordFrom(row.entity);
  });
}

/** A relationship as an analyst writes it: its evidence as spans of stored sources. */
export interface LinkDraft {
  id: string;
  type: RelationshipType;
  from: string;
  to: string;
  basis: RelationshipBasis;
  role: string | null;
  note: string | null;
  claimId: string | null;
  evidence: { source: string; start: number; end: number }[];
}

const MERGE_LINK = Object.fromEntries(
  RELATIONSHIP_TYPES.map((type) => [
    type,
    `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
     MERGE (a)-[r:${type} {id: $id}]->(b)
     SET r.basis = $basis, r.role = $role, r.note = $note, r.claimId = $claimId, r.evidenceIds = $evidenceIds,
         r.sourceId = coalesce(r.sourceId, $sourceId), r.curated = true, r.writtenBy = $writer, r.writtenAt = datetime()
     RETURN r.id AS id`,
  ]),
) as Record<RelationshipType, string>;

/**
 * Links two entities. Every evidence span is cut from its stored source text (so its quote is the
 * source's exact words) and, for a STATED link, must mention both ends by name or alias.
 */
export async function linkEntities(executor: GraphExecutor, draft: LinkDraft, writer: string): Promise<{ id: string; quotes: string[] }> {
  return executor.write(async (tx) => {
    const [context] = await executor.rows<{
      ends: { id: string; names: string[] }[];
      sources: { id: string; text: string }[];
      claim: boolean;
    }>(
      tx,
      `RETURN COLLECT { MATCH (e:Entity) WHERE e.id IN [$from, $to] RETURN {id: e.id, names: [e.name] + coalesce(e.statedAliases, [])} } AS ends,
              COLLECT { MATCH (s:Source) WHERE s.id IN $sources RETURN {id: s.id, text: s.text} } AS sources,
              $claimId IS NULL OR EXISTS { MATCH (:Claim {id: $claimId}) } AS claim`,
      { from: draft.from, to: draft.to, sources: draft.evidence.map((span) => span.source), claimId: draft.claimId },
    );
    const ends = new Map((context?.ends ?? []).map((end) => [end.id, end.names]));
    for (const [field, id] of [
      ['from', draft.from],
      ['to', draft.to],
    ] as const) {
      if (!ends.has(id)) throw new GraphFailure('NOT_FOUND', `No entity "${id}"`, { argumentName: field });
    }
    if (!context?.claim) throw new GraphFailure('NOT_FOUND', `No claim "${draft.claimId ?? ''}"`, { argumentName: 'claimId' });
    const texts = new Map(context.sources.map((source) => [source.id, source.text]));
    const spans = draft.evidence.map((span, i) => {
      const text = texts.get(span.source);
      if (text === undefined)
        throw new GraphFailure('NOT_FOUND', `evidence[${i}]: no source "${span.source}"`, { argumentName: 'evidence' });
      if (span.end > text.length)
        throw new GraphFailure('BAD_USER_INPUT', `evidence[${i}]: end ${span.end} is past the end of "${span.source}" (${text.length})`, {
          argumentName: 'evidence',
        });
      const cut = { ...span, quote: text.slice(span.start, span.end) };
      return { ...cut, id: evidenceId(cut) };
    });
    if (draft.basis === 'STATED') {
      const mentions = (names: string[] | undefined, quote: string) =>
        (names ?? []).some((name) => quote.toLowerCase().includes(name.toLowerCase()));
      if (!spans.some((span) => mentions(ends.get(draft.from), span.quote) && mentions(ends.get(draft.to), span.quote))) {
        throw new GraphFailure(
          'BAD_USER_INPUT',
          `a STATED link needs an evidence span that names both "${draft.from}" and "${draft.to}"; otherwise mark it BACKGROUND`,
          { argumentName: 'evidence' },
        );
      }
    }
    await writeCuratedSpans(executor, tx, spans);
    await executor.rows(tx, MERGE_LINK[draft.type], {
      ...draft,
      evidenceIds: spans.map((span) => span.id),
      sourceId: spans[0]?.source ?? null,
      writer,
    });
    const run = (cypher: string, params: Record<string, unknown>) => executor.rows(tx, cypher, params);
    await recountTallies(run, await readTouched(run, { entityIds: [draft.from, draft.to], structureIds: membershipStarts([draft]) }));
    return { id: draft.id, quotes: spans.map((span) => span.quote) };
  });
}

/** What can be retracted. */
export type RetractableKind = 'STATEMENT' | 'CLAIM' | 'RELATIONSHIP';

/** A retraction: kept in the graph, listed by `retractions`, and the fact hidden from every other query. */
export interface RetractionRecord {
  kind: RetractableKind;
  id: string;
  reason: string;
  retractedBy: string;
  retractedAt: string;
  /** What the fact said: a statement's summary, a claim's proposition, or a relationship's type and ends. */
  description: string;
  /** For a claim retracted by this call, the entities it was about (for the claimChanged event). */
  aboutIds?: string[];
}

// A retracted statement or claim loses its label (so no query that names the label sees it) and gains
// a Retracted one; a retracted relationship becomes a RETRACTED relationship that keeps its type as a
// property. Nothing is deleted.
const RETRACT: Record<RetractableKind, string> = {
  STATEMENT: `MATCH (n:Statement {id: $id})
    REMOVE n:Statement SET n:RetractedStatement, n.retracted = true
    RETURN n.summary AS description`,
  CLAIM: `MATCH (n:Claim {id: $id})
    REMOVE n:Claim SET n:RetractedClaim, n.retracted = true
    WITH n
    OPTIONAL MATCH (t:Topic {id: n.topic}) SET t.claimCount = t.claimCount - 1
    WITH n
    OPTIONAL MATCH (m:Measure {id: n.measure}) SET m.claimCount = m.claimCount - 1
    RETURN n.proposition AS description, COLLECT { MATCH (n)-[:ABOUT]->(e:Entity) RETURN e.id } AS aboutIds`,
  // One branch per type, so each seeks its relationship id index (an untyped pattern scans every relationship).
  RELATIONSHIP: `CALL () {
      ${RELATIONSHIP_TYPES.map((type) => `MATCH ()-[r:${type} {id: $id}]->() RETURN r`).join(' UNION ')}
    }
    WITH r LIMIT 1
    WITH r, startNode(r) AS a, endNode(r) AS b
    CREATE (a)-[k:RETRACTED]->(b)
    SET k = properties(r), k.type = type(r)
    WITH r, k, a, b DELETE r
    RETURN k.type + ' ' + a.id + ' -> ' + b.id AS description, [a.id, b.id] AS endIds, {type: k.type, from: a.id} AS link`,
};

/** Retracts a statement, claim or relationship with a reason; retracting it again returns the first retraction. */
export async function retract(
  executor: GraphExecutor,
  kind: RetractableKind,
  id: string,
  reason: string,
  writer: string,
): Promise<RetractionRecord> {
  return executor.write(async (tx) => {
    const key = `${kind}:${id}`;
    const [done] = await executor.rows<{ retraction: RetractionRecord }>(
      tx,
      `MATCH (x:Retraction {id: $key}) RETURN x {.kind, id: x.factId, .reason, .retractedBy, retractedAt: toString(x.retractedAt), .description} AS retraction`,
      { key },
    );
    if (done) return done.retraction;
    const run = (cypher: string, params: Record<string, unknown>) => executor.rows(tx, cypher, params);
    const before = await readTouched(run, kind === 'STATEMENT' ? { statementIds: [id] } : kind === 'CLAIM' ? { claimIds: [id] } : {});
    const [fact] = await executor.rows<{
      description: string;
      aboutIds?: string[];
      endIds?: string[];
      link?: { type: string; from: string };
    }>(tx, RETRACT[kind], { id });
    if (!fact) throw new GraphFailure('NOT_FOUND', `No ${kind.toLowerCase()} "${id}" to retract`, { argumentName: 'id' });
    const structureIds = membershipStarts(fact.link ? [fact.link] : []);
    await recountTallies(run, mergeTouched(before, await readTouched(run, { entityIds: fact.endIds ?? [], structureIds })));
    const [row] = await executor.rows<{ retraction: RetractionRecord }>(
      tx,
      `CREATE (x:Retraction {id: $key, kind: $kind, factId: $id, reason: $reason, retractedBy: $writer, retractedAt: datetime(), description: $description})
       RETURN x {.kind, id: x.factId, .reason, .retractedBy, retractedAt: toString(x.retractedAt), .description} AS retraction`,
      { key, kind, id, reason, writer, description: fact.description },
    );
    if (!row) throw new Error('the retraction was not written');
    return { ...row.retraction, aboutIds: fact.aboutIds ?? [] };
  });
}

/** Retractions, newest first, at most `first`. */
export async function listRetractions(executor: GraphExecutor, first: number): Promise<RetractionRecord[]> {
  const rows = await executor.readRows<{ retraction: RetractionRecord }>(
    `MATCH (x:Retraction) WITH x ORDER BY x.retractedAt DESC, x.id LIMIT $first
     RETURN x {.kind, id: x.factId, .reason, .retractedBy, retractedAt: toString(x.retractedAt), .description} AS retraction`,
    { first: int(first) },
  );
  return rows.map((row) => row.retraction);
}

/** A span of a stored source, by offsets. */
export interface SpanDraft {
  source: string;
  start: number;
  end: number;
}

/** A claim an analyst adds with a statement: what it asserts, about whom, its quantity, and the words that make it. */
export interface ClaimDraft {
  id: string;
  proposition: string;
  topic: string;
  about: string[];
  quantity: { measure: string; value: number; unit: string; approximate: boolean; qualifiers: string[] } | null;
  evidence: SpanDraft[];
  contradicts: { claim: string; reason: string }[];
}

/** A statement as an analyst adds it to a stored source: who, what, when, its evidence, new claims, and its stances on claims. */
export interface StatementDraft {
  id: string;
  source: string;
  speakers: string[];
  via: string | null;
  about: string[];
  cites: string[];
  summary: string;
  quote: SpanDraft | null;
  date: { year: number | null; month: number | null; day: number | null; evidence: SpanDraft } | null;
  evidence: SpanDraft[];
  /** Claims this statement makes (written with it); its stances may name them. */
  claims: ClaimDraft[];
  stances: { claim: string; stance: Stance; evidence: SpanDraft[] }[];
}

/** Precision of a date from the parts given: what the source states. */
function precisionOf(date: { year: number | null; month: number | null; day: number | null }): DateSpec['precision'] {
  if (date.month !== null && date.day !== null) return date.year !== null ? 'DAY' : 'MONTH_DAY';
  return date.month !== null ? 'MONTH' : 'YEAR';
}

/** A claim id that is new to this call or already stored, and what is stored under it. */
interface StoredClaim {
  id: string;
  curated: boolean;
  retracted: boolean;
  topic: string;
  measure: string | null;
  unit: string | null;
}

/**
 * Adds (or, with the same id, replaces) a statement of a stored source in one transaction, with
 * the claims it makes: every span is cut from the source's text; every speaker, subject, outlet and
 * claim it names must exist or be new in this call.
 */
export async function addStatement(
  executor: GraphExecutor,
  draft: StatementDraft,
  writer: string,
): Promise<{ id: string; claims: { id: string; aboutIds: string[] }[] }> {
  return executor.write(async (tx) => {
    const run = (cypher: string, params: Record<string, unknown>) =>
      executor.rows(tx, cypher, { sourceId: draft.source, writer, ...params });
    const newClaimIds = new Set(draft.claims.map((claim) => claim.id));
    const entityIds = [
      ...new Set([
        ...draft.speakers,
        ...draft.about,
        ...draft.cites,
        ...(draft.via ? [draft.via] : []),
        ...draft.claims.flatMap((claim) => claim.about),
      ]),
    ];
    const claimIds = [
      ...new Set([
        ...draft.stances.map((stance) => stance.claim),
        ...draft.claims.flatMap((claim) => claim.contradicts.map((other) => other.claim)),
      ]),
    ].filter((id) => !newClaimIds.has(id));
    const [context] = await executor.rows<{
      text: string | null;
      missingEntities: string[];
      missingClaims: string[];
      claims: { id: string; aboutIds: string[] }[];
      stored: StoredClaim[];
    }>(
      tx,
      `OPTIONAL MATCH (s:Source {id: $source})
       RETURN s.text AS text,
              COLLECT { UNWIND $claimIds AS id MATCH (c:Claim {id: id}) RETURN {id: id, aboutIds: COLLECT { MATCH (c)-[:ABOUT]->(e:Entity) RETURN e.id }} } AS claims,
              COLLECT { UNWIND $entityIds AS id WITH id WHERE NOT EXISTS { MATCH (:Entity {id: id}) } RETURN id } AS missingEntities,
              COLLECT { UNWIND $claimIds AS id WITH id WHERE NOT EXISTS { MATCH (:Claim {id: id}) } RETURN id } AS missingClaims,
              COLLECT { UNWIND $newClaimIds AS id MATCH (c:Claim|RetractedClaim {id: id})
                        RETURN {id: id, curated: c.curated IS NOT NULL, retracted: c:RetractedClaim, topic: c.topic, measure: c.measure, unit: c.unit} } AS stored`,
      { source: draft.source, entityIds, claimIds, newClaimIds: [...newClaimIds] },
    );
    const text = context?.text ?? null;
    if (text === null) throw new GraphFailure('NOT_FOUND', `No source "${draft.source}"`, { argumentName: 'source' });
    if (context?.missingEntities.length)
      throw new GraphFailure('NOT_FOUND', `No entity ${context.missingEntities.map((id) => `"${id}"`).join(', ')}`, {
        argumentName: 'speakers',
      });
    if (context?.missingClaims.length)
      throw new GraphFailure('NOT_FOUND', `No claim ${context.missingClaims.map((id) => `"${id}"`).join(', ')}`, {
        argumentName: 'stances',
      });
    // A new claim may replace what an earlier call (a retry) wrote, never a document's claim or a retracted one.
    for (const stored of context?.stored ?? []) {
      if (stored.retracted)
        throw new GraphFailure('BAD_USER_INPUT', `claim "${stored.id}" was retracted; give the new claim another id`, {
          argumentName: 'claims',
        });
      if (!stored.curated)
        throw new GraphFailure(
          'BAD_USER_INPUT',
          `claim "${stored.id}" already exists (from a source document); take a stance on it instead`,
          { argumentName: 'claims' },
        );
    }
    const cut = (span: SpanDraft, field: string): Evidence => {
      if (span.source !== draft.source)
        throw new GraphFailure('BAD_USER_INPUT', `${field}: spans must be in the statement's source "${draft.source}"`, {
          argumentName: field,
        });
      if (span.end > text.length)
        throw new GraphFailure('BAD_USER_INPUT', `${field}: end ${span.end} is past the end of "${draft.source}" (${text.length})`, {
          argumentName: field,
        });
      return { ...span, quote: text.slice(span.start, span.end) };
    };
    const evidence = draft.evidence.map((span) => cut(span, 'evidence'));
    const quote = draft.quote ? cut(draft.quote, 'quote') : null;
    const stances = draft.stances.map((stance) => ({ ...stance, spans: stance.evidence.map((span) => cut(span, 'stances')) }));
    const claims = draft.claims.map((claim) => ({ ...claim, evidence: claim.evidence.map((span) => cut(span, 'claims')) }));
    const date: DateSpec | null = draft.date
      ? {
          text: cut(draft.date.evidence, 'date').quote,
          year: draft.date.year,
          month: draft.date.month,
          day: draft.date.day,
          precision: precisionOf(draft.date),
          inferredYear: null,
          inferredYearBasis: null,
          inferred: false,
          inferenceBasis: null,
          evidence: [cut(draft.date.evidence, 'date')],
        }
      : null;
    const spans = [
      ...evidence,
      ...(quote ? [quote] : []),
      ...stances.flatMap((stance) => stance.spans),
      ...(date ? date.evidence : []),
      ...claims.flatMap((claim) => claim.evidence),
    ];
    // What an earlier call with this id (a retry, or a replacement) counted towards.
    const before = await readTouched(run, { statementIds: [draft.id] });
    await writeCuratedSpans(executor, tx, spans);
    const replaced: ClaimKeys = context?.stored ?? [];
    // A claim written again (a retry) is rewritten from the input, its links included (see writeClaims).
    await writeClaims(run, claims, () => null, true);
    await executor.rows(
      tx,
      `MERGE (st:Statement {id: $id})
       WITH st
       // The statement as given replaces what an earlier call with this id wrote.
       CALL (st) { OPTIONAL MATCH (st)-[r:ABOUT|VIA|CITES|TAKES_STANCE|EVIDENCED_BY|REPORTED_IN]->() DELETE r }
       CALL (st) { OPTIONAL MATCH (st)<-[r:SAID]-() DELETE r }
       SET st += $props, st.sourceId = $source, st.curated = true, st.writtenBy = $writer, st.writtenAt = datetime()
       SET ${STATEMENT_DERIVED}
       WITH st
       MATCH (s:Source {id: $source}) MERGE (st)-[:REPORTED_IN]->(s)
       WITH st
       CALL (st) { UNWIND $speakers AS id MATCH (e:Entity {id: id}) MERGE (e)-[:SAID]->(st) }
       CALL (st) { UNWIND $about AS id MATCH (e:Entity {id: id}) MERGE (st)-[:ABOUT]->(e) }
       CALL (st) { UNWIND $cites AS id MATCH (e:Entity {id: id}) MERGE (st)-[:CITES]->(e) }
       CALL (st) { UNWIND $via AS id MATCH (e:Entity {id: id}) MERGE (st)-[:VIA]->(e) }
       CALL (st) { UNWIND $evidence AS id MATCH (ev:Evidence {id: id}) MERGE (st)-[:EVIDENCED_BY]->(ev) }
       CALL (st) { UNWIND $stances AS stance MATCH (c:Claim {id: stance.claim}) MERGE (st)-[r:TAKES_STANCE {stance: stance.stance}]->(c) SET r.evidenceIds = stance.evidenceIds, r.sourceId = $source }`,
      {
        id: draft.id,
        source: draft.source,
        writer,
        speakers: draft.speakers,
        about: draft.about,
        cites: draft.cites,
        via: draft.via ? [draft.via] : [],
        evidence: evidence.map(evidenceId),
        stances: stances.map((stance) => ({ claim: stance.claim, stance: stance.stance, evidenceIds: stance.spans.map(evidenceId) })),
        props: {
          summary: draft.summary,
          quote: quote?.quote ?? null,
          quoteEvidenceId: quote ? evidenceId(quote) : null,
          citesText: null,
          ...dateProperties('date', date),
        },
      },
    );
    await linkQuantityConflicts(run, [...newClaimIds]);
    await linkContradictions(
      run,
      claims.flatMap((claim) => claim.contradicts.map((other) => ({ from: claim.id, to: other.claim, reason: other.reason }))),
    );
    await countTopicsAndMeasures(run, replaced, claims);
    const after = await readTouched(run, { statementIds: [draft.id], claimIds: [...newClaimIds] });
    await recountTallies(run, mergeTouched(before, after));
    return { id: draft.id, claims: [...(context?.claims ?? []), ...claims.map((claim) => ({ id: claim.id, aboutIds: claim.about }))] };
  });
}
