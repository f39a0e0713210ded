import { createHash } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { GraphFailure } from './errors.js';
import {
  ENTITY_KINDS,
  RELATIONSHIP_TYPES,
  type DateSpec,
  type Evidence,
  type EntityKind,
  type RelationshipType,
  type SeedDocument,
  type SeedEntity,
} from '../seed/format.js';
import type { StoredReferences } from '../seed/validate.js';
import { documentReferences, evidenceSpans } from '../seed/validate.js';
import { clearStale, itemHash, planLoad } from './seed-diff.js';
import {
  countTopicsAndMeasures,
  evidenceId,
  linkContradictions,
  linkEvidence,
  linkQuantityConflicts,
  writeClaims,
  type Run,
} from './fact-writes.js';
import { ENTITY_DERIVED, STATEMENT_DERIVED } from './derived.js';
import { isConstraintViolation, type GraphExecutor } from './executor.js';
import { DATE_PARTS } from './records.js';
import { membershipStarts } from './affiliations.js';
import { deferTallies, mergeTouched, readTouched, recountTallies } from './tallies.js';

/** Sortable key for a partial date: the inferred year stands in for a missing one, 0000 when unknown. */
export function dateSortKey(date: DateSpec): string {
  const year = date.year ?? date.inferredYear;
  const pad = (n: number | null, width: number) => String(n ?? 0).padStart(width, '0');
  return `${pad(year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Flattens a date into prefixed node/relationship properties (Neo4j properties cannot be maps). */
export function dateProperties(prefix: string, date: DateSpec | null | undefined): Record<string, unknown> {
  // Typed by DATE_PARTS, so the parts written here and the parts the readers expect cannot drift apart.
  const parts: Record<(typeof DATE_PARTS)[number], unknown> | null = date
    ? {
        Text: date.text,
        Year: date.year,
        Month: date.month,
        Day: date.day,
        Precision: date.precision,
        InferredYear: date.inferredYear,
        InferredYearBasis: date.inferredYearBasis,
        Inferred: date.inferred,
        InferenceBasis: date.inferenceBasis,
        EvidenceIds: date.evidence.map(evidenceId),
        SortKey: dateSortKey(date),
      }
    : null;
  return Object.fromEntries(DATE_PARTS.map((part) => [`${prefix}${part}`, parts ? parts[part] : null]));
}

// Labels and relationship types cannot be parameters in Cypher 5. These statements are built
// once from the closed enums of the seed format, never from input.
const MERGE_ENTITY: Record<EntityKind, string> = Object.fromEntries(
  ENTITY_KINDS.map((kind) => [
    kind,
    `UNWIND $rows AS row
     MERGE (e:Entity {id: row.id})
     SET e:${kind}, e += row.props, e.definitionHash = row.hash,
         e.aliases = reduce(acc = [], a IN coalesce(e.aliases, []) + row.aliases | CASE WHEN a IN acc THEN acc ELSE acc + a END),
         // Aliases some source uses itself; the others are background knowledge.
         e.statedAliases = reduce(acc = [], a IN coalesce(e.statedAliases, []) + row.statedAliases | CASE WHEN a IN acc THEN acc ELSE acc + a END),
         e.writtenBy = $writer, e.writtenAt = datetime()
     // A string copy of the aliases for the full-text index.
     SET e.aliasText = reduce(acc = '', a IN e.aliases | acc + ' ' + a)
     SET ${ENTITY_DERIVED}`,
  ]),
) as Record<EntityKind, string>;

const MERGE_RELATIONSHIP: Record<RelationshipType, string> = Object.fromEntries(
  RELATIONSHIP_TYPES.map((type) => [
    type,
    `UNWIND $rows AS row
     MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
     MERGE (a)-[r:${type} {id: row.id}]->(b)
     SET r += row.props, r.writtenBy = $writer, r.writtenAt = datetime()`,
  ]),
) as Record<RelationshipType, string>;

/** What one document load wrote, by kind. */
export interface DocumentLoadSummary {
  sourceId: string;
  entities: number;
  relationships: number;
  statements: number;
  claims: number;
  evidence: number;
  /** True when the source was already loaded from identical content: nothing was written. */
  unchanged: boolean;
  /** Entity definitions, statements, claims, relationships and evidence spans written (new or changed since the last load). */
  written: number;
  /** Items the document no longer has, removed. */
  removed: number;
}

/** Changes whenever the loader writes a document differently, so that an unchanged document is written again once. */
const LOADER_VERSION = '2026-11-28.2';

/** Hash of everything a load writes from: the document, its text, the entity definitions it carries, and the loader version. */
export function contentHash(document: SeedDocument, text: string, carried: SeedEntity[]): string {
  return createHash('sha256')
    .update(JSON.stringify([LOADER_VERSION, document, text, carried]))
    .digest('hex');
}

/** The kinds of stored entities and the topics of stored claims among `ids`, one round-trip. */
export async function storedReferences(executor: GraphExecutor, ids: { entities: string[]; claims: string[] }): Promise<StoredReferences> {
  const [row] = await executor.readRows<{ entities: [string, string][]; claims: [string, string][] }>(
    `RETURN COLLECT { UNWIND $entities AS id MATCH (e:Entity {id: id}) RETURN [e.id, e.kind] } AS entities,
            COLLECT { UNWIND $claims AS id MATCH (c:Claim {id: id}) RETURN [c.id, c.topic] } AS claims`,
    ids,
  );
  return { entities: new Map(row?.entities ?? []), claims: new Map(row?.claims ?? []) };
}

/** How loadDocument writes. */
export interface LoadOptions {
  /** Definitions of entities the document refers to that another document of the same load defines. */
  carried?: SeedEntity[];
  /** Recorded as `writtenBy` on what the load writes. */
  writer?: string;
  /** `deferred`: record what the load touched for settlePendingTallies instead of recounting now (bulk loads). */
  tallies?: 'now' | 'deferred';
  /**
   * Settles when the documents before this one have committed. The load writes its source's own
   * nodes (source, evidence) first and waits for it before touching anything another document can
   * share, so a pipelined load leaves the graph as a load one by one in order does.
   */
  after?: Promise<unknown>;
}

/** Thrown into a pipelined load whose predecessor failed: it rolls back and is not retried. */
export class EarlierLoadFailed extends Error {
  constructor(sourceId: string) {
    super(`Loading "${sourceId}" was abandoned because an earlier document of the same load failed`);
    this.name = 'EarlierLoadFailed';
  }
}

/** A span the load planned as stored nowhere was stored by another transaction (a curation, a concurrent load of the source) before the load created it. */
class SpanStoredMeanwhile extends Error {
  constructor(sourceId: string) {
    super(`An evidence span of "${sourceId}" was stored by another write while the source loaded`);
    this.name = 'SpanStoredMeanwhile';
  }
}

/** Attempts of a load whose fresh spans another write keeps storing first (each attempt plans again). */
const SPAN_CLASH_ATTEMPTS = 3;

/**
 * Loads one document in one write transaction: everything the document owns is replaced, shared
 * entities are merged, and conflicting quantity claims are linked. Safe to retry and to re-run.
 */
export async function loadDocument(
  executor: GraphExecutor,
  document: SeedDocument,
  text: string,
  options: LoadOptions = {},
): Promise<DocumentLoadSummary> {
  const sourceId = document.source.id;
  // Handled at once: the documents before may fail before this load reaches the point where it waits.
  const gate = options.after?.then(
    () => undefined,
    () => Promise.reject(new EarlierLoadFailed(sourceId)),
  );
  gate?.catch(() => undefined);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await loadDocumentOnce(executor, document, text, options, gate);
    } catch (error) {
      if (!(error instanceof SpanStoredMeanwhile)) throw error;
      // The plan read before that span was stored: a new transaction plans with it (merged, not created).
      if (attempt < SPAN_CLASH_ATTEMPTS) continue;
      throw new GraphFailure('SEED_CONFLICT', `${error.message}, on each of ${attempt} attempts; nothing was written, load it again`);
    }
  }
}

/** One attempt of loadDocument, in one write transaction. */
async function loadDocumentOnce(
  executor: GraphExecutor,
  document: SeedDocument,
  text: string,
  options: LoadOptions,
  gate: Promise<undefined> | undefined,
): Promise<DocumentLoadSummary> {
  const { carried = [], writer = 'seed', tallies = 'now' } = options;
  const sourceId = document.source.id;
  const hash = contentHash(document, text, carried);
  return executor.write(async (tx) => {
    // Every statement names the source; what it writes also records who wrote it ($writer) and when.
    const run = (cypher: string, params: Record<string, unknown>) => executor.rows(tx, cypher, { sourceId, writer, ...params });
    const [known] = await executor.rows<{ exists: boolean; hash: string | null }>(
      tx,
      'OPTIONAL MATCH (s:Source {id: $sourceId}) RETURN s IS NOT NULL AS exists, s.contentHash AS hash',
      { sourceId },
    );
    const summary = {
      sourceId,
      entities: document.entities.length,
      relationships: document.relationships.length,
      statements: document.statements.length,
      claims: document.claims.length,
    };
    // Loaded before from identical content: a re-run costs one read.
    if (known?.exists && known.hash === hash) return { ...summary, evidence: 0, unchanged: true, written: 0, removed: 0 };
    const spans = new Map<string, Evidence>();
    for (const [, span] of evidenceSpans(document)) spans.set(evidenceId(span), span);
    // Only what is new or changed is written; what the document no longer has is removed.
    const plan = await planLoad(run, document, spans);
    const hashOf = (item: object) => plan.hashes.get(item) ?? null;
    await run(
      `MERGE (s:Source {id: $sourceId})
       SET s += $props, s.entityHashes = $entityHashes, s.writtenBy = $writer, s.writtenAt = datetime()`,
      {
        props: {
          title: document.source.title,
          file: document.source.file,
          publisher: document.source.publisher,
          url: document.source.url,
          language: document.source.language,
          text,
          contentHash: hash,
          ...dateProperties('published', document.source.publishedDate),
        },
        entityHashes: plan.entityHashes,
      },
    );

    const spanRows = (fresh: boolean) =>
      plan.newSpans
        .filter(([id]) => plan.freshSpans.has(id) === fresh)
        .map(([id, span]) => ({ id, start: span.start, end: span.end, quote: span.quote }));
    // Spans stored nowhere are created; the rare one a curated fact already cites is merged into.
    await run(
      `MATCH (s:Source {id: $sourceId})
       UNWIND $rows AS row
       CREATE (ev:Evidence {id: row.id, sourceId: $sourceId, start: row.start, end: row.end, quote: row.quote})-[:IN_SOURCE]->(s)`,
      { rows: spanRows(true) },
    ).catch((error: unknown) => {
      throw isConstraintViolation(error) ? new SpanStoredMeanwhile(sourceId) : error;
    });
    const curatedSpans = spanRows(false);
    if (curatedSpans.length > 0) {
      await run(
        `MATCH (s:Source {id: $sourceId})
         UNWIND $rows AS row
         MERGE (ev:Evidence {id: row.id})
         SET ev.sourceId = $sourceId, ev.start = row.start, ev.end = row.end, ev.quote = row.quote
         MERGE (ev)-[:IN_SOURCE]->(s)`,
        { rows: curatedSpans },
      );
    }

    // Up to here only this source's own nodes were written (evidence ids start with the source id).
    if (gate) await gate;
    const touchedBefore = await clearStale(run, plan);
    // Read inside the transaction, after earlier writes: a kind clash aborts the whole document.
    const stored = await storedDefinitions(executor, tx, plan.entities);
    await createCarriedEntities(run, carried);
    // Only definitions new or changed since the last load of this source are candidates, and of
    // those only the ones whose stored definition differs (another document may have written the
    // same one, unchanged since) are merged.
    for (const kind of ENTITY_KINDS) {
      const rows = plan.entities
        .filter((entity) => entity.kind === kind)
        .map((entity) => {
          const merged = {
            aliases: entity.aliases.map((alias) => alias.name),
            statedAliases: entity.aliases.filter((alias) => alias.basis === 'STATED').map((alias) => alias.name),
            props: {
              kind: entity.kind,
              name: entity.name,
              description: entity.description,
              background: entity.background,
              orgType: entity.orgType ?? null,
              eventStatus: entity.eventStatus ?? null,
              ...(kind === 'Event' ? dateProperties('date', entity.date) : {}),
            },
          };
          // What the merge writes, not the document's whole entity (its mentions are links, and name the source).
          return { id: entity.id, hash: itemHash(merged), ...merged };
        })
        .filter((row) => stored.get(row.id) !== row.hash);
      if (rows.length > 0) await run(MERGE_ENTITY[kind], { rows });
    }
    await linkEvidence(
      run,
      'Entity',
      'MENTIONED_IN',
      plan.entities.flatMap((e) => e.mentions.map((span) => [e.id, span] as const)),
      plan.freshSpans,
    );

    await writeClaims(run, plan.claims, hashOf);

    await run(
      `UNWIND $rows AS row
       MERGE (st:Statement {id: row.id})
       SET st += row.props, st.sourceId = $sourceId, st.itemHash = row.hash, st.writtenBy = $writer, st.writtenAt = datetime()
       SET ${STATEMENT_DERIVED}
       WITH st, row
       MATCH (s:Source {id: $sourceId})
       MERGE (st)-[:REPORTED_IN]->(s)
       WITH st, row
       CALL (st, row) {
         UNWIND row.speakers AS speakerId
         MATCH (e:Entity {id: speakerId})
         MERGE (e)-[:SAID]->(st)
       }
       CALL (st, row) {
         UNWIND row.about AS aboutId
         MATCH (e:Entity {id: aboutId})
         MERGE (st)-[:ABOUT]->(e)
       }
       CALL (st, row) {
         UNWIND row.cites AS citedId
         MATCH (e:Entity {id: citedId})
         MERGE (st)-[:CITES]->(e)
       }
       CALL (st, row) {
         OPTIONAL MATCH (outlet:Entity {id: row.via})
         FOREACH (o IN CASE WHEN outlet IS NULL THEN [] ELSE [outlet] END | MERGE (st)-[:VIA]->(o))
       }`,
      {
        rows: plan.statements.map((statement) => ({
          id: statement.id,
          hash: hashOf(statement),
          speakers: statement.speakers,
          about: statement.about,
          cites: statement.cites,
          via: statement.via,
          props: {
            summary: statement.summary,
            quote: statement.quote?.quote ?? null,
            quoteEvidenceId: statement.quote ? evidenceId(statement.quote) : null,
            citesText: statement.citesText,
            ...dateProperties('date', statement.date),
          },
        })),
      },
    );
    await linkEvidence(
      run,
      'Statement',
      'EVIDENCED_BY',
      plan.statements.flatMap((s) => s.evidence.map((span) => [s.id, span] as const)),
      plan.freshSpans,
    );
    await run(
      `UNWIND $rows AS row
       MATCH (st:Statement {id: row.statement}), (c:Claim {id: row.claim})
       MERGE (st)-[r:TAKES_STANCE {stance: row.stance}]->(c)
       SET r.evidenceIds = row.evidenceIds, r.sourceId = $sourceId`,
      {
        rows: plan.statements.flatMap((statement) =>
          statement.stances.map((stance) => ({
            statement: statement.id,
            claim: stance.claim,
            stance: stance.stance,
            evidenceIds: stance.evidence.map(evidenceId),
          })),
        ),
      },
    );

    for (const type of RELATIONSHIP_TYPES) {
      const rows = plan.relationships
        .filter((rel) => rel.type === type)
        .map((rel) => ({
          id: rel.id,
          from: rel.from,
          to: rel.to,
          props: {
            sourceId,
            itemHash: hashOf(rel),
            role: rel.role,
            basis: rel.basis,
            claimId: rel.claimId,
            note: rel.note,
            evidenceIds: rel.evidence.map(evidenceId),
            ...dateProperties('since', rel.since),
          },
        }));
      if (rows.length > 0) await run(MERGE_RELATIONSHIP[type], { rows });
    }

    await assertReferencesWritten(run, document);
    await linkQuantityConflicts(
      run,
      plan.claims.map((claim) => claim.id),
    );
    await linkContradictions(
      run,
      plan.claims.flatMap((claim) => claim.contradicts.map((other) => ({ from: claim.id, to: other.claim, reason: other.reason }))),
    );
    await countTopicsAndMeasures(run, plan.replacedClaimKeys, plan.claims);
    const touchedAfter = await readTouched(run, {
      statementIds: plan.statements.map((statement) => statement.id),
      claimIds: plan.claims.map((claim) => claim.id),
      entityIds: plan.relationships.flatMap((rel) => [rel.from, rel.to]),
      definedIds: plan.entities.map((entity) => entity.id),
      structureIds: membershipStarts(plan.relationships),
    });
    const touched = mergeTouched(touchedBefore, touchedAfter);
    await (tallies === 'deferred' ? deferTallies(run, touched) : recountTallies(run, touched));
    const written = plan.entities.length + plan.statements.length + plan.claims.length + plan.relationships.length + plan.newSpans.length;
    return { ...summary, evidence: spans.size, unchanged: false, written, removed: plan.removed };
  });
}

/**
 * Creates, if missing, the entities this document refers to that another document of the same
 * load defines (it loads later): their definition, without this document's source, so that no
 * link to them is lost. The defining document's own load then merges them as usual.
 */
async function createCarriedEntities(run: Run, carried: SeedEntity[]): Promise<void> {
  for (const kind of ENTITY_KINDS) {
    const rows = carried
      .filter((entity) => entity.kind === kind)
      .map((entity) => ({
        id: entity.id,
        props: {
          kind,
          name: entity.name,
          description: entity.description,
          background: entity.background,
          orgType: entity.orgType ?? null,
          eventStatus: entity.eventStatus ?? null,
        },
        aliases: entity.aliases.map((alias) => alias.name),
        statedAliases: entity.aliases.filter((alias) => alias.basis === 'STATED').map((alias) => alias.name),
      }));
    if (rows.length === 0) continue;
    // kind is one of the closed list ENTITY_KINDS, never input.
    await run(
      `UNWIND $rows AS row
       MERGE (e:Entity {id: row.id})
       ON CREATE SET e:${kind}, e += row.props, e.aliases = row.aliases, e.statedAliases = row.statedAliases,
                     e.aliasText = reduce(acc = '', a IN row.aliases | acc + ' ' + a)
       WITH e WHERE e.nameOrder IS NULL
       SET ${ENTITY_DERIVED}`,
      { rows },
    );
  }
}

/** Refuses (and so rolls back) a load that would leave a reference without its entity or claim: nothing is dropped silently. */
async function assertReferencesWritten(run: Run, document: SeedDocument): Promise<void> {
  const references = documentReferences(document);
  const [entities, claims] = [[...references.entities], [...references.claims]];
  const [missing] = (await run(
    `RETURN COLLECT { UNWIND $entities AS id WITH id WHERE NOT EXISTS { MATCH (:Entity {id: id}) } RETURN id } AS entities,
            COLLECT { UNWIND $claims AS id WITH id WHERE NOT EXISTS { MATCH (:Claim|RetractedClaim {id: id}) } RETURN id } AS claims`,
    { entities, claims },
  )) as { entities: string[]; claims: string[] }[];
  const lost = [...(missing?.entities ?? []).map((id) => `entity "${id}"`), ...(missing?.claims ?? []).map((id) => `claim "${id}"`)];
  if (lost.length > 0) {
    throw new GraphFailure(
      'SEED_CONFLICT',
      `Source "${document.source.id}" refers to ${lost.slice(0, 5).join(', ')}, which is not in the graph; nothing was written`,
    );
  }
}

/**
 * The definition hash stored on each of `entities` that exists (null when an analyst changed it
 * since); refuses (and so rolls back) a load that would change an entity's kind.
 */
async function storedDefinitions(
  executor: GraphExecutor,
  tx: ManagedTransaction,
  entities: SeedEntity[],
): Promise<Map<string, string | null>> {
  const rows = await executor.rows<{ id: string; kind: string; hash: string | null }>(
    tx,
    `UNWIND $ids AS id
     MATCH (e:Entity {id: id})
     RETURN e.id AS id, e.kind AS kind, e.definitionHash AS hash`,
    { ids: entities.map((entity) => entity.id) },
  );
  const kinds = new Map(entities.map((entity) => [entity.id, entity.kind]));
  const clash = rows.find((row) => row.kind !== kinds.get(row.id));
  if (clash) {
    throw new GraphFailure('SEED_CONFLICT', `Entity "${clash.id}" is already a ${clash.kind} in the graph`);
  }
  return new Map(rows.map((row) => [row.id, row.hash]));
}

/** Node counts per label and relationship counts per type. */
export async function graphCounts(executor: GraphExecutor): Promise<{ labels: Record<string, number>; types: Record<string, number> }> {
  return executor.read(async (tx) => {
    const labels = await executor.rows<{ label: string; count: number }>(
      tx,
      'MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count',
    );
    const types = await executor.rows<{ type: string; count: number }>(tx, 'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count');
    return {
      labels: Object.fromEntries(labels.map((row) => [row.label, row.count])),
      types: Object.fromEntries(types.map((row) => [row.type, row.count])),
    };
  });
}

/** True when the database holds no source yet (so `npm start` should seed it). */
export async function isGraphEmpty(executor: GraphExecutor): Promise<boolean> {
  const [row] = await executor.readRows<{ sources: number }>('MATCH (s:Source) RETURN count(s) AS sources');
  return (row?.sources ?? 0) === 0;
}
