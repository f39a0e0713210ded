import type { GraphExecutor } from './executor.js';
import type { EvidenceRecord, SourceRecord } from './records.js';

/** Loads evidence spans by id, in the order asked. One round-trip. */
export async function evidenceByIds(executor: GraphExecutor, ids: readonly string[]): Promise<(EvidenceRecord | null)[]> {
  const rows = await executor.readRows<EvidenceRecord>(
    `UNWIND $ids AS id MATCH (ev:Evidence {id: id})
     RETURN ev.id AS id, ev.sourceId AS sourceId, ev.start AS start, ev.end AS end, ev.quote AS quote`,
    { ids: [...new Set(ids)] },
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Loads sources by id, in the order asked. One round-trip. */
export async function sourcesByIds(executor: GraphExecutor, ids: readonly string[]): Promise<(SourceRecord | null)[]> {
  const rows = await executor.readRows<SourceRecord>(
    `UNWIND $ids AS id MATCH (s:Source {id: id})
     RETURN s.id AS id, s.title AS title, s.file AS file, s.publisher AS publisher, s.url AS url, s.language AS language, s.text AS text`,
    { ids: [...new Set(ids)] },
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Every source, ordered by id. */
export async function listSources(executor: GraphExecutor): Promise<SourceRecord[]> {
  return executor.readRows<SourceRecord>(
    `MATCH (s:Source)
     RETURN s.id AS id, s.title AS title, s.file AS file, s.publisher AS publisher, s.url AS url, s.language AS language, s.text AS text
     ORDER BY s.id`,
  );
}
