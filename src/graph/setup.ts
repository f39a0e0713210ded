import { RELATIONSHIP_TYPES } from '../seed/format.js';
import { ENTITY_DERIVED, STATEMENT_DERIVED } from './derived.js';
import { int, type GraphExecutor } from './executor.js';
import { COUNTS_FOR } from './affiliations.js';
import {
  AFFILIATION_LINK_MIGRATION,
  COARSE_DATE_TALLY_MIGRATION,
  degreeProperty,
  ENTITY_COUNT,
  settlePendingTallies,
  TALLY_MIGRATION,
} from './tallies.js';

const UNIQUE_ID_LABELS = [
  'Entity',
  'Country',
  'Person',
  'Organization',
  'Agreement',
  'Event',
  'Statement',
  'Claim',
  'Source',
  'Evidence',
  'Topic',
  'Measure',
  'Retraction',
  'Tally',
  'PendingTallies',
] as const;

// Labels come from the constant list above, never from input.
const CONSTRAINTS = UNIQUE_ID_LABELS.map(
  (label) => `CREATE CONSTRAINT ${label.toLowerCase()}_id IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`,
);

const INDEXES = [
  // Full-text search over what a person would type: names, aliases, descriptions, what was said.
  `CREATE FULLTEXT INDEX entity_text IF NOT EXISTS FOR (n:Country|Person|Organization|Agreement|Event) ON EACH [n.name, n.aliasText, n.description]`,
  `CREATE FULLTEXT INDEX statement_text IF NOT EXISTS FOR (n:Statement) ON EACH [n.summary, n.quote]`,
  `CREATE FULLTEXT INDEX claim_text IF NOT EXISTS FOR (n:Claim) ON EACH [n.proposition]`,
  // Exact lookups by name, timeline ranges and quantity comparisons.
  `CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)`,
  // Stored keys (derived.ts): name order, exact names, substring search; statement date order.
  `CREATE INDEX entity_name_order IF NOT EXISTS FOR (n:Entity) ON (n.nameOrder)`,
  `CREATE INDEX entity_name_lower IF NOT EXISTS FOR (n:Entity) ON (n.nameLower)`,
  `CREATE TEXT INDEX entity_search_text IF NOT EXISTS FOR (n:Entity) ON (n.searchText)`,
  `CREATE INDEX statement_order IF NOT EXISTS FOR (n:Statement) ON (n.orderKey)`,
  `CREATE INDEX entity_kind_name IF NOT EXISTS FOR (n:Entity) ON (n.kind, n.name)`,
  `CREATE INDEX statement_date IF NOT EXISTS FOR (n:Statement) ON (n.dateSortKey)`,
  `CREATE INDEX statement_source IF NOT EXISTS FOR (n:Statement) ON (n.sourceId)`,
  `CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.dateSortKey)`,
  `CREATE INDEX claim_measure IF NOT EXISTS FOR (n:Claim) ON (n.measure)`,
  `CREATE INDEX claim_source IF NOT EXISTS FOR (n:Claim) ON (n.sourceId)`,
  `CREATE INDEX claim_topic IF NOT EXISTS FOR (n:Claim) ON (n.topic)`,
  `CREATE INDEX evidence_source IF NOT EXISTS FOR (n:Evidence) ON (n.sourceId)`,
  // Reloading a document removes the relationships it wrote: found by source, per type.
  ...RELATIONSHIP_TYPES.map((type) => `CREATE INDEX rel_source_${type.toLowerCase()} IF NOT EXISTS FOR ()-[r:${type}]-() ON (r.sourceId)`),
  ...RELATIONSHIP_TYPES.map((type) => `CREATE INDEX rel_id_${type.toLowerCase()} IF NOT EXISTS FOR ()-[r:${type}]-() ON (r.id)`),
  `CREATE INDEX retraction_time IF NOT EXISTS FOR (n:Retraction) ON (n.retractedAt)`,
  // Maintained counts (tallies.ts): rankings by count (ties by id), per kind for degrees; ranges of date keys.
  ...[ENTITY_COUNT.said, ENTITY_COUNT.via, ENTITY_COUNT.about, ENTITY_COUNT.affiliation].map(
    (count) => `CREATE INDEX entity_${count.toLowerCase()} IF NOT EXISTS FOR (n:Entity) ON (n.${count}, n.id)`,
  ),
  ...[null, ...RELATIONSHIP_TYPES].map((type) => {
    const degree = degreeProperty(type);
    return `CREATE INDEX entity_kind_${degree.toLowerCase()} IF NOT EXISTS FOR (n:Entity) ON (n.kind, n.${degree}, n.id)`;
  }),
  `CREATE INDEX tally_group_count IF NOT EXISTS FOR (n:Tally) ON (n.group, n.count, n.key)`,
  `CREATE INDEX tally_group_key IF NOT EXISTS FOR (n:Tally) ON (n.group, n.key)`,
  `CREATE INDEX claim_contested IF NOT EXISTS FOR (n:Claim) ON (n.contestedFlag)`,
  `CREATE INDEX takes_stance_stance IF NOT EXISTS FOR ()-[r:TAKES_STANCE]-() ON (r.stance)`,
  // A page of an affiliation's statements is a range of this index, in order (affiliations.ts).
  `CREATE INDEX counts_for_order IF NOT EXISTS FOR ()-[r:${COUNTS_FOR}]-() ON (r.affiliationId, r.orderKey)`,
];

/** Data changes run once per database, in order; each is recorded as a (:Migration {id}) node. */
const MIGRATIONS: { id: string; statements: (string | { cypher: string; params: Record<string, unknown> })[] }[] = [
  {
    id: 'stored-order-keys',
    statements: [
      `MATCH (e:Entity) CALL (e) { SET ${ENTITY_DERIVED} } IN TRANSACTIONS OF 10000 ROWS`,
      `MATCH (st:Statement) CALL (st) { SET ${STATEMENT_DERIVED} } IN TRANSACTIONS OF 10000 ROWS`,
    ],
  },
  {
    // Claims loaded before the loader kept per-key counts (see countTopicsAndMeasures in seed.ts).
    id: 'topic-and-measure-counts',
    statements: [
      `MATCH (k:Topic|Measure) CALL (k) { DETACH DELETE k } IN TRANSACTIONS OF 10000 ROWS`,
      `MATCH (c:Claim) WITH c.topic AS topic, count(*) AS claims CALL (topic, claims) { MERGE (t:Topic {id: topic}) SET t.claimCount = claims } IN TRANSACTIONS OF 10000 ROWS`,
      `MATCH (c:Claim) WHERE c.measure IS NOT NULL
       WITH c.measure AS measure, count(*) AS claims, collect(DISTINCT c.unit)[..10] AS units
       CALL (measure, claims, units) { MERGE (m:Measure {id: measure}) SET m.claimCount = claims, m.units = units } IN TRANSACTIONS OF 10000 ROWS`,
    ],
  },
  // Graphs loaded before the loader and the mutations kept tallies.
  { id: 'dashboard-counts', statements: TALLY_MIGRATION },
  // Graphs loaded before statements were linked to their affiliations; their counts now read the links.
  { id: 'affiliation-links', statements: AFFILIATION_LINK_MIGRATION },
  // Entities loaded while each kept a list of every source naming it (rewritten by each of those
  // documents' loads); which sources define an entity is read from the sources (definedEntityIds).
  {
    id: 'no-entity-source-lists',
    statements: [`MATCH (e:Entity) WHERE e.sourceIds IS NOT NULL CALL (e) { REMOVE e.sourceIds } IN TRANSACTIONS OF 10000 ROWS`],
  },
  // Graphs counted before month and year tallies existed: an activity answer by month or year reads them.
  { id: 'coarse-date-tallies', statements: COARSE_DATE_TALLY_MIGRATION },
];

/** Creates constraints and indexes (idempotent), waits until every index is online, applies pending migrations, and settles deferred recounts. */
export async function ensureGraphSchema(executor: GraphExecutor): Promise<void> {
  // Schema commands cannot share a transaction with each other or with data writes.
  for (const statement of [...CONSTRAINTS, ...INDEXES]) {
    await executor.write((tx) => executor.rows(tx, statement));
  }
  await executor.write((tx) => executor.rows(tx, 'CALL db.awaitIndexes(300)'));
  for (const migration of MIGRATIONS) {
    const [done] = await executor.readRows<{ done: boolean }>('RETURN EXISTS { MATCH (:Migration {id: $id}) } AS done', {
      id: migration.id,
    });
    if (done?.done) continue;
    // Batched with CALL ... IN TRANSACTIONS, which needs an auto-commit transaction; safe to re-run.
    for (const statement of migration.statements) {
      if (typeof statement === 'string') await executor.autoCommit(statement);
      else await executor.autoCommit(statement.cypher, statement.params);
    }
    await executor.writeRows('MERGE (:Migration {id: $id})', { id: migration.id });
  }
  // A bulk load cut short leaves its deferred recounts behind (see tallies.ts).
  await settlePendingTallies(executor);
}

/**
 * Re-samples every index and empties Neo4j's plan cache, waiting for both (needs an admin user).
 * After a load into an empty database, the indexes' samples still describe them empty, and the
 * plans made from them are cached: on the article, the 20-entity page read twice the db hits.
 */
export async function replanWithCurrentStatistics(executor: GraphExecutor, timeoutSeconds = 300): Promise<void> {
  await executor.autoCommit('CALL db.prepareForReplanning($timeoutSeconds)', { timeoutSeconds: int(timeoutSeconds) });
}
