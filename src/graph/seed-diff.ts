// Re-loading a document costs what changed: each statement, claim and relationship carries a hash of
// its content (the source keeps its entity definitions' hashes); a load rewrites only the items that
// are new or differ, and removes only those gone.
import { createHash } from 'node:crypto';
import { RELATIONSHIP_TYPES, type Evidence, type SeedDocument } from '../seed/format.js';
import { membershipStarts } from './affiliations.js';
import { readTouched, type Touched } from './tallies.js';

type Run = (cypher: string, params: Record<string, unknown>) => Promise<unknown>;

/**
 * The ids of the entities source `s` defines, as a Cypher list: its `entityHashes` ("id hash" per
 * definition). Which documents name an entity is kept on each source, bounded by the document,
 * never on the entity, where a list of every source naming it would grow with the corpus.
 */
export const definedEntityIds = (s: string) => `[entry IN coalesce(${s}.entityHashes, []) | split(entry, ' ')[0]]`;

/** Hash of one item as the document gives it (its whole JSON, evidence included). */
export function itemHash(item: unknown): string {
  return createHash('sha256').update(JSON.stringify(item)).digest('base64url');
}

/** What an earlier load of this source left, item by item. */
interface StoredItems {
  statements: { id: string; hash: string | null }[];
  claims: { id: string; hash: string | null; topic: string; measure: string | null; unit: string | null }[];
  relationships: { id: string; type: string; hash: string | null; from: string; to: string }[];
  evidence: string[];
  /** Spans of this source an analyst's curated fact cites (a load keeps them and may cite them too). */
  curatedEvidence: string[];
  /** Items of this source an analyst retracted: a re-load does not bring them back. */
  retracted: string[];
  /** "id hash" of each entity definition the last load of this source wrote. */
  entityHashes: string[];
  /** Entities of the document not in the graph (deleted since): written again even when unchanged. */
  missingEntities: string[];
}

/** The items of this source in the graph, in one round-trip (each list by an index on sourceId). */
async function storedItems(run: Run, entityIds: string[]): Promise<StoredItems> {
  const [row] = (await run(
    // Items an analyst added by mutation (curated) belong to no document: a re-load leaves them alone.
    `RETURN COLLECT { MATCH (st:Statement {sourceId: $sourceId}) WHERE st.curated IS NULL RETURN {id: st.id, hash: st.itemHash} } AS statements,
            COLLECT { MATCH (c:Claim {sourceId: $sourceId}) WHERE c.curated IS NULL RETURN {id: c.id, hash: c.itemHash, topic: c.topic, measure: c.measure, unit: c.unit} } AS claims,
            COLLECT { CALL () { ${RELATIONSHIP_TYPES.map((type) => `MATCH ()-[r:${type} {sourceId: $sourceId}]->() WHERE r.curated IS NULL RETURN r`).join(' UNION ALL ')} }
                      RETURN {id: r.id, type: type(r), hash: r.itemHash, from: startNode(r).id, to: endNode(r).id} } AS relationships,
            COLLECT { MATCH (ev:Evidence {sourceId: $sourceId}) RETURN {id: ev.id, curated: ev.curated IS NOT NULL} } AS spans,
            COLLECT { MATCH (n:RetractedStatement|RetractedClaim {sourceId: $sourceId}) RETURN n.id AS id
                      UNION MATCH ()-[r:RETRACTED {sourceId: $sourceId}]->() RETURN r.id AS id } AS retracted,
            COLLECT { MATCH (s:Source {id: $sourceId}) UNWIND coalesce(s.entityHashes, []) AS entry RETURN entry } AS entityHashes,
            COLLECT { UNWIND $entityIds AS id WITH id WHERE NOT EXISTS { MATCH (:Entity {id: id}) } RETURN id } AS missingEntities`,
    { entityIds },
  )) as (Omit<StoredItems, 'evidence' | 'curatedEvidence'> & { spans: { id: string; curated: boolean }[] })[];
  if (!row)
    return {
      statements: [],
      claims: [],
      relationships: [],
      evidence: [],
      curatedEvidence: [],
      retracted: [],
      entityHashes: [],
      missingEntities: [],
    };
  // The source's spans are read once and split: what loads of it wrote, and what an analyst's fact cites.
  const { spans, ...items } = row;
  return {
    ...items,
    evidence: spans.filter((span) => !span.curated).map((span) => span.id),
    curatedEvidence: spans.filter((span) => span.curated).map((span) => span.id),
  };
}

/** What a load must write and remove. */
export interface LoadPlan {
  /** Entity definitions new or changed since this source's last load (shared entities are merged, never removed). */
  entities: SeedDocument['entities'];
  /** "id hash" of every entity definition of the document, stored with the source for the next load. */
  entityHashes: string[];
  statements: SeedDocument['statements'];
  claims: SeedDocument['claims'];
  relationships: SeedDocument['relationships'];
  /** Spans not yet stored by a load of this source. */
  newSpans: [string, Evidence][];
  /** Ids of the new spans not stored at all (no curated fact cites them either): created, not merged. */
  freshSpans: Set<string>;
  /** Topic, measure and unit of every claim removed or rewritten (their counts move). */
  replacedClaimKeys: { topic: string; measure: string | null; unit: string | null }[];
  hashes: Map<object, string>;
  removed: number;
  /** What clearStale removes: statements and claims gone, statements and claims rewritten, relationships rewritten or gone, stale spans. */
  stale: {
    statements: string[];
    claims: string[];
    changedStatements: string[];
    changedClaims: string[];
    relationships: StoredItems['relationships'];
    evidence: string[];
  };
}

/** Compares the document with what this source holds (reads only; clearStale removes what is gone or will be rewritten). */
export async function planLoad(run: Run, document: SeedDocument, spans: Map<string, Evidence>): Promise<LoadPlan> {
  const stored = await storedItems(
    run,
    document.entities.map((entity) => entity.id),
  );
  const hashes = new Map<object, string>();
  const changed = <T extends { id: string }>(items: T[], before: { id: string; hash: string | null }[]) => {
    const previous = new Map(before.map((item) => [item.id, item.hash]));
    return items.filter((item) => {
      const hash = itemHash(item);
      hashes.set(item, hash);
      return previous.get(item.id) !== hash;
    });
  };
  const retracted = new Set(stored.retracted);
  const live = <T extends { id: string }>(items: T[]) => items.filter((item) => !retracted.has(item.id));
  const entityHashes = document.entities.map((entity) => `${entity.id} ${itemHash(entity)}`);
  const storedEntities = new Set(stored.entityHashes);
  const missingEntities = new Set(stored.missingEntities);
  const entities = document.entities.filter((entity, i) => missingEntities.has(entity.id) || !storedEntities.has(entityHashes[i] ?? ''));
  const statements = changed(live(document.statements), stored.statements);
  const claims = changed(live(document.claims), stored.claims);
  const relationships = changed(live(document.relationships), stored.relationships);
  const gone = <T extends { id: string }>(before: T[], now: { id: string }[]) => {
    const ids = new Set(now.map((item) => item.id));
    return before.filter((item) => !ids.has(item.id));
  };
  const removedStatements = gone(stored.statements, document.statements).map((item) => item.id);
  const removedClaims = gone(stored.claims, document.claims);
  const storedStatements = new Set(stored.statements.map((item) => item.id));
  const storedClaims = new Set(stored.claims.map((item) => item.id));
  const changedStatementIds = statements.map((s) => s.id).filter((id) => storedStatements.has(id));
  const changedClaimIds = claims.map((c) => c.id).filter((id) => storedClaims.has(id));
  const rewrittenClaims = new Set(changedClaimIds);
  const keep = new Set(spans.keys());
  // Relationships are matched by their ends, so a changed one is removed and written again.
  const rewrittenRelationships = new Set([
    ...relationships.map((rel) => rel.id),
    ...gone(stored.relationships, document.relationships).map((rel) => rel.id),
  ]);
  const storedRelationships = stored.relationships.filter((rel) => rewrittenRelationships.has(rel.id));
  const staleEvidence = stored.evidence.filter((id) => !keep.has(id));
  const storedEvidence = new Set(stored.evidence);
  const newSpans = [...spans.entries()].filter(([id]) => !storedEvidence.has(id));
  const curatedEvidence = new Set(stored.curatedEvidence);
  return {
    entities,
    entityHashes,
    statements,
    claims,
    relationships,
    newSpans,
    freshSpans: new Set(newSpans.map(([id]) => id).filter((id) => !curatedEvidence.has(id))),
    replacedClaimKeys: [...removedClaims, ...stored.claims.filter((claim) => rewrittenClaims.has(claim.id))],
    hashes,
    removed:
      removedStatements.length + removedClaims.length + gone(stored.relationships, document.relationships).length + staleEvidence.length,
    stale: {
      statements: removedStatements,
      claims: removedClaims.map((claim) => claim.id),
      changedStatements: changedStatementIds,
      changedClaims: changedClaimIds,
      relationships: storedRelationships,
      evidence: staleEvidence,
    },
  };
}

/**
 * Removes what the plan found gone or to be rewritten, and returns what the tallies depended on
 * among those items, read before they go. Touches entities (links of removed items), so in a
 * pipelined load it runs after the previous document has committed.
 */
export async function clearStale(run: Run, plan: LoadPlan): Promise<Touched> {
  const { stale } = plan;
  const touchedBefore = await readTouched(run, {
    statementIds: [...stale.statements, ...stale.changedStatements],
    claimIds: [...stale.claims, ...stale.changedClaims],
    entityIds: stale.relationships.flatMap((rel) => [rel.from, rel.to]),
    definedIds: plan.entities.map((entity) => entity.id),
    structureIds: membershipStarts(stale.relationships),
  });
  await run(`MATCH (n:Statement|Claim) WHERE n.id IN $ids DETACH DELETE n`, { ids: [...stale.statements, ...stale.claims] });
  await run(
    `MATCH (st:Statement) WHERE st.id IN $ids
     CALL (st) { MATCH (st)-[r:ABOUT|VIA|CITES|TAKES_STANCE|EVIDENCED_BY]->() DELETE r }
     CALL (st) { MATCH (st)<-[r:SAID]-() DELETE r }`,
    { ids: stale.changedStatements },
  );
  // A rewritten claim keeps its node (unchanged statements' stances on it stay); writeClaims replaces its own links.
  const rewritten = stale.relationships.map((rel) => rel.id);
  for (const type of RELATIONSHIP_TYPES) {
    if (stale.relationships.some((rel) => rel.type === type)) {
      // type is from the closed list, never input.
      await run(`MATCH ()-[r:${type} {sourceId: $sourceId}]->() WHERE r.id IN $ids DELETE r`, { ids: rewritten });
    }
  }
  await run(`MATCH (ev:Evidence) WHERE ev.id IN $ids DETACH DELETE ev`, { ids: stale.evidence });
  return touchedBefore;
}
