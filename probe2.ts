import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from './src/app.js';
import { loadConfig } from './src/config.js';
import { createLogger } from './src/logger.js';
import { readExamples } from './src/yoga.js';
const app = await startApp(loadConfig({ NEO4J_LOCAL_DATA_DIR: mkdtempSync(join(tmpdir(), 'p-')), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' }), createLogger('info'));
const ex = readExamples();
const orig = app.executor.rows.bind(app.executor);
(app.executor as unknown as { rows: typeof orig }).rows = async (tx, cypher, params) => { const t = performance.now(); try { return await orig(tx, cypher, params); } finally { console.log('  query', (performance.now() - t).toFixed(0), 'ms', cypher.slice(0, 60).replace(/\s+/g, ' ')); } };
for (const e of ex.slice(0, 4)) { const t = performance.now(); const r = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: e.query }) }); await r.text(); console.log(e.name, (performance.now() - t).toFixed(0)); }
await app.close();
