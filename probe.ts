import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from './src/app.js';
import { loadConfig } from './src/config.js';
import { createLogger } from './src/logger.js';
import { readExamples } from './src/yoga.js';
const app = await startApp(loadConfig({ NEO4J_LOCAL_DATA_DIR: mkdtempSync(join(tmpdir(), 'p-')), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' }), createLogger('warn'));
const ex = readExamples();
const one = async (i: number) => { const t = performance.now(); const r = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: ex[i % ex.length]!.query }) }); const text = await r.text(); return [performance.now() - t, r.status, text.includes('errors')] as const; };
for (const n of [1, 1, 10, 50, 100, 200]) {
  const t = performance.now();
  const res = await Promise.all(Array.from({ length: n }, (_, i) => one(i)));
  console.log(n, 'wall', (performance.now() - t).toFixed(0), 'max', Math.max(...res.map((r) => r[0])).toFixed(0), 'errors', res.filter((r) => r[2]).length);
}
await app.close();
