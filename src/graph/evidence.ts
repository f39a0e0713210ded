import { int, type GraphExecutor } from './executor.js';
import { lookup } from './lookup.js';
import { evidenceFrom, sourceFrom, type SourceRecord } from './records.js';

const SOURCE_FIELDS = 'id: s.id, title: s.title, file: s.file, publisher: s.publisher, url: s.url, language: s.language, text: s.text';

/** Evidence span `ev` as a record. */
export const EVIDENCE_MAP = '{id: ev.id, sourceId: ev.sourceId, start: ev.start, end: ev.end, quote: ev.quote}';

/** Batched lookups of evidence spans and sources by id. */
export const EVIDENCE_LOOKUPS = {
  evidence: lookup()({
    cypher: `MATCH (ev:Evidence {id: req.id})
      RETURN 'evidence' AS kind, req.key AS key, ${EVIDENCE_MAP} AS value`,
    many: false,
    map: evidenceFrom,
  }),
  source: lookup()({
    cypher: `MATCH (s:Source {id: req.id})
      RETURN 'source' AS kind, req.key AS key, {${SOURCE_FIELDS}} AS value`,
    many: false,
    map: sourceFrom,
  }),
};

/** The first `limit` sources, ordered by id. */
export async function listSources(executor: GraphExecutor, limit: number): Promise<SourceRecord[]> {
  const rows = await executor.readRows<{ source: unknown }>(
    `MATCH (s:Source) RETURN {${SOURCE_FIELDS}} AS source ORDER BY s.id LIMIT $limit`,
    { limit: int(limit) },
  );
  return rows.map((row) => sourceFrom(row.source));
}
