// Name resolution: from what a person types ("Putin", "kyiv", "North Korea") to entities, ranked.
import type { GraphExecutor } from './executor.js';
import { int } from './executor.js';

/** How a name matched: the slug itself, the canonical name, an alias, or whole words of either. */
export type NameMatch = 'ID' | 'NAME' | 'ALIAS' | 'WORDS';

/** One entity a name may refer to. */
export interface EntityCandidate {
  id: string;
  name: string;
  matchedBy: NameMatch;
  /** The name or alias that matched (the slug for ID). */
  matchedName: string;
  /** 1 for the slug or canonical name, 0.95 for an alias; for WORDS, 0.9 × the share of the name the words cover. */
  score: number;
}

/** Most candidates returned per name. */
export const MAX_CANDIDATES = 20;

/**
 * Entities the words may be a part of are found by the text index and then checked word by word;
 * at most this many are checked per name, so a one-letter query costs no more than a long one.
 */
const WORD_SCAN_LIMIT = 500;

/** Shortest input that is matched by whole words (shorter input matches only exactly). */
export const MIN_WORDS_LENGTH = 3;

/** Ranked candidates for each name (best first, then by name), in one round-trip. */
export async function entityCandidates(
  executor: GraphExecutor,
  names: readonly string[],
  limit = MAX_CANDIDATES,
): Promise<Map<string, EntityCandidate[]>> {
  const requests = [...new Set(names)].map((value) => {
    const lower = value.trim().toLowerCase().replace(/\s+/g, ' ');
    return { value, lower, words: lower.length >= MIN_WORDS_LENGTH ? ` ${lower} ` : null };
  });
  const rows = await executor.readRows<{ value: string; candidates: EntityCandidate[] }>(
    `UNWIND $requests AS req
     CALL (req) {
       MATCH (e:Entity {id: req.value}) RETURN e, 'ID' AS matchedBy, e.id AS matchedName, 1.0 AS score
       UNION
       MATCH (e:Entity {nameLower: req.lower}) RETURN e, 'NAME' AS matchedBy, e.name AS matchedName, 1.0 AS score
       UNION
       MATCH (e:Entity) WHERE req.words IS NOT NULL AND e.searchText CONTAINS trim(req.words)
       WITH e, req LIMIT ${WORD_SCAN_LIMIT}
       UNWIND [e.name] + coalesce(e.aliases, []) AS candidate
       WITH e, req, candidate, toLower(candidate) AS lower
       WHERE lower = req.lower OR ' ' + lower + ' ' CONTAINS req.words
       RETURN e,
              CASE WHEN lower <> req.lower THEN 'WORDS' WHEN candidate = e.name THEN 'NAME' ELSE 'ALIAS' END AS matchedBy,
              candidate AS matchedName,
              CASE WHEN lower <> req.lower THEN 0.9 * toFloat(size(req.lower)) / size(lower) WHEN candidate = e.name THEN 1.0 ELSE 0.95 END AS score
     }
     WITH req, e, matchedBy, matchedName, score ORDER BY score DESC, size(matchedName)
     WITH req, e, collect({matchedBy: matchedBy, matchedName: matchedName, score: score})[0] AS best
     WITH req, e, best ORDER BY best.score DESC, e.name, e.id
     WITH req, collect({id: e.id, name: e.name, matchedBy: best.matchedBy, matchedName: best.matchedName, score: best.score})[..$limit] AS candidates
     RETURN req.value AS value, candidates`,
    { requests, limit: int(limit) },
  );
  const byName = new Map<string, EntityCandidate[]>(requests.map((request) => [request.value, []]));
  for (const row of rows) byName.set(row.value, row.candidates);
  return byName;
}

/**
 * The one entity a name refers to: the best exact match (slug, name, alias), else the only
 * entity whose name or an alias contains the words; `ambiguous` lists the candidates otherwise.
 */
export function pickEntity(candidates: readonly EntityCandidate[]): { id: string } | { ambiguous: EntityCandidate[] } | null {
  const exact = candidates.filter((candidate) => candidate.matchedBy !== 'WORDS');
  const [best, second] = exact;
  if (best)
    return second && second.score === best.score
      ? { ambiguous: exact.filter((candidate) => candidate.score === best.score) }
      : { id: best.id };
  // Words alone decide only when a single entity has them: "Putin", but not "Korea".
  const [only, other] = candidates;
  if (!only) return null;
  return other ? { ambiguous: [...candidates] } : { id: only.id };
}
