// Write steps shared by the document loader and the curation mutations: evidence links, claims,
// their conflicts, and the per-topic and per-measure counts. Each is one statement over a batch of rows.
import type { Evidence, SeedClaim } from '../seed/format.js';

/** Runs one statement inside the caller's transaction ($sourceId and $writer are bound by the caller). */
export type Run = (cypher: string, params: Record<string, unknown>) => Promise<unknown>;

/** Stable id of an evidence span, shared by everything that cites the same words. */
export function evidenceId(span: Evidence): string {
  return `${span.source}:${span.start}-${span.end}`;
}

/**
 * Writes claims (node, ABOUT links, evidence links; the spans must be written already), replacing
 * the links of a claim written before. Curated claims belong to no document: a re-load of their
 * source leaves them alone.
 */
export async function writeClaims(
  run: Run,
  claims: SeedClaim[],
  hashOf: (claim: SeedClaim) => string | null,
  curated = false,
): Promise<void> {
  if (claims.length === 0) return;
  // Written again (a changed claim, a retried mutation), a claim keeps its node, so the stances of
  // other statements on it stay; its own links are replaced: about, evidence, the conflicts it made.
  await run(
    `MATCH (c:Claim) WHERE c.id IN $ids
     CALL (c) { MATCH (c)-[r:ABOUT|EVIDENCED_BY]->() DELETE r }
     CALL (c) { MATCH (c)-[r:CONFLICTS_WITH]-() WHERE r.kind = 'QUANTITY' OR r.declaredBy = c.id DELETE r }`,
    { ids: claims.map((claim) => claim.id) },
  );
  await run(
    `UNWIND $rows AS row
     MERGE (c:Claim {id: row.id})
     SET c += row.props, c.sourceId = $sourceId, c.itemHash = row.hash, c.curated = $curated, c.writtenBy = $writer, c.writtenAt = datetime()
     WITH c, row
     UNWIND row.about AS aboutId
     MATCH (e:Entity {id: aboutId})
     MERGE (c)-[:ABOUT]->(e)`,
    {
      curated: curated ? true : null,
      rows: claims.map((claim) => ({
        id: claim.id,
        hash: hashOf(claim),
        about: claim.about,
        props: {
          proposition: claim.proposition,
          topic: claim.topic,
          measure: claim.quantity?.measure ?? null,
          value: claim.quantity?.value ?? null,
          unit: claim.quantity?.unit ?? null,
          approximate: claim.quantity?.approximate ?? null,
          qualifiers: claim.quantity?.qualifiers ?? [],
        },
      })),
    },
  );
  await linkEvidence(
    run,
    'Claim',
    'EVIDENCED_BY',
    claims.flatMap((c) => c.evidence.map((span) => [c.id, span] as const)),
  );
}

/**
 * Links each owner to its evidence spans (already written). `fresh` names spans this transaction
 * created: they have no links yet, so their links are created without the existence check of a merge.
 */
export async function linkEvidence(
  run: Run,
  label: 'Entity' | 'Claim' | 'Statement',
  type: 'MENTIONED_IN' | 'EVIDENCED_BY',
  pairs: (readonly [string, Evidence])[],
  fresh: ReadonlySet<string> = new Set(),
) {
  // Each pair once: a document may cite the same words twice for one owner.
  const rows = [
    ...new Map(pairs.map(([owner, span]) => [`${owner}\n${evidenceId(span)}`, { owner, evidence: evidenceId(span) }])).values(),
  ];
  const created = rows.filter((row) => fresh.has(row.evidence));
  const merged = rows.filter((row) => !fresh.has(row.evidence));
  // label and type are fixed by the callers, never input.
  const match = `UNWIND $rows AS row MATCH (n:${label} {id: row.owner}), (ev:Evidence {id: row.evidence})`;
  if (created.length > 0) await run(`${match} CREATE (n)-[:${type}]->(ev)`, { rows: created });
  if (merged.length > 0) await run(`${match} MERGE (n)-[:${type}]->(ev)`, { rows: merged });
}

/** The topic, measure and unit of each claim of a document. */
export type ClaimKeys = { topic: string; measure: string | null; unit: string | null }[];

/** How many claims each key gains (positive) or loses (negative) in this load. */
function keyDeltas(keys: (string | null)[], sign: 1 | -1, into = new Map<string, number>()): Map<string, number> {
  for (const key of keys) if (key !== null) into.set(key, (into.get(key) ?? 0) + sign);
  return into;
}

/**
 * Keeps one Topic and one Measure node per key with its claim count (and a measure's units, at most
 * 10), so listing them reads a page of an index instead of counting claims. The counts move by what
 * this load added and removed: the work follows the document, not the size of the graph.
 */
export async function countTopicsAndMeasures(run: Run, removed: ClaimKeys, claims: SeedClaim[]): Promise<void> {
  const added: ClaimKeys = claims.map((claim) => ({
    topic: claim.topic,
    measure: claim.quantity?.measure ?? null,
    unit: claim.quantity?.unit ?? null,
  }));
  const deltas = (pick: (keys: ClaimKeys[number]) => string | null, withUnits: boolean) =>
    [...keyDeltas(removed.map(pick), -1, keyDeltas(added.map(pick), 1)).entries()].map(([key, delta]) => ({
      key,
      delta,
      units: !withUnits
        ? []
        : [...new Set(added.filter((claim) => pick(claim) === key).flatMap((claim) => (claim.unit === null ? [] : [claim.unit])))],
    }));
  // Labels are the two constants below, never input.
  for (const [label, rows] of [
    ['Topic', deltas((claim) => claim.topic, false)],
    ['Measure', deltas((claim) => claim.measure, true)],
  ] as const) {
    if (rows.length === 0) continue;
    await run(
      `UNWIND $rows AS row
       MERGE (k:${label} {id: row.key})
       SET k.claimCount = coalesce(k.claimCount, 0) + row.delta,
           k.units = reduce(acc = coalesce(k.units, []), unit IN row.units | CASE WHEN unit IN acc OR size(acc) >= 10 THEN acc ELSE acc + unit END)
       WITH k WHERE k.claimCount <= 0
       DELETE k`,
      { rows },
    );
  }
}

/** Links claims the document declares contradictory (non-numeric), in both documents' terms: an undirected conflict. */
export async function linkContradictions(run: Run, pairs: { from: string; to: string; reason: string }[]): Promise<void> {
  if (pairs.length === 0) return;
  await run(
    `UNWIND $pairs AS pair
     MATCH (c:Claim {id: pair.from}), (other:Claim {id: pair.to})
     WITH CASE WHEN c.id < other.id THEN [c, other] ELSE [other, c] END AS ends, pair
     WITH ends[0] AS a, ends[1] AS b, pair
     MERGE (a)-[r:CONFLICTS_WITH]->(b)
     SET r.kind = 'CONTRADICTION', r.reason = pair.reason, r.declaredBy = pair.from`,
    { pairs },
  );
}

/** Links claims about the same measure and unit whose values differ, unless one statement made both. */
export async function linkQuantityConflicts(run: Run, claimIds: string[]): Promise<void> {
  await run(
    `MATCH (c:Claim) WHERE c.id IN $claimIds AND c.measure IS NOT NULL
     MATCH (other:Claim {measure: c.measure})
     WHERE other <> c AND other.unit = c.unit AND other.value <> c.value
       AND NOT EXISTS { MATCH (s:Statement)-[:TAKES_STANCE]->(c) MATCH (s)-[:TAKES_STANCE]->(other) }
     WITH CASE WHEN c.id < other.id THEN [c, other] ELSE [other, c] END AS pair
     WITH DISTINCT pair[0] AS a, pair[1] AS b
     MERGE (a)-[r:CONFLICTS_WITH]->(b)
     SET r.kind = 'QUANTITY', r.measure = a.measure, r.reason = 'different values for the same quantity'`,
    { claimIds },
  );
}
