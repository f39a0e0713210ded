import DataLoader from 'dataloader';
import { claimsByIds } from './graph/claims.js';
import { entitiesByIds, neighboursOf, officialsOf, relationshipsOf, type EntityEdge, type Neighbour, type OfficialRow } from './graph/entities.js';
import { evidenceByIds, sourcesByIds } from './graph/evidence.js';
import type { GraphExecutor } from './graph/executor.js';
import type { ClaimRecord, EntityRecord, EvidenceRecord, SourceRecord, StatementRecord } from './graph/records.js';
import { statementsByIds, statementsLinkedTo } from './graph/statements.js';
import type { Logger } from './logger.js';

/** Per-request batching loaders: each turns one nesting level's lookups into one Cypher round-trip. */
export interface Loaders {
  entity: DataLoader<string, EntityRecord | null>;
  statement: DataLoader<string, StatementRecord | null>;
  claim: DataLoader<string, ClaimRecord | null>;
  evidence: DataLoader<string, EvidenceRecord | null>;
  source: DataLoader<string, SourceRecord | null>;
  relationships: DataLoader<string, EntityEdge[]>;
  officials: DataLoader<string, OfficialRow[]>;
  statementsBy: DataLoader<string, StatementRecord[]>;
  statementsAbout: DataLoader<string, StatementRecord[]>;
  statementsVia: DataLoader<string, StatementRecord[]>;
  neighbours: (depth: number) => DataLoader<string, Neighbour[]>;
}

/** What every resolver sees; built fresh for each request so caches never leak between requests. */
export interface Context {
  executor: GraphExecutor;
  logger: Logger;
  loaders: Loaders;
}

/** Long-lived dependencies the per-request context is built from. */
export interface ContextDeps {
  executor: GraphExecutor;
  logger: Logger;
}

function grouped<V>(load: (ids: readonly string[]) => Promise<Map<string, V[]>>): DataLoader<string, V[]> {
  return new DataLoader(async (ids) => {
    const groups = await load(ids);
    return ids.map((id) => groups.get(id) ?? []);
  });
}

/** Builds fresh loaders bound to an executor. */
export function createLoaders(executor: GraphExecutor): Loaders {
  const neighbourLoaders = new Map<number, DataLoader<string, Neighbour[]>>();
  return {
    entity: new DataLoader((ids) => entitiesByIds(executor, ids)),
    statement: new DataLoader((ids) => statementsByIds(executor, ids)),
    claim: new DataLoader((ids) => claimsByIds(executor, ids)),
    evidence: new DataLoader((ids) => evidenceByIds(executor, ids)),
    source: new DataLoader((ids) => sourcesByIds(executor, ids)),
    relationships: grouped((ids) => relationshipsOf(executor, ids)),
    officials: grouped((ids) => officialsOf(executor, ids)),
    statementsBy: grouped((ids) => statementsLinkedTo(executor, ids, 'SAID')),
    statementsAbout: grouped((ids) => statementsLinkedTo(executor, ids, 'ABOUT')),
    statementsVia: grouped((ids) => statementsLinkedTo(executor, ids, 'VIA')),
    neighbours: (depth) => {
      let loader = neighbourLoaders.get(depth);
      if (!loader) {
        loader = grouped((ids) => neighboursOf(executor, ids, depth));
        neighbourLoaders.set(depth, loader);
      }
      return loader;
    },
  };
}

/** Builds a fresh per-request context. */
export function createContext(deps: ContextDeps): Context {
  return { executor: deps.executor, logger: deps.logger, loaders: createLoaders(deps.executor) };
}
