// What the benchmark compares: three servers answering the same questions ("shapes") over one
// Neo4j. Each server module implements ServerModule; each shape says, per server, what to send and
// how to read the answer back into the same canonical facts, which must be equal before timing.
import type { Driver } from 'neo4j-driver';

/** The servers under test. */
export const SERVER_NAMES = ['ours', 'neo4j-graphql', 'raw'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

/** Values chosen from the data for the shapes' arguments (see bench/generate.ts for synthetic data). */
export interface Probes {
  /** An ordinary entity with 5-20 relationships. */
  entityId: string;
  /** A country with about 2,000 relationships. */
  hubId: string;
  /** A country whose people and organizations made statements. */
  affiliationId: string;
  /** A measure several claims give different values for. */
  measure: string;
  /** Two entities connected within a few hops. */
  pathFrom: string;
  pathTo: string;
  /** A word that full-text search finds in names and statements. */
  searchTerm: string;
}

/** One HTTP request: POST `path` with a JSON body. */
export interface ShapeCall {
  path: string;
  body: unknown;
}

/** How one server is asked one shape, and how its answer becomes canonical facts. */
export interface ShapeBinding {
  call(probes: Probes): ShapeCall;
  /** Canonical facts from the parsed JSON answer; throws when the answer is an error. */
  facts(answer: unknown): unknown;
  /** How this server answers the shape when it is not natively (e.g. "@cypher field"). */
  note?: string;
}

/** A running server. */
export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** A server implementation: started in-process on a given driver (to count its queries) or as its own process. */
export interface ServerModule {
  name: ServerName;
  /** Listens on 127.0.0.1:`port` (0 for any) against `database` through `driver`. */
  start(options: { driver: Driver; database: string; port: number }): Promise<RunningServer>;
  bindings: Record<ShapeName, ShapeBinding>;
}

/** The shapes, as described in docs/benchmarks.md. */
export const SHAPE_NAMES = ['entity', 'hub', 'entities20', 'affiliation', 'paths', 'claims', 'search'] as const;
export type ShapeName = (typeof SHAPE_NAMES)[number];

/**
 * The canonical facts of each shape (every server's `facts` returns exactly these shapes):
 * - entity, hub: `{ name, relationships: [{ type, direction: 'OUTGOING'|'INCOMING', other: name, evidence: [quote] }] }`,
 *   the entity's first 10 relationships (any of the 8 entity relationship types) ordered by type, then
 *   relationship id; evidence quotes in the order of the relationship's `evidenceIds`.
 * - entities20: `[{ name, relationships: [{ type, other }], statements: [{ summary, speakers: [name, sorted] }] }]`:
 *   the first 20 entities ordered by lower-cased name then id; each with its first 5 relationships
 *   (type, id order) and the first 5 statements it SAID ordered by `coalesce(dateSortKey, '9999-99-99')`, then id.
 * - affiliation: `[{ summary, speakers: [name, sorted] }]`: the first 20 statements (date key, id order)
 *   whose speaker is the affiliation, or is PART_OF / HOLDS_ROLE in something that is PART_OF{0,3} it.
 * - paths: `{ lengths: [number], complete: [{ length, hops: [{ type, from: name, to: name }] }] }` for
 *   the 3 shortest paths (at most 6 hops, entity relationship types, either direction) from pathFrom
 *   to pathTo: their lengths, and the paths shorter than the longest of them (sorted), because which
 *   of several equally long paths fills the last places is left to Neo4j's search (see pathFacts).
 * - claims: `[{ proposition, value, conflictsWith: [claim id, sorted], stances: [{ stance, speakers: [name, sorted] }] }]`:
 *   the first 20 claims with that measure ordered by id; stances sorted by stance then speakers.
 * - search: `{ scores: [number rounded to 4 places], texts: [string, sorted] }` for the top 10 hits of
 *   full-text search over entities (index entity_text) and statements (index statement_text) by score;
 *   a hit's text is an entity's name or a statement's summary; `texts` holds the hits whose score is
 *   above the 10th score (ties at the cut may be broken differently).
 */
export type CanonicalFacts = unknown;

/** One path as facts. */
export interface PathFacts {
  length: number;
  hops: { type: unknown; from: unknown; to: unknown }[];
}

/**
 * The canonical facts of the search shape from the hits a server returned, best first: scores to 4
 * decimals, and the texts above the last score (hits tied with the last may differ between servers).
 */
export function searchFacts(hits: { score: number; text: string }[]): { scores: number[]; texts: string[] } {
  const rounded = hits.map((hit) => ({ score: Math.round(hit.score * 1e4) / 1e4, text: hit.text }));
  const cut = rounded.at(-1)?.score ?? 0;
  return {
    scores: rounded.map((hit) => hit.score),
    texts: rounded
      .filter((hit) => hit.score > cut)
      .map((hit) => hit.text)
      .sort(),
  };
}

/** The canonical facts of the paths shape from the paths a server returned (see SHAPE facts above). */
export function pathFacts(paths: PathFacts[]): { lengths: number[]; complete: PathFacts[] } {
  const lengths = paths.map((path) => path.length).sort((a, b) => a - b);
  const longest = lengths.at(-1) ?? 0;
  const complete = paths.filter((path) => path.length < longest).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return { lengths, complete };
}
