// npm run bench:reload: what re-loading one large document costs. Loads a synthetic document (10k
// entities, 20k relationships, 1k statements), then loads it again unchanged, with one statement
// edited, and with one entity edited; prints the seconds and items written for each, and removes the
// document. Uses NEO4J_URI when set, else the embedded Neo4j (like `npm start`, with at least the
// 2 GiB heap of `npm run bench`: one transaction of this document needs more than the 768 MiB default gives).
import { loadConfig } from '../src/config.js';
import { createDriver, GraphExecutor } from '../src/graph/executor.js';
import { startLocalNeo4j, type LocalNeo4j } from '../src/neo4j/local.js';
import { seedDocuments } from '../src/seed/load.js';
import { validateDocument } from '../src/seed/validate.js';
import { deleteEntities, entitiesDefinedBy } from './cleanup.js';
import { generateCorpus } from './generate.js';

const config = loadConfig();
let local: LocalNeo4j | undefined;
const uri =
  config.neo4j.mode === 'local'
    ? (local = await startLocalNeo4j({ ...config.neo4j, heapMb: Math.max(config.neo4j.heapMb, 2048) })).uri
    : config.neo4j.uri;
const auth = config.neo4j.mode === 'external' ? { user: config.neo4j.user, password: config.neo4j.password } : undefined;
const executor = new GraphExecutor(createDriver({ uri, auth, maxRetryMs: config.maxRetryMs }), config.database);
const [generated] = [...generateCorpus({ name: 'reload', entities: 10_000, relationships: 20_000, documents: 1 }, 7)];
if (!generated) throw new Error('the generator gave no document');
const sourceId = generated.document.source.id;
try {
  const { document } = generated;
  console.log(
    `document: ${document.entities.length} entities, ${document.relationships.length} relationships, ${document.statements.length} statements, ${document.claims.length} claims`,
  );
  const load = async (label: string, edit: (doc: typeof document) => void) => {
    const copy = structuredClone(document);
    edit(copy);
    const started = performance.now();
    const [summary] = await seedDocuments(executor, [validateDocument(`${sourceId}.json`, copy, generated.text)]);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    console.log(
      `${label.padEnd(24)} ${seconds.padStart(6)} s  written ${summary?.written ?? 0}, removed ${summary?.removed ?? 0}${summary?.unchanged ? ' (unchanged)' : ''}`,
    );
  };
  await load('first load', () => {});
  await load('unchanged', () => {});
  await load('one statement edited', (doc) => {
    if (doc.statements[0]) doc.statements[0].summary += ' (edited)';
  });
  await load('one entity edited', (doc) => {
    if (doc.statements[0]) doc.statements[0].summary += ' (edited)';
    if (doc.entities[0]) doc.entities[0].description += ' (edited)';
  });
} finally {
  // Batches keep each delete transaction small.
  const ownNodes = 'MATCH (n {sourceId: $sourceId}) WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS n';
  for (;;) {
    const [row] = await executor.writeRows<{ n: number }>(ownNodes, { sourceId });
    if (!row || row.n === 0) break;
  }
  // Its entities that no other source defines.
  const elsewhere = await entitiesDefinedBy(executor, { id: sourceId, except: true });
  const own = [...(await entitiesDefinedBy(executor, { id: sourceId }))].filter((id) => !elsewhere.has(id));
  await deleteEntities(executor, own);
  await executor.writeRows('MATCH (s:Source {id: $sourceId}) DETACH DELETE s', { sourceId });
  await executor.close();
  await local?.stop();
}
