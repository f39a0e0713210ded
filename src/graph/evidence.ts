import { int, type GraphExecutor } from './executor.js';
import { lookup } from './lookup.js';
import type { EvidenceRecord, SourceRecord } from './records.js';

const SOURCE_FIELDS = 's.id AS id, s.title AS title, s.file AS file, s.publisher AS publisher, s.url AS url, s.language AS language, s.text AS text';

/** Batched lookups of evidence spans and sources by id. */
export const EVIDENCE_LOOKUPS = {
  evidence: lookup({
    cypher: `UNWIND $evidence AS key MATCH (ev:Evidence {id: key})
      RETURN 'evidence' AS kind, key, {id: ev.id, sourceId: ev.sourceId, start: ev.start, end: ev.end, quote: ev.quote} AS value`,
    many: false,
    map: (value) => value as unknown as EvidenceRecord,
  }),
  source: lookup({
    cypher: `UNWIND $source AS key MATCH (s:Source {id: key})
      RETURN 'source' AS kind, key, {id: s.id, title: s.title, file: s.file, publisher: s.publisher, url: s.url, language: s.language, text: s.text} AS value`,
    many: false,
    map: (value) => value as unknown as SourceRecord,
  }),
};

/** The first `limit` sources, ordered by id. */
export async function listSources(executor: GraphExecutor, limit: number): Promise<SourceRecord[]> {
  return executor.readRows<SourceRecord>(`MATCH (s:Source) RETURN ${SOURCE_FIELDS} ORDER BY s.id LIMIT $limit`, { limit: int(limit) });
}
