import { fetchLookups, LOOKUP_KINDS, lookupKey, type ArgsOf, type LookupKind } from './batch.js';
import { listClaims } from './claims.js';
import { findEntity, listEntities } from './entities.js';
import { listSources } from './evidence.js';
import type { GraphExecutor } from './executor.js';
import { shortestPaths } from './paths.js';
import { searchGraph } from './search.js';
import { listStatements } from './statements.js';
import { timeline } from './timeline.js';
import { CorruptRecordError } from './records.js';

// A slug no entity has: every warm-up query is planned and run, and finds nothing.
const NOBODY = 'warm-up-nobody';

const PAGE = { first: 20, afterKey: null, withTotal: true };
/** Arguments for a request of each kind (the type makes a new kind add its own). */
const SAMPLE_ARGS: { [K in LookupKind]: ArgsOf<K> } = {
  entity: {},
  mentions: { first: 20 },
  relationships: { types: null, direction: null, basis: null, afterId: null, ...PAGE },
  neighbours: { depth: 1, first: 20 },
  officials: { first: 20 },
  statement: {},
  statementsBy: PAGE,
  statementsAbout: PAGE,
  statementsVia: PAGE,
  claim: {},
  evidence: {},
  source: {},
};

/**
 * Runs every query the API sends once, at start-up, so that Neo4j has planned and cached them
 * before the first client arrives. Planning the larger ones on a cold JVM takes seconds; under a
 * burst of concurrent first requests it ran past their deadlines, and a plan whose query is
 * cancelled is never cached, so the server never warmed up.
 */
export async function warmQueryPlans(executor: GraphExecutor): Promise<string[]> {
  // A broken row read on the way does not stop start-up: the query was planned all the same, and
  // the requests that read the row report it. What was found is returned, for the log.
  const broken: string[] = [];
  const planned = (running: Promise<unknown>) =>
    running.catch((error: unknown) => {
      if (!(error instanceof CorruptRecordError)) throw error;
      broken.push(error.message);
    });
  // Each kind's batch query alone, the commonest, in its usual size bucket (see fetchLookups).
  await Promise.all(LOOKUP_KINDS.map((kind) => planned(fetchLookups(executor, [lookupKey(kind, NOBODY, SAMPLE_ARGS[kind])]))));
  await Promise.all(
    [
      listEntities(executor, {}, 'NAME', { first: 1, after: null, withTotal: true }),
      listStatements(executor, {}, { first: 1, after: null, withTotal: true }),
      listClaims(executor, {}, { first: 1, after: null, withTotal: true }),
      findEntity(executor, NOBODY),
      searchGraph(executor, NOBODY, 1),
      timeline(executor, { from: null, to: null, entityId: null, limit: 1 }),
      shortestPaths(executor, NOBODY, `${NOBODY}-2`, { maxHops: 6, types: null, k: 1, bases: null }),
      listSources(executor, 1),
    ].map(planned),
  );
  return broken;
}
