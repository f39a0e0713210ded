// A deterministic synthetic corpus in our seed format, for benchmarks: the same size and seed always
// give the same documents, byte for byte. See world.ts for the shape of the world and document.ts
// for how a document is written.
import type { SeedDocument } from '../src/seed/format.js';
import { writeDocument } from './document.js';
import { SyntheticWorld } from './world.js';

/** How big a corpus is: entities and relationships in total, spread over `documents` sources. */
export interface CorpusSize {
  name: string;
  entities: number;
  relationships: number;
  documents: number;
}

/** The standard benchmark sizes: documents of about 1,000 relationships each. */
export const SIZES: { '10k': CorpusSize; '1m': CorpusSize } = {
  '10k': { name: '10k', entities: 10_000, relationships: 100_000, documents: 100 },
  '1m': { name: '1m', entities: 100_000, relationships: 1_000_000, documents: 1_000 },
};

export const DEFAULT_SEED = 20_241_025;

/** Ids and words that benchmark queries can rely on, known without generating the corpus. */
export interface Probes {
  /** An ordinary organization with exactly 11 relationships. */
  entityId: string;
  /** The country with about 2,000 relationships, all planted. */
  hubId: string;
  /** Its exact number of relationships. */
  hubDegree: number;
  /** A country whose officials (persons holding roles in bodies PART_OF it) made many statements. */
  affiliationId: string;
  /** A measure with eight quantity claims of different values. */
  measure: string;
  /** Two entities whose shortest path is exactly 4 hops. */
  pathFrom: string;
  pathTo: string;
  /** A word in some entity names and some statement summaries. */
  searchTerm: string;
}

/** Yields the corpus one document at a time (memory stays bounded at any size). */
export function* generateCorpus(size: CorpusSize, seed: number = DEFAULT_SEED): Generator<{ document: SeedDocument; text: string }> {
  const world = new SyntheticWorld(size, seed);
  for (let index = 0; index < size.documents; index++) yield writeDocument(world, index);
}

/** The probes of a corpus, computed from the world's rules alone (cheap at any size). */
export function probesFor(size: CorpusSize, seed: number = DEFAULT_SEED): Probes {
  const world = new SyntheticWorld(size, seed);
  const hubId = world.facts(world.hub).id;
  return {
    entityId: world.facts(world.probeOrganization).id,
    hubId,
    hubDegree: world.hubDegree,
    affiliationId: hubId,
    measure: world.measure(0).slug,
    pathFrom: world.facts(world.pathPerson).id,
    pathTo: world.facts(world.pathEvent).id,
    searchTerm: 'maritime',
  };
}
